import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from './logger.js';
import { migrate, readMigrations, type SqlConnection } from './migrations.js';

export type Db = PrismaClient;

/**
 * The PostgreSQL extensions the migrations create (pg_trgm: the lots' text search). PGlite must be
 * given them on every start, also on a data directory where they already exist.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the database is PGlite under dataDir. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir: string;
  /** PostgreSQL pool size: size it to the concurrency served (the default 10 queues bursts). */
  poolSize?: number;
  /** PGlite only: start from this dump of a data directory (PGlite#dumpDataDir) instead of initdb. */
  pgliteSnapshot?: Blob;
  logger?: Logger;
}

/** Opens the database, applies pending migrations and returns a Prisma client on it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options.dataDir, options);
}

async function openPGlite(dataDir: string, options: DatabaseOptions): Promise<Database> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const lite = await PGlite.create({
    extensions: PGLITE_EXTENSIONS,
    ...(dataDir.startsWith('memory://') ? {} : { dataDir }),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
  });
  const applied = await migrate(lite, await readMigrations());
  if (applied.length) options.logger?.info({ applied }, 'migrations applied');
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    prisma,
    kind: 'pglite',
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  await migratePostgres(url, options.logger);
  const adapter = new PrismaPg(
    { connectionString: url, max: options.poolSize ?? 20, connectionTimeoutMillis: 10_000 },
    { statementNameGenerator: preparedStatementName },
  );
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'postgres',
    async close() {
      await prisma.$disconnect();
    },
  };
}

export async function migratePostgres(url: string, logger?: Logger): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await migrate(pgConnection(client), await readMigrations());
    if (applied.length) logger?.info({ applied }, 'migrations applied');
    return applied;
  } finally {
    await client.end();
  }
}

export function pgConnection(client: pg.Client | pg.PoolClient): SqlConnection {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)) as unknown as { rows: T[] },
    exec: (sql) => client.query(sql),
  };
}

// Named statements are prepared once per connection and reused: one name per distinct SQL text.
const statementNames = new Map<string, string>();
function preparedStatementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `q${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}
