import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/infra/database.js';

/** The server named by TEST_DATABASE_URL; the postgres suite runs only when it is set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface PgTestDb extends Database {
  url: string;
}

/**
 * A new, migrated database of its own on the TEST_DATABASE_URL server (dropped on close), with a
 * Prisma client whose pool has `poolSize` real connections.
 */
export async function createPgTestDb(poolSize = 60): Promise<PgTestDb> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `market_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), dataDir: 'unused', poolSize });
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
