import { afterAll, beforeAll, expect, test } from 'vitest';
import { COMMANDS } from '../../src/bot/run.js';
import type { Database } from '../../src/infra/database.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeToken } from '../support/factories.js';

let db: Database;
let harness: BotHarness;
beforeAll(async () => {
  db = await createTestDb();
  const token = await makeToken(db.prisma, [{ name: 'Seed' }]);
  harness = new BotHarness(coreDeps(db.prisma), { tokenId: token.id });
});
afterAll(() => db.close());

// What each command registered with Telegram opens: the same screen as its menu button.
const expected: Record<(typeof COMMANDS)[number], RegExp> = {
  start: /Hi, /,
  market: /^🎮 .*market/i,
  orders: /no market orders yet/,
  sell: /sell/i,
  buy: /Seed/,
  balance: /\b0\b/,
  invite: /t\.me\/market_test_bot\?start=/,
  profile: /Ann/,
  help: /Help/,
  terms: /Terms/,
  paysupport: /Payment support/,
};

test.each(COMMANDS.map((c) => [c]))('/%s answers with its screen', async (command) => {
  const calls = await harness.sendText(tgUser(301, { first_name: 'Ann' }), `/${command}`);
  expect(calls.length).toBeGreaterThan(0);
  expect(harness.lastText()).toMatch(expected[command]);
});

test('/admin is not allowed to a user who is not an admin', async () => {
  await harness.sendText(tgUser(302), '/admin');
  expect(harness.lastText()).toBe('Not allowed.');
});
