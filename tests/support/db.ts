import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { inject } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { type Database, openDatabase, PGLITE_EXTENSIONS } from '../../src/infra/database.js';

/**
 * A fresh, migrated in-memory PGlite database (the app's own code path, nothing kept on disk),
 * started from the migrated snapshot that tests/support/global-setup.ts made.
 */
export async function createTestDb(): Promise<Database> {
  const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
  return openDatabase({ dataDir: 'memory://', pgliteSnapshot: snapshot });
}

/**
 * The same database, with every statement Prisma sends recorded in `statements` (the text of each
 * query the adapter runs; transaction BEGIN/COMMIT are not queries and are not counted). For tests
 * that prove how many statements a use case takes.
 */
export async function createCountingTestDb(): Promise<Database & { statements: string[] }> {
  const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
  const lite = await PGlite.create({ loadDataDir: snapshot, extensions: PGLITE_EXTENSIONS });
  const statements: string[] = [];
  const query = lite.query.bind(lite);
  lite.query = ((sql: string, ...rest: unknown[]) => {
    statements.push(sql);
    return (query as (...args: unknown[]) => unknown)(sql, ...rest);
  }) as typeof lite.query;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    prisma,
    kind: 'pglite',
    statements,
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
