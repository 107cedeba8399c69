import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/infra/database.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

test('a user over the limit gets one notice, then silence until the window passes; others are unaffected', async () => {
  const clock = fixedClock();
  const core = coreDeps(db.prisma, { clock });
  const harness = new BotHarness(core, {}, { rateLimit: { limit: 3, windowMs: 10_000 } });
  const flooder = tgUser(71);
  for (let i = 0; i < 3; i++) expect((await harness.sendText(flooder, '/menu')).map((c) => c.method)).toEqual(['sendMessage']);
  expect(await harness.sendText(flooder, '/menu')).toMatchObject([{ method: 'sendMessage', payload: { text: expect.stringContaining('Too many requests') } }]);
  expect(await harness.sendText(flooder, '/menu')).toEqual([]);
  // A button press over the limit still gets its spinner stopped, and nothing else.
  expect((await harness.press(flooder, 'menu')).map((c) => c.method)).toEqual(['answerCallbackQuery']);
  expect((await harness.sendText(tgUser(72), '/menu')).map((c) => c.method)).toEqual(['sendMessage']);

  clock.advance(10_001);
  expect(harness.lastText()).toContain('Hi,');
  expect((await harness.sendText(flooder, '/menu')).map((c) => c.method)).toEqual(['sendMessage']);
  expect(harness.lastText()).toContain('Hi,');
});

test('a second bot instance counts the same user together with the first (the counter is in the database)', async () => {
  const clock = fixedClock(new Date('2026-03-01T00:00:00Z'));
  const core = coreDeps(db.prisma, { clock });
  const [a, b] = [0, 1].map(() => new BotHarness(core, {}, { rateLimit: { limit: 2, windowMs: 10_000 } })) as [BotHarness, BotHarness];
  const user = tgUser(73);
  await a.sendText(user, '/menu');
  await b.sendText(user, '/menu');
  expect(await a.sendText(user, '/menu')).toMatchObject([{ payload: { text: expect.stringContaining('Too many requests') } }]);
});
