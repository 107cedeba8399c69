/**
 * Where the purchase path's time goes: variants of the core and of the raw baseline compared in
 * paired runs (`npm run bench -- purchase-explore`; not part of the default run). Groups run one
 * after another so that no more than a few pools are open at once.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../src/generated/prisma/client.js';
import {
  AMOUNT,
  compare,
  coreDeps,
  coreVariant,
  type Fixture,
  MAX_BUYERS,
  type Measured,
  makeToken,
  openFixture,
  pairedRatio,
  RAW_CONFIRM,
  RAW_RESERVE,
  rates,
  rawVariant,
  SALE,
  type Setting,
  type Variant,
  warmUp,
} from './purchase.js';
import type { Bench } from './support/bench.js';
import { fixed, median, table } from './support/stats.js';

const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? '3'));
const SETTINGS: Setting[] = [
  { buyers: 1, purchases: 120 },
  { buyers: 32, purchases: 800 },
];
const POOL = MAX_BUYERS + 8;


/** The confirmation with the round's row (the hot lock) updated last, after every insert. */
const RAW_CONFIRM_LATE_LOCK = `
  WITH RECURSIVE paid AS (
    UPDATE token_orders SET status = 'PAID', paid_at = $2, updated_at = $2
    WHERE id = $1 AND status = 'PENDING'
    RETURNING id, buyer_id, round_id, amount, reward_percents
  ),
  upline(level, user_id) AS (
    SELECT 1, u.referrer_id FROM paid JOIN users u ON u.id = paid.buyer_id WHERE u.referrer_id IS NOT NULL
    UNION ALL
    SELECT upline.level + 1, u.referrer_id FROM upline JOIN users u ON u.id = upline.user_id
    WHERE u.referrer_id IS NOT NULL AND upline.level < 11
  ),
  shares AS (
    SELECT paid.id AS order_id, upline.user_id, upline.level, paid.reward_percents[upline.level] AS percent,
           floor(paid.amount * paid.reward_percents[upline.level] / 100)::bigint AS amount
    FROM paid JOIN upline ON upline.level <= coalesce(cardinality(paid.reward_percents), 0)
  ),
  rewards AS (
    INSERT INTO referral_rewards (order_id, beneficiary_id, level, percent, amount, created_at)
    SELECT order_id, user_id, level, percent, amount, $2 FROM shares WHERE amount > 0
    ON CONFLICT (order_id, level) DO NOTHING
    RETURNING id, beneficiary_id, amount
  ),
  asset AS (SELECT t.symbol FROM paid JOIN token_rounds r ON r.id = paid.round_id JOIN tokens t ON t.id = r.token_id),
  entries AS (
    INSERT INTO ledger_entries (user_id, kind, asset, amount, source, created_at)
    SELECT paid.buyer_id, 'PURCHASE'::"LedgerKind", asset.symbol, paid.amount, 'token_order:' || paid.id, $2 FROM paid, asset
    UNION ALL
    SELECT rewards.beneficiary_id, 'REFERRAL_REWARD'::"LedgerKind", asset.symbol, rewards.amount, 'referral_reward:' || rewards.id, $2
    FROM rewards, asset
    ON CONFLICT (kind, source) DO NOTHING
    RETURNING user_id, asset, amount
  ),
  credited AS (
    INSERT INTO balances (user_id, asset, amount)
    SELECT user_id, asset, sum(amount)::bigint FROM entries GROUP BY user_id, asset
    ON CONFLICT (user_id, asset) DO UPDATE SET amount = balances.amount + excluded.amount
    RETURNING user_id
  ),
  moved AS (
    -- The sub-select is an init plan: every insert above runs before this row is locked.
    UPDATE token_rounds r SET reserved = r.reserved - paid.amount, sold = r.sold + paid.amount
    FROM paid WHERE r.id = paid.round_id AND (SELECT count(*) FROM credited) >= 0
    RETURNING r.sold, r.cap
  )
  SELECT sold, cap FROM moved`;

/** The two raw statements sent through Prisma's `$queryRawUnsafe`: Prisma's cost per statement. */
function prismaTwoStatements(prisma: PrismaClient): Variant {
  const levelPercents = SALE.referralLevelPercents.map((p) => p.toString());
  return {
    name: 'prisma-2stmt',
    async purchase(buyerId, tokenId) {
      const now = new Date();
      const reservedUntil = new Date(now.getTime() + SALE.reservationMinutes * 60_000);
      const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
        RAW_RESERVE,
        buyerId,
        tokenId,
        AMOUNT,
        now,
        reservedUntil,
        levelPercents,
        SALE.referralMinPurchase,
      );
      const order = rows[0];
      if (!order) return false;
      const confirmed = await prisma.$queryRawUnsafe<unknown[]>(RAW_CONFIRM, order.id, new Date());
      if (!confirmed[0]) throw new Error(`confirm of order ${order.id} changed nothing`);
      return true;
    },
  };
}

