import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/infra/database.js';

/**
 * A fresh, migrated in-memory PGlite database (the app's own code path, nothing kept on disk),
 * started from the migrated snapshot that tests/support/global-setup.ts made.
 */
export async function createTestDb(): Promise<Database> {
  const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
  return openDatabase({ dataDir: 'memory://', pgliteSnapshot: snapshot });
}
