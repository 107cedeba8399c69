import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, expect, test } from 'vitest';
import { PGLITE_EXTENSIONS } from '../../src/infra/database.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/infra/migrations.js';

let lite: PGlite | undefined;
afterEach(async () => {
  await lite?.close();
  lite = undefined;
});

test('applies every migration once, in order, recorded as Prisma records them', async () => {
  lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const migrations = await readMigrations();
  expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
  expect(await migrate(lite, migrations)).toEqual(migrations.map((m) => m.name));
  expect(await migrate(lite, migrations)).toEqual([]);

  const { rows } = await lite.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
    'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
  );
  const first = migrations[0]!;
  const onDisk = await readFile(`${MIGRATIONS_DIR}${first.name}/migration.sql`);
  expect(rows[0]).toMatchObject({
    migration_name: first.name,
    checksum: createHash('sha256').update(onDisk).digest('hex'),
    applied_steps_count: 1,
  });
  expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  expect(rows).toHaveLength(migrations.length);
});

test('a migration edited after it was applied stops the migrate', async () => {
  lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const migrations = await readMigrations();
  await migrate(lite, migrations);
  const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
  await expect(migrate(lite, edited)).rejects.toThrow(/was changed after it was applied/);
});

test('a failing migration leaves nothing behind: all pending ones are one transaction', async () => {
  lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const broken = [
    { name: '20990101000000_ok', sql: 'CREATE TABLE first_one (id int);', checksum: 'a'.repeat(64) },
    { name: '20990101000001_broken', sql: 'CREATE TABLE second_one (id int); SELECT no_such_function();', checksum: 'b'.repeat(64) },
  ];
  await expect(migrate(lite, broken)).rejects.toThrow(/no_such_function/);
  const { rows } = await lite.query<{ name: string | null }>("SELECT to_regclass('first_one')::text AS name");
  expect(rows[0]?.name).toBeNull();
  expect(await migrate(lite, broken.slice(0, 1))).toEqual(['20990101000000_ok']);
});
