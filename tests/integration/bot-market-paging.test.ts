// The buyer's choices of games, categories and leagues come ten a page (Telegram refuses a keyboard
// of ~100 buttons), with ◀ / ▶ whose data stays within 64 bytes; archived ones are not offered.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeListState, initialListState, mkCb } from '../../src/bot/keyboards/market-buttons.js';
import type { MarketSettings } from '../../src/core/market/deps.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BotHarness, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps } from '../support/factories.js';

const SETTINGS: MarketSettings = { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false };
const BUYER = tgUser(8101);
const PREV = '◀️ Prev';
const NEXT = 'Next ▶️';

let db: Database;
let harness: BotHarness;
let bigMarketId: number;
let categoryId: number;

const two = (n: number) => String(n).padStart(2, '0');
const labels = () => harness.lastButtons().map((b) => b.text);

beforeAll(async () => {
  db = await createTestDb();
  harness = new BotHarness(coreDeps(db.prisma), { market: SETTINGS });
  // 25 open games (and one archived, which is never offered), in the admins' order.
  for (let i = 1; i <= 25; i++) await db.prisma.market.create({ data: { slug: `game-${two(i)}`, title: `Game ${two(i)}`, position: i } });
  await db.prisma.market.create({ data: { slug: 'hidden', title: 'Hidden game', position: 0, archivedAt: new Date() } });
  const big = await db.prisma.market.findUniqueOrThrow({ where: { slug: 'game-01' } });
  bigMarketId = big.id;
  // 23 categories (one more archived) and 12 leagues (one more archived) in the first game.
  for (let i = 1; i <= 23; i++) await db.prisma.category.create({ data: { marketId: big.id, name: `Cat ${two(i)}`, lotType: 'MULTIPLE', position: i } });
  await db.prisma.category.create({ data: { marketId: big.id, name: 'Old cat', lotType: 'MULTIPLE', position: 0, archivedAt: new Date() } });
  categoryId = (await db.prisma.category.findFirstOrThrow({ where: { marketId: big.id, name: 'Cat 01' } })).id;
  for (let i = 1; i <= 12; i++) await db.prisma.lotLeague.create({ data: { marketId: big.id, name: `League ${two(i)}`, position: i } });
  await db.prisma.lotLeague.create({ data: { marketId: big.id, name: 'Old league', position: 0, archivedAt: new Date() } });
  await harness.sendText(BUYER, '/start');
});
afterAll(() => db.close());

describe('games', () => {
  test('25 games: 3 pages of 10, 10 and 5; the first has only ▶, the last only ◀', async () => {
    await harness.sendText(BUYER, '/market');
    expect(harness.lastText()).toContain('Page 1 of 3.');
    expect(labels()).toEqual([...Array.from({ length: 10 }, (_, i) => `Game ${two(i + 1)}`), NEXT, '🧾 My orders', '⬅️ Menu']);
    await harness.press(BUYER, harness.button(NEXT));
    expect(harness.lastText()).toContain('Page 2 of 3.');
    expect(labels()).toEqual([...Array.from({ length: 10 }, (_, i) => `Game ${two(i + 11)}`), PREV, NEXT, '🧾 My orders', '⬅️ Menu']);
    await harness.press(BUYER, harness.button(NEXT));
    expect(harness.lastText()).toContain('Page 3 of 3.');
    expect(labels()).toEqual(['Game 21', 'Game 22', 'Game 23', 'Game 24', 'Game 25', PREV, '🧾 My orders', '⬅️ Menu']);
    expect(labels()).not.toContain('Hidden game');
    await harness.press(BUYER, harness.button(PREV));
    expect(labels()[0]).toBe('Game 11');
    // Back to the first page is the menu's own button data.
    await harness.press(BUYER, harness.button(PREV));
    expect(labels()[0]).toBe('Game 01');
  });

  test('a page past the end (games archived since) shows the last page; forged pages are out of date', async () => {
    await harness.press(BUYER, mkCb.marketsPage.build(40));
    expect(harness.lastText()).toContain('Page 3 of 3.');
    for (const data of ['mk.ms:0', 'mk.ms:-1', 'mk.ms:x', 'mk.ms:100000', 'mk.m.p:1:0', 'mk.lg:1:bad state']) {
      const before = harness.lastText();
      const calls = await harness.press(BUYER, data);
      expect(answers(calls)[0]?.payload).toMatchObject({ text: expect.stringContaining('out of date') });
      expect(harness.lastText()).toBe(before);
    }
  });

  test('a few games: one page, no paging buttons, no page line', async () => {
    const small = new BotHarness(coreDeps(db.prisma), { market: SETTINGS });
    await db.prisma.market.updateMany({ where: { position: { gt: 3 } }, data: { archivedAt: new Date() } });
    try {
      await small.sendText(BUYER, '/market');
      expect(small.lastText()).not.toContain('Page');
      expect(small.lastButtons().map((b) => b.text)).toEqual(['Game 01', 'Game 02', 'Game 03', '🧾 My orders', '⬅️ Menu']);
    } finally {
      await db.prisma.market.updateMany({ where: { slug: { startsWith: 'game-' } }, data: { archivedAt: null } });
    }
  });
});