const statementNames = new Map<string, string>();
function preparedStatementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `q${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/** A Prisma client like openDatabase's, with its own pool size and prepared statements or not. */
function prismaClient(url: string, max: number, prepared: boolean): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: url, max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 2_000 },
    prepared ? { statementNameGenerator: preparedStatementName } : {},
  );
  return new PrismaClient({ adapter });
}

// ---------------------------------------------------------------------------------------------
// Time per statement, from the pg client's point of view (send to result, queueing excluded).

interface StatementTimes {
  byStatement: Map<string, number[]>;
  enabled: boolean;
}

const statementTimes: StatementTimes = { byStatement: new Map(), enabled: false };
let timingInstalled = false;

function label(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  if (/^BEGIN|^COMMIT|^ROLLBACK/i.test(flat)) return flat.split(' ')[0]!.toUpperCase();
  if (flat.includes('WITH reserved AS')) return 'reserve+order CTE';
  if (flat.includes('WITH RECURSIVE upline')) return 'load order + upline';
  if (flat.includes('WITH RECURSIVE paid') || flat.includes('WITH paid AS')) return 'confirm CTE';
  return flat.slice(0, 60);
}

function installStatementTiming(): void {
  if (timingInstalled) return;
  timingInstalled = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (!statementTimes.enabled) return original.apply(this, args);
    const first = args[0] as string | { text?: string };
    const sql = typeof first === 'string' ? first : (first?.text ?? '?');
    const record = (t0: number) => {
      const key = label(sql);
      const list = statementTimes.byStatement.get(key) ?? [];
      list.push(performance.now() - t0);
      statementTimes.byStatement.set(key, list);
    };
    const t0 = performance.now();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cb: unknown[]) => {
        record(t0);
        return (last as (...a: unknown[]) => unknown)(...cb);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    return result?.then?.((r) => {
      record(t0);
      return r;
    });
  };
}

/**
 * One buyer, one purchase at a time, the variants taking turns purchase by purchase (so machine
 * noise hits them alike): each statement's time as the pg client sees it, and what is left over
 * for the client side (JS, Prisma, pool checkout).
 */
async function profileSerial(fx: Fixture, variants: Variant[], purchases: number): Promise<string[][]> {
  for (const variant of variants) await warmUp(fx, variant, 1, 50);
  const token = await makeToken(fx.prisma, 'p', purchases * variants.length * 2);
  const latencies = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const times = new Map<string, Map<string, number[]>>(variants.map((v) => [v.name, new Map()]));
  try {
    for (let i = 0; i < purchases; i++) {
      for (const variant of variants) {
        statementTimes.byStatement = times.get(variant.name)!;
        statementTimes.enabled = true;
        const t0 = performance.now();
        await variant.purchase(fx.buyers[0]!, token.id);
        latencies.get(variant.name)!.push(performance.now() - t0);
        statementTimes.enabled = false;
      }
    }
  } finally {
    statementTimes.enabled = false;
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const rows: string[][] = [];
  for (const variant of variants) {
    let inPg = 0;
    for (const [key, list] of times.get(variant.name)!) {
      inPg += (mean(list) * list.length) / purchases;
      rows.push([`${variant.name}: ${key}`, fixed(list.length / purchases, 1), fixed(median(list), 2), fixed(mean(list), 2)]);
    }
    const whole = latencies.get(variant.name)!;
    rows.push([`${variant.name}: whole purchase`, '', fixed(median(whole), 2), fixed(mean(whole), 2)]);
    rows.push([`${variant.name}: outside pg (JS, Prisma, pool)`, '', '', fixed(mean(whole) - inPg, 2)]);
  }
  return rows;
}

/** A pg pool like the raw baseline's; idle connections close soon so groups do not pile them up. */
function rawPool(url: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 2_000 });
}

// ---------------------------------------------------------------------------------------------

function report(title: string, results: Awaited<ReturnType<typeof compare>>, anchor: string): void {
  console.log(`\n${title}`);
  const rows: string[][] = [];
  for (const { setting, byVariant } of results) {
    const base = byVariant.get(anchor)!;
    for (const [name, ms] of byVariant) {
      rows.push([
        String(setting.buyers),
        name,
        fixed(rates(ms)),
        fixed(pairedRatio(ms, base), 2),
        fixed(median(ms.map((m: Measured) => m.p50)), 1),
        fixed(median(ms.map((m: Measured) => m.p99)), 1),
        fixed(median(ms.map((m: Measured) => m.queriesPerPurchase)), 1),
        ms.every((m) => m.check.ok) ? 'OK' : 'FAIL',
      ]);
    }
  }
  console.log(table(['buyers', 'variant', 'purchases/s', `vs ${anchor}`, 'p50 ms', 'p99 ms', 'stmts', 'check'], rows));
}

export const purchaseExploreBench: Bench = {
  name: 'purchase-explore',
  description: 'where the purchase time goes: Prisma per statement, prepared statements, pool size, lock order',
  explicitOnly: true,
  async run() {
    installStatementTiming();
    // The fixture's own pools only set up and verify; every measured variant gets its own pool in
    // its group, and a group holds at most two (the server allows 100 connections in all).
    const { fx, db, close } = await openFixture(4);
    let allOk = true;
    const check = (results: Awaited<ReturnType<typeof compare>>) => {
      allOk &&= results.every((r) => r.ok);
      return results;
    };
    const group = async (
      title: string,
      anchor: string,
      settings: Setting[],
      build: (own: { prisma(max: number, prepared?: boolean): PrismaClient; pool(max: number): pg.Pool }) => Variant[],
    ) => {
      const clients: PrismaClient[] = [];
      const pools: pg.Pool[] = [];
      try {
        const variants = build({
          prisma: (max, prepared = true) => {
            const client = prismaClient(db.url, max, prepared);
            clients.push(client);
            return client;
          },
          pool: (max) => {
            const pool = rawPool(db.url, max);
            pools.push(pool);
            return pool;
          },
        });
        report(title, check(await compare(fx, variants, settings, REPEATS)), anchor);
      } finally {
        for (const client of clients) await client.$disconnect();
        for (const pool of pools) await pool.end();
      }
    };
    try {
      {
        const prisma = prismaClient(db.url, 4, true);
        const pool = rawPool(db.url, 4);
        try {
          console.log('serial profile, 1 buyer, variants taking turns: statements per purchase, median and mean ms');
          const variants = [coreVariant(coreDeps(prisma)), rawVariant(pool), prismaTwoStatements(prisma)];
          console.log(table(['statement', 'per purchase', 'median ms', 'mean ms'], await profileSerial(fx, variants, 300)));
        } finally {
          await prisma.$disconnect();
          await pool.end();
        }
      }

      await group('A. same two statements through pg and through Prisma $queryRawUnsafe; the core as it is', 'raw', SETTINGS, (own) => {
        const prisma = own.prisma(POOL);
        return [rawVariant(own.pool(POOL)), prismaTwoStatements(prisma), coreVariant(coreDeps(prisma))];
      });
      await group('B1. core with prepared statements (statementNameGenerator, as src) vs without', 'core', SETTINGS, (own) => [
        coreVariant(coreDeps(own.prisma(POOL, true))),
        { ...coreVariant(coreDeps(own.prisma(POOL, false))), name: 'core-unprepared' },
      ]);
      await group('B2. raw with prepared statements vs without', 'raw', SETTINGS, (own) => {
        const pool = own.pool(POOL);
        return [rawVariant(pool), rawVariant(pool, { name: 'raw-unprepared', prepared: false })];
      });
      const top = SETTINGS.filter((s) => s.buyers === MAX_BUYERS);
      await group(`C1. core: pool of ${POOL} vs 16 vs 8 at ${MAX_BUYERS} buyers`, 'core', top, (own) => [
        coreVariant(coreDeps(own.prisma(POOL))),
        { ...coreVariant(coreDeps(own.prisma(16))), name: 'core-pool16' },
        { ...coreVariant(coreDeps(own.prisma(8))), name: 'core-pool8' },
      ]);
      await group(`C2. raw: pool of ${POOL} vs 16 vs 8 at ${MAX_BUYERS} buyers`, 'raw', top, (own) => [
        rawVariant(own.pool(POOL)),
        rawVariant(own.pool(16), { name: 'raw-pool16' }),
        rawVariant(own.pool(8), { name: 'raw-pool8' }),
      ]);
      await group('D. raw confirmation with the round row updated last', 'raw', SETTINGS, (own) => {
        const pool = own.pool(POOL);
        return [rawVariant(pool), rawVariant(pool, { name: 'raw-late-lock', confirmSql: RAW_CONFIRM_LATE_LOCK })];
      });
    } finally {
      await close();
    }
    return allOk;
  },
};
