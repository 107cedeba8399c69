import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { PGLITE_EXTENSIONS } from '../../src/infra/database.js';
import { migrate, readMigrations } from '../../src/infra/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

/**
 * initdb inside PGlite takes seconds; every test file needs a fresh database. So: one migrated
 * database is made once, dumped, cached by the migrations' checksums and PGlite's version, and
 * each test file starts from that dump (migrate() still runs on it and checks the checksums).
 */
export default async function setup(project: TestProject) {
  const migrations = await readMigrations();
  const version = JSON.parse(await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version;
  const key = createHash('sha256').update(version).update(migrations.map((m) => m.checksum).join()).digest('hex').slice(0, 16);
  const dir = new URL('../../node_modules/.cache/market/', import.meta.url).pathname;
  const file = join(dir, `pglite-${key}.tar`);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    await migrate(lite, migrations);
    const dump = await lite.dumpDataDir('none');
    await lite.close();
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  }
  project.provide('pgliteSnapshot', file);
}
