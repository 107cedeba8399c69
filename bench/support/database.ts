import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/infra/database.js';

/** The server the benches run on: its maintenance database, where a fresh one is created per run. */
export function benchServerUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgresql://postgres@127.0.0.1:5432/postgres'
  );
}

export interface BenchDatabase extends Database {
  /** Connection string of the fresh database. */
  url: string;
  name: string;
}

/**
 * A new database on the bench server, migrated by the app's own `openDatabase` (Prisma client with
 * a PrismaPg pool of `poolSize`); `close()` disconnects and drops it.
 */
export async function createBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const server = benchServerUrl();
  const name = `market_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  let db: Database;
  try {
    db = await openDatabase({ url: url.toString(), dataDir: 'unused', poolSize });
  } catch (error) {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  return {
    ...db,
    url: url.toString(),
    name,
    async close() {
      try {
        await db.close();
      } finally {
        await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    },
  };
}

async function adminQuery(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Counts the statements sent through every `pg` client in the process (PrismaPg's pool included):
 * a bench divides the count by the work done to get round trips per operation.
 */
export function countPgQueries(): { read(): number } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __benchCounted?: boolean };
  const state = globalThis as unknown as { __benchPgQueries?: number };
  state.__benchPgQueries ??= 0;
  if (!proto.__benchCounted) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      state.__benchPgQueries = (state.__benchPgQueries ?? 0) + 1;
      return original.apply(this, args);
    };
    proto.__benchCounted = true;
  }
  return { read: () => state.__benchPgQueries ?? 0 };
}
