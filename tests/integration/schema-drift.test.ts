// prisma/schema.prisma and the hand-written SQL in prisma/migrations must describe the same
// database. This builds a database from the migrations and compares its catalog with the schema's
// DMMF (tests/support/schema-drift.ts): tables, columns (type, nullability, default), primary keys,
// unique and normal indexes, foreign keys with their actions, and enums, in both directions.
// CHECK constraints are not compared: the schema language cannot express them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { findSchemaDrift, readSchema } from '../support/schema-drift.js';

/**
 * Indexes the migrations create on purpose that schema.prisma cannot describe. Each entry needs a
 * reason; the checker fails if an entry no longer exists, so the list cannot go stale.
 */
const ALLOWED_EXTRA_INDEXES = [
  // Partial unique index: at most one ACTIVE round per token (… ON token_rounds(token_id) WHERE status = 'ACTIVE').
  'token_rounds_one_active_per_token',
  // Partial unique index: one market-wide fee rule per market (… ON fee_rules(market_id) WHERE category_id IS NULL).
  'fee_rules_one_per_market',

  // Partial unique index: at most one open payout per user and asset (… WHERE status IN ('PENDING', 'SIGNED', 'SENT')).
  'payouts_one_open_per_user',
  // Expression index: the lots' text search, one trigram GIN index over both descriptions
  // (… USING GIN ((short_description || ' ' || description) gin_trgm_ops)). Prisma's @@index takes
  // fields only, not expressions; src/core/market/list-lots.ts matches this exact expression.
  'lots_search_idx',
];

const options = { allowedExtraIndexes: ALLOWED_EXTRA_INDEXES };

describe('schema drift: prisma/schema.prisma vs prisma/migrations', () => {
  let db: Database;
  const schema = readSchema();

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the migrated database matches schema.prisma', async () => {
    const mismatches = await findSchemaDrift(db.prisma, schema, options);
    expect(mismatches).toEqual([]);
  });

  it('catches a schema change the migrations lack', async () => {
    const changed = replaceOnce(
      schema,
      /(model Token \{\n)/,
      '$1  nickname String?\n  @@index([name])\n',
    );
    const mismatches = await findSchemaDrift(db.prisma, changed, options);
    expect(mismatches).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tokens\.nickname: column missing/),
        expect.stringMatching(/^tokens: index \(name\) missing/),
      ]),
    );
    expect(mismatches).toHaveLength(2);
  });

  it('compares defaults, precision and relation actions', async () => {
    let changed = replaceOnce(schema, /@default\(\[BUYER\]\)/, '@default([BUYER, SELLER])');
    changed = replaceOnce(changed, /(language\s+String\s+)@default\("en"\)/, '$1@default("fr")');
    changed = replaceOnce(changed, /(status\s+RoundStatus\s+)@default\(DRAFT\)/, '$1@default(ACTIVE)');
    changed = replaceOnce(changed, /(minPurchase\s+BigInt\s+)@default\(1\)/, '$1@default(2)');
    changed = replaceOnce(changed, /(paidAt\s+DateTime\?\s+@map\("paid_at"\) )@db\.Timestamptz\(3\)/, '$1@db.Timestamptz(6)');
    changed = replaceOnce(changed, /(user User @relation\(fields: \[userId\], references: \[id\], onDelete: )Cascade/, '$1NoAction');
    const mismatches = await findSchemaDrift(db.prisma, changed, options);
    const expected = [
      /^users\.roles: default is ARRAY\['BUYER'::"Role"\], schema has @default\(\["BUYER","SELLER"\]\)$/,
      /^users\.language: default is 'en'::text, schema has @default\("fr"\)$/,
      /^token_rounds\.status: default is 'DRAFT'::"RoundStatus", schema has @default\("ACTIVE"\)$/,
      /^token_rounds\.min_purchase: default is 1, schema has @default\("2"\)$/,
      /^token_orders\.paid_at: type timestamp\(3\) with time zone in the database, schema has timestamp\(6\) with time zone$/,
      /^profiles: profiles_user_id_fkey is ON DELETE Cascade in the database, schema has onDelete: NoAction$/,
    ];
    expect(mismatches).toEqual(expect.arrayContaining(expected.map((re) => expect.stringMatching(re))));
    expect(mismatches).toHaveLength(expected.length);
  });

  describe('against a database altered behind the schema’s back', () => {
    let altered: Database;

    beforeAll(async () => {
      altered = await createTestDb();
      for (const sql of [
        'ALTER TABLE "tokens" DROP COLUMN "name"',
        'ALTER TABLE "users" ALTER COLUMN "language" TYPE VARCHAR(10)',
        'ALTER TABLE "token_rounds" ALTER COLUMN "unit_price" TYPE DECIMAL(20,10)',
        'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL',
        'ALTER TABLE "balances" ALTER COLUMN "amount" DROP DEFAULT',
        'ALTER TABLE "token_orders" ADD COLUMN "note" TEXT',
        'DROP INDEX "token_orders_round_id_status_idx"',
        'CREATE INDEX "ledger_entries_asset_idx" ON "ledger_entries"("asset")',
        'DROP INDEX "tokens_symbol_key"',
        'CREATE INDEX "tokens_symbol_idx" ON "tokens"("symbol")',
        'ALTER TABLE "profiles" DROP CONSTRAINT "profiles_user_id_fkey"',
        'ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
        `ALTER TYPE "Role" ADD VALUE 'GUEST'`,
        `CREATE TYPE "Stray" AS ENUM ('X')`,
        'CREATE TABLE "stray" ("id" INTEGER PRIMARY KEY)',
      ]) {
        await altered.prisma.$executeRawUnsafe(sql);
      }
    });
    afterAll(async () => {
      await altered?.close();
    });

    it('reports each change by name', async () => {
      const mismatches = await findSchemaDrift(altered.prisma, schema, options);
      const expected = [
        /^tokens\.name: column missing in the database/,
        /^users\.language: type character varying\(10\) in the database, schema has text$/,
        /^token_rounds\.unit_price: type numeric\(20,10\) in the database, schema has numeric\(30,10\)$/,
        /^users\.email: NOT NULL in the database, optional in the schema$/,
        /^balances\.amount: default is missing/,
        /^token_orders\.note: column in the database but no field maps to it$/,
        /^token_orders: index \(round_id, status\) missing in the database$/,
        /^ledger_entries: index ledger_entries_asset_idx in the database but not in the schema/,
        /^tokens: unique index \(symbol\) missing in the database; found instead: CREATE INDEX tokens_symbol_idx/,
        /^tokens: index tokens_symbol_idx in the database but not in the schema/,
        /^profiles: profiles_user_id_fkey is ON DELETE Restrict in the database, schema has onDelete: Cascade$/,
        /^enum "Role": values \[BUYER, SELLER, SUPPORT, ADMIN, GUEST\] in the database/,
        /^enum "Stray": in the database but not in the schema$/,
        /^table stray: in the database but no model maps to it$/,
      ];
      expect(mismatches).toEqual(expect.arrayContaining(expected.map((re) => expect.stringMatching(re))));
      expect(mismatches).toHaveLength(expected.length);
    });

    it('reports an allow-listed index that no longer exists', async () => {
      const mismatches = await findSchemaDrift(altered.prisma, schema, {
        allowedExtraIndexes: [...ALLOWED_EXTRA_INDEXES, 'no_such_index'],
      });
      expect(mismatches).toContain('allow-listed index no_such_index does not exist in the database; drop it from the allow-list');
    });
  });
});

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`schema.prisma no longer matches ${pattern}; update this test`);
  return text.replace(pattern, replacement);
}
