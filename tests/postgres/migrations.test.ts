import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { migratePostgres } from '../../src/infra/database.js';
import { readMigrations } from '../../src/infra/migrations.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const name = `market_m_${randomBytes(6).toString('hex')}`;
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};
afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

test('several processes migrating one database at once apply each migration exactly once', async () => {
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const results = await Promise.all(Array.from({ length: 6 }, () => migratePostgres(url.toString())));
  const migrations = (await readMigrations()).map((m) => m.name);
  expect(results.flat().sort()).toEqual(migrations);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query('SELECT migration_name FROM _prisma_migrations ORDER BY 1').finally(() => client.end());
  expect(rows.map((r) => r.migration_name)).toEqual(migrations);
});
