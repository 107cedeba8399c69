import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeToken } from '../support/factories.js';

let db: Database;
let core: CoreDeps;
let harness: BotHarness;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma);
  const token = await makeToken(db.prisma);
  harness = new BotHarness(core, { tokenId: token.id });
});
afterAll(() => db.close());

describe('/start', () => {
  test('a first start registers the user and shows the welcome screen with the main menu', async () => {
    const calls = await harness.sendText(tgUser(101, { first_name: 'Ann' }), '/start');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(harness.lastText()).toContain('Hi, Ann!');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['🪙 Buy tokens', '💰 Balance', '🤝 Invite friends', '👤 Profile', '👛 Wallet', '❓ Help', '🎮 Market', '💼 Sell']);
    const user = await db.prisma.user.findUnique({ where: { telegramId: 101n } });
    expect(user).toMatchObject({ firstName: 'Ann', language: 'en', referrerId: null });
  });

  test('a start with a referral code attributes the referrer and says so', async () => {
    const referrer = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 101n } });
    await harness.sendText(tgUser(102), `/start ${referrer.referralCode}`);
    expect(harness.lastText()).toContain("friend's invitation");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 102n } })).referrerId).toBe(referrer.id);
  });

  test.each([['/start lot_99999'], ['/start %%%garbage%%%'], ['/start ZZZZZZZZ'], [`/start ${'x'.repeat(64)}`]])(
    '%s is a normal start',
    async (text) => {
      const id = 200 + Math.floor(Math.random() * 1e6);
      await harness.sendText(tgUser(id), text);
      expect(harness.lastText()).toContain('Hi, ');
      expect((await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(id) } })).referrerId).toBeNull();
    },
  );

  test('Russian users get Russian', async () => {
    await harness.sendText(tgUser(103, { language_code: 'ru', first_name: 'Иван' }), '/start');
    expect(harness.lastText()).toContain('Привет, Иван!');
    expect(harness.lastButtons()[0]?.text).toBe('🪙 Купить токены');
  });
});

describe('buttons', () => {
  test('a stale or forged button gets a short notice and nothing else', async () => {
    for (const data of ['nonsense', 'buys:0', 'buys:-1', 'page:secret', 'menu:extra:args', 'x'.repeat(64)]) {
      const calls = await harness.press(tgUser(101), data);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { text: expect.stringContaining('out of date') } });
    }
  });

  test('the menu button edits the pressed message into the welcome screen and answers the query once', async () => {
    const calls = await harness.press(tgUser(101), 'menu');
    expect(calls.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    expect(answers(calls)).toHaveLength(1);
  });

  test('text nobody expects gets a hint and the menu', async () => {
    await harness.sendText(tgUser(101), 'hello?');
    expect(harness.lastText()).toContain("didn't understand");
  });
});