describe("a game's categories", () => {
  test('23 categories: 3 pages; the last has 3 and no ▶; Back goes to the games', async () => {
    await harness.press(BUYER, mkCb.market.build(bigMarketId));
    expect(harness.lastText()).toContain('Page 1 of 3.');
    expect(labels().slice(0, 11)).toEqual([...Array.from({ length: 10 }, (_, i) => `Cat ${two(i + 1)} (0)`), NEXT]);
    await harness.press(BUYER, harness.button(NEXT));
    await harness.press(BUYER, harness.button(NEXT));
    expect(harness.lastText()).toContain('Page 3 of 3.');
    expect(labels()).toEqual(['Cat 21 (0)', 'Cat 22 (0)', 'Cat 23 (0)', PREV, '⬅️ Back']);
    expect(harness.lastText()).not.toContain('Old cat');
    await harness.press(BUYER, harness.button('Back'));
    expect(harness.lastText()).toContain('choose a game');
    await harness.press(BUYER, mkCb.marketPage.build(bigMarketId, 3));
    await harness.press(BUYER, harness.button('Cat 22'));
    expect(harness.lastText()).toContain('Cat 22');
    const calls = await harness.press(BUYER, mkCb.marketPage.build(999_999, 2)); // no such game
    expect(answers(calls)[0]?.payload).toMatchObject({ text: expect.stringContaining('out of date') });
  });
});

describe('the league filter', () => {
  test('12 leagues: "any" and 10 on the first page, "any" and 2 on the second; a choice filters the list', async () => {
    await harness.press(BUYER, mkCb.filter.build('league', encodeListState(initialListState(categoryId))));
    expect(harness.lastText()).toContain('Page 1 of 2.');
    expect(labels()).toEqual(['✅ any', ...Array.from({ length: 10 }, (_, i) => `League ${two(i + 1)}`), NEXT, '⬅️ Back']);
    await harness.press(BUYER, harness.button(NEXT));
    expect(harness.lastText()).toContain('Page 2 of 2.');
    expect(labels()).toEqual(['✅ any', 'League 11', 'League 12', PREV, '⬅️ Back']);
    await harness.press(BUYER, harness.button('League 12'));
    expect(harness.lastText()).toContain('League 12');
    expect(labels().some((b) => b.includes('League 12'))).toBe(true);
  });
});

describe('callback data', () => {
  test('every paging button fits in 64 bytes at its longest', () => {
    const longestState = encodeListState({
      categoryId: 2_147_483_647, page: 9999, sort: 'price_desc', platform: 'ANDROID', language: 'RU',
      leagueId: 2_147_483_647, minPrice: '123456789', maxPrice: '999999999', search: 36 ** 3 - 1,
    });
    for (const data of [mkCb.marketsPage.build(99_999), mkCb.marketPage.build(2_147_483_647, 99_999), mkCb.leaguePage.build(99_999, longestState)]) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
    expect(mkCb.leaguePage.parse(mkCb.leaguePage.build(99_999, longestState))).toEqual([99_999, longestState]);
  });
});
