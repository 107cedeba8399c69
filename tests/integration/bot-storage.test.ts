import { afterAll, beforeAll, expect, test } from 'vitest';
import { databaseStorage } from '../../src/bot/storage.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

test('what grammY stores comes back as it went in: BigInt, NUL characters, nesting', async () => {
  const storage = databaseStorage<unknown>(db.prisma, 'test');
  const value = {
    amount: 12_345_678_901_234_567_890n,
    typed: 'a\u0000b\u0000',
    list: ['x', { deep: -5n, text: '\u0000' }],
    lookalike: { $bigint: 'not', extra: 1 },
    plain: 'ok',
  };
  await storage.write('chat:1', value);
  expect(await storage.read('chat:1')).toEqual(value);
  await storage.write('chat:1', { replaced: true });
  expect(await storage.read('chat:1')).toEqual({ replaced: true });
  await storage.delete('chat:1');
  expect(await storage.read('chat:1')).toBeUndefined();
});

test('keys of different prefixes never meet', async () => {
  const sessions = databaseStorage<unknown>(db.prisma, 'session');
  const conversations = databaseStorage<unknown>(db.prisma, 'conversation');
  await sessions.write('42', { a: 1 });
  expect(await conversations.read('42')).toBeUndefined();
});
