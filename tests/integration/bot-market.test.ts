// The buyer's browsing in the bot: Market → games → a game's card → categories → lots, paging,
// each filter, sort and the search, the lot card's numbers in the display currency (stored rates),
// deep links, the display currency from Profile, and stale or forged buttons.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { storedRates } from '../../src/core/rates/stored-rates.js';
import type { MarketSettings } from '../../src/core/market/deps.js';
import { encodeListState, initialListState } from '../../src/bot/keyboards/market-buttons.js';
import type { Database } from '../../src/infra/database.js';
import { answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeLot, makeMarket, makeSeller } from '../support/factories.js';

const SETTINGS: MarketSettings = { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false };

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
/** The same bot five days later: the stored rates (of 2026-01-15) are past RATES_MAX_AGE_HOURS. */
let staleHarness: BotHarness;
let marketId: number;
let categoryId: number;
let emptyCategoryId: number;
let europe: number;
const lots: Record<string, number> = {};

function harnessAt(now: Date): BotHarness {
  const clock = fixedClock(now);
  const deps = { ...core, clock };
  return new BotHarness(deps, { payments: { ...deps, gateways: new Map(), rates: storedRates(db.prisma, { maxAgeHours: 96, clock }) }, market: SETTINGS });
}

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma);
  // Published rates as the rates feature stores them: 1 USD = 90 RUB, 1 EUR = 100 RUB.
  await db.prisma.currencyRate.createMany({
    data: [
      { source: 'cbr', base: 'USD', quote: 'RUB', rate: '90', rateDate: new Date('2026-01-15'), fetchedAt: new Date('2026-01-15T08:00:00Z') },
      { source: 'cbr', base: 'EUR', quote: 'RUB', rate: '100', rateDate: new Date('2026-01-15'), fetchedAt: new Date('2026-01-15T08:00:00Z') },
    ],
  });
  const made = await makeMarket(db.prisma, { slug: 'dragon-realms' });
  marketId = made.market.id;
  categoryId = made.category.id;
  europe = made.league.id;
  await db.prisma.market.update({ where: { id: marketId }, data: { title: 'Dragon Realms', description: 'An online RPG.', buyerHelp: 'Pay through the bot; confirm when you get the goods.' } });
  const america = (await db.prisma.lotLeague.create({ data: { marketId, name: 'America' } })).id;
  emptyCategoryId = (await db.prisma.category.create({ data: { marketId, name: 'Accounts', lotType: 'FORM' } })).id;
  await db.prisma.feeRule.create({ data: { marketId, percent: '5', minMinor: 0n, minCurrency: 'USD' } });
  await makeMarket(db.prisma, { slug: 'space-miners' }).then(({ market }) => db.prisma.market.update({ where: { id: market.id }, data: { title: 'Space Miners' } }));

  const good = await makeSeller(db.prisma, { firstName: 'GoodTrader' });
  const fair = await makeSeller(db.prisma, { firstName: 'FairTrader' });
  await db.prisma.user.update({ where: { id: good.id }, data: { username: 'good_trader_tg' } });
  await db.prisma.sellerProfile.update({ where: { userId: good.id }, data: { ratingSum: 19, ratingCount: 4, salesCount: 12 } });
  await db.prisma.sellerProfile.update({ where: { userId: fair.id }, data: { ratingSum: 6, ratingCount: 2, salesCount: 3 } });
  // Per one unit in USD: A 0.50, B 1.00 (90 RUB), C 1.12 (1 EUR), D 1.50, E 2.00 (2000 per 1000), F 3.00, G 4.00.
  const specs = [
    { key: 'A', seller: fair.id, price: '0.5', currency: 'USD', shortDescription: 'Cheap gold', platform: 'PC', language: 'EN', leagueId: europe },
    { key: 'B', seller: fair.id, price: '90', currency: 'RUB', shortDescription: 'Rouble gold', platform: 'PC', language: 'RU', leagueId: america },
    { key: 'C', seller: good.id, price: '1', currency: 'EUR', shortDescription: 'Euro gold', platform: 'IOS', language: 'EN', leagueId: europe },
    { key: 'D', seller: good.id, price: '1.5', currency: 'USD', shortDescription: 'Dragon gold', platform: 'ANDROID', language: 'RU', leagueId: null },
    { key: 'E', seller: good.id, price: '2000', priceUnit: 1000n, quantity: 50_000n, currency: 'USD', shortDescription: 'Bulk gold', platform: 'PC', language: 'EN', leagueId: europe },
    { key: 'F', seller: fair.id, price: '3', currency: 'USD', shortDescription: 'Premium gold', platform: 'PC', language: 'RU', leagueId: america },
    { key: 'G', seller: good.id, price: '4', currency: 'USD', shortDescription: 'Royal dragon hoard', platform: 'IOS', language: 'EN', leagueId: europe },
  ] as const;
  for (const [i, spec] of specs.entries()) {
    const lot = await makeLot(db.prisma, spec.seller, categoryId, spec);
    await db.prisma.lot.update({ where: { id: lot.id }, data: { createdAt: new Date(Date.UTC(2026, 0, 10, 12, i)), description: `All about ${spec.shortDescription}.`, characterLevel: 60 } });
    lots[spec.key] = lot.id;
  }
  lots.paused = (await makeLot(db.prisma, good.id, categoryId, { active: false, shortDescription: 'Paused gold' })).id;
  harness = harnessAt(new Date('2026-01-15T12:00:00Z'));
  staleHarness = harnessAt(new Date('2026-01-20T12:00:00Z'));
});
afterAll(() => db.close());

let nextUserId = 6000;
const freshUser = () => tgUser(nextUserId++);

/** The numbered lot titles of the list on screen, in order. */
function titles(text: string): string[] {
  return [...text.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!);
}

/** Market → Dragon Realms → Gold: the category's first page. */
async function openGold(h: BotHarness, user: TgUser): Promise<void> {
  await h.sendText(user, '/menu');
  await h.press(user, h.button('Market'));
  await h.press(user, h.button('Dragon Realms'));
  await h.press(user, h.button('Gold'));
}

/** Presses a button of the list, then picks `choice` in the menu it opened. */
async function choose(h: BotHarness, user: TgUser, menu: string | RegExp, choice: string | RegExp): Promise<void> {
  await h.press(user, h.button(menu));
  await h.press(user, h.button(choice));
}

describe('navigation', () => {
  test('the main menu has Market: games, then a game card with its description, help and categories', async () => {
    const user = tgUser(5001);
    await harness.sendText(user, '/menu');
    const calls = await harness.press(user, harness.button('🎮 Market'));
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('choose a game');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['Dragon Realms', 'Space Miners', '🧾 My orders', '⬅️ Menu']);
    await harness.press(user, harness.button('Dragon Realms'));
    const card = harness.lastText();
    expect(card).toContain('🎮 Dragon Realms');
    expect(card).toContain('An online RPG.');
    expect(card).toContain('For buyers: Pay through the bot; confirm when you get the goods.');
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['Gold (7)', 'Accounts (0)', '⬅️ Back']);
    await harness.press(user, harness.button('Accounts'));
    expect(harness.lastText()).toContain('No lots here yet.');
    await harness.press(user, harness.button('Back'));
    expect(harness.lastText()).toContain('An online RPG.');
  });

  test('/market opens the games', async () => {
    await harness.sendText(tgUser(5002), '/market');
    expect(harness.lastText()).toContain('Market: choose a game.');
  });

  test('paging: five lots a page; the second page has the rest, Prev and no Next', async () => {
    const user = tgUser(5003);
    await openGold(harness, user);
    const first = harness.lastText();
    expect(first).toContain('🎮 Dragon Realms › Gold');
    expect(first).toContain('Prices in USD · cheapest first');
    expect(first).toContain('Page 1 of 2 · lots: 7');
    expect(titles(first)).toEqual(['Cheap gold', 'Rouble gold', 'Euro gold', 'Dragon gold', 'Bulk gold']);
    const labels = harness.lastButtons().map((b) => b.text);
    expect(labels).toContain('Next ▶️');
    expect(labels).not.toContain('◀️ Prev');
    await harness.press(user, harness.button('Next'));
    const second = harness.lastText();
    expect(second).toContain('Page 2 of 2 · lots: 7');
    expect(titles(second)).toEqual(['Premium gold', 'Royal dragon hoard']);
    expect(harness.lastButtons().map((b) => b.text)).not.toContain('Next ▶️');
    expect(harness.lastButtons()[0]!.text).toBe('6. Premium gold');
    // A filter menu's Back returns to this page; a choice in it opens the first page.
    await harness.press(user, harness.button('Platform'));
    await harness.press(user, harness.button('Back'));
    expect(harness.lastText()).toContain('Page 2 of 2');
    await harness.press(user, harness.button('Price range'));
    await harness.press(user, harness.button('Cancel'));
    expect(harness.lastText()).toContain('Page 2 of 2');
    await harness.press(user, harness.button('Prev'));
    expect(titles(harness.lastText())).toEqual(['Cheap gold', 'Rouble gold', 'Euro gold', 'Dragon gold', 'Bulk gold']);
  });

  test('each list line has the price, its conversion and the seller standing', async () => {
    const user = tgUser(5004);
    await openGold(harness, user);
    const text = harness.lastText();
    expect(text).toContain('1. Cheap gold\n0.50 USD · ★ 3 (2 reviews) · sales: 3');
    expect(text).toContain('2. Rouble gold\n90.00 RUB ≈ 1.00 USD · ★ 3 (2 reviews) · sales: 3');
    expect(text).toContain('3. Euro gold\n1.00 EUR ≈ 1.12 USD · ★ 4.75 (4 reviews) · sales: 12');
    expect(text).toContain('5. Bulk gold\n2,000.00 USD per 1000 · ★ 4.75 (4 reviews) · sales: 12');
    expect(text).not.toContain('Paused gold');
  });
});

describe('sorting and filters', () => {
  test.each([
    ['dearest first', ['Royal dragon hoard', 'Premium gold', 'Bulk gold', 'Dragon gold', 'Euro gold']],
    ['newest first', ['Royal dragon hoard', 'Premium gold', 'Bulk gold', 'Dragon gold', 'Euro gold']],
    ['best sellers first', ['Euro gold', 'Dragon gold', 'Bulk gold', 'Royal dragon hoard', 'Cheap gold']],
  ])('sort: %s', async (sort, expected) => {
    const user = freshUser();
    await openGold(harness, user);
    await choose(harness, user, '⇅', sort);
    expect(harness.lastText()).toContain(`Prices in USD · ${sort}`);
    expect(titles(harness.lastText())).toEqual(expected);
  });

  test('newest and dearest differ on the second page: the sort is carried by the paging buttons', async () => {
    const user = tgUser(5020);
    await openGold(harness, user);
    await choose(harness, user, '⇅', 'newest first');
    await harness.press(user, harness.button('Next'));
    expect(titles(harness.lastText())).toEqual(['Rouble gold', 'Cheap gold']);
  });

  test.each([
    ['Platform', 'PC', ['Cheap gold', 'Rouble gold', 'Bulk gold', 'Premium gold']],
    ['Language', 'Russian', ['Rouble gold', 'Dragon gold', 'Premium gold']],
    ['League', 'Europe', ['Cheap gold', 'Euro gold', 'Bulk gold', 'Royal dragon hoard']],
  ])('filter: %s %s', async (filter, value, expected) => {
    const user = freshUser();
    await openGold(harness, user);
    await choose(harness, user, filter, value);
    const text = harness.lastText();
    expect(text).toContain(`Filters: ${value}`);
    expect(text).toContain(`Page 1 of 1 · lots: ${expected.length}`);
    expect(titles(text)).toEqual(expected);
    expect(harness.lastButtons().map((b) => b.text)).toContain(`${filter === 'Platform' ? '🖥' : filter === 'League' ? '🏰' : '🌐'} ${filter}: ${value}`);
  });

  test('filters combine, and Reset removes them all', async () => {
    const user = tgUser(5040);
    await openGold(harness, user);
    await choose(harness, user, 'Platform', 'PC');
    await choose(harness, user, 'Language', 'Russian');
    expect(harness.lastText()).toContain('Filters: PC · Russian');
    expect(titles(harness.lastText())).toEqual(['Rouble gold', 'Premium gold']);
    await choose(harness, user, 'Platform', 'iOS');
    expect(harness.lastText()).toContain('No lots match.');
    await harness.press(user, harness.button('Reset filters'));
    expect(titles(harness.lastText())).toHaveLength(5);
    expect(harness.lastText()).not.toContain('Filters:');
  });

  test('price range: typed, validated; a bad range says why and changes nothing; Clear removes it', async () => {
    const user = tgUser(5050);
    await openGold(harness, user);
    await harness.press(user, harness.button('Price range'));
    expect(harness.lastText()).toContain('Send the price range for one unit in USD');
    for (const [bad, reason] of [
      ['cheap', 'That is not a price range'],
      ['5-1', 'The first price must not be above the second'],
      ['1.123456-2', 'at most 4 decimals'],
      ['12345678901-', 'too large'],
      ['-', 'That is not a price range'],
    ]) {
      const calls = await harness.sendText(user, bad!);
      expect(harness.lastText()).toContain(reason);
      expect(calls.some((c) => titles(String(c.payload.text ?? '')).length > 0)).toBe(false);
    }
    await harness.sendText(user, '0,9 - 2');
    let text = harness.lastText();
    expect(text).toContain('Filters: 0.9–2 USD');
    expect(titles(text)).toEqual(['Rouble gold', 'Euro gold', 'Dragon gold', 'Bulk gold']);
    await harness.press(user, harness.button('Price range'));
    expect(harness.lastText()).toContain('Now: 0.9–2 USD');
    await harness.sendText(user, '1,5-');
    expect(harness.lastText()).toContain('Filters: from 1.5 USD');
    expect(titles(harness.lastText())).toEqual(['Dragon gold', 'Bulk gold', 'Premium gold', 'Royal dragon hoard']);
    await harness.press(user, harness.button('Price range'));
    await harness.press(user, harness.button('Remove the range'));
    text = harness.lastText();
    expect(text).not.toContain('Filters:');
    expect(text).toContain('lots: 7');
  });

  test('price range Cancel leaves the list as it was; a later message is not taken as a range', async () => {
    const user = tgUser(5051);
    await openGold(harness, user);
    await choose(harness, user, 'Platform', 'PC');
    await harness.press(user, harness.button('Price range'));
    await harness.press(user, harness.button('Cancel'));
    expect(harness.lastText()).toContain('Nothing changed.');
    expect(harness.lastText()).toContain('Filters: PC');
    expect(titles(harness.lastText())).toHaveLength(4);
    await harness.sendText(user, '1-2');
    expect(harness.lastText()).not.toContain('Filters: PC · 1–2');
  });

  test('search: typed words find lots by description; too short is refused; the search survives paging and filters', async () => {
    const user = tgUser(5060);
    await openGold(harness, user);
    await harness.press(user, harness.button('Search'));
    await harness.sendText(user, 'x');
    expect(harness.lastText()).toContain('Send at least 2 characters');
    await harness.sendText(user, '  DRAGON ');
    let text = harness.lastText();
    expect(text).toContain('Filters: “DRAGON”');
    expect(titles(text)).toEqual(['Dragon gold', 'Royal dragon hoard']);
    await choose(harness, user, 'Platform', 'iOS');
    text = harness.lastText();
    expect(text).toContain('Filters: iOS · “DRAGON”');
    expect(titles(text)).toEqual(['Royal dragon hoard']);
    await harness.press(user, harness.button('Search'));
    expect(harness.lastText()).toContain('Now: “DRAGON”');
    await harness.press(user, harness.button('Remove the search'));
    expect(titles(harness.lastText())).toEqual(['Euro gold', 'Royal dragon hoard']);
  });

  test('a command inside the search leaves it: /menu shows the menu and the next text is not a search', async () => {
    const user = tgUser(5061);
    await openGold(harness, user);
    await harness.press(user, harness.button('Search'));
    await harness.sendText(user, '/menu');
    expect(harness.lastText()).toContain('Hi, ');
    await harness.sendText(user, 'dragon');
    expect(titles(harness.lastText())).toEqual([]);
  });
});

describe('the lot card', () => {
  test('every detail, the price with the fee, the seller by display name only, Buy and Share', async () => {
    const user = tgUser(5100);
    await openGold(harness, user);
    await harness.press(user, harness.button('4. Dragon gold'));
    const text = harness.lastText();
    expect(text).toContain('🏷 Dragon gold\n🎮 Dragon Realms › Gold');
    expect(text).toContain('All about Dragon gold.');
    expect(text).toContain('Platform: Android');
    expect(text).toContain('Level: 60');
    expect(text).toContain('Language: Russian');
    expect(text).toContain('Available: 100');
    expect(text).toContain('💰 Price: 1.50 USD');
    expect(text).toContain("With the platform's fee: 1.58 USD");
    expect(text).toContain('👤 Seller: GoodTrader · ★ 4.75 (4 reviews) · sales: 12');
    expect(text).toContain(`https://t.me/market_test_bot?start=lot_${lots.D}`);
    expect(text).not.toContain('good_trader_tg');
    const good = await db.prisma.user.findFirstOrThrow({ where: { firstName: 'GoodTrader' } });
    expect(text).not.toContain(String(good.telegramId));
    const buttons = harness.lastButtons();
    expect(buttons.find((b) => b.text === '🛒 Buy')?.data).toBe(`mko.buy:${lots.D}`);
    expect(decodeURIComponent(buttons.find((b) => b.text === '📤 Share')?.url ?? '')).toContain(`https://t.me/market_test_bot?start=lot_${lots.D}`);
    // Back returns to the list it came from.
    await harness.press(user, harness.button('Back'));
    expect(titles(harness.lastText())).toHaveLength(5);
  });

  test("Buy on a card starts the escrow order: the quantity screen, then the order's summary", async () => {
    const user = tgUser(5102);
    await openGold(harness, user);
    await harness.press(user, harness.button('4. Dragon gold'));
    await harness.press(user, harness.button('Buy'));
    expect(harness.lastText()).toContain('🛒 Dragon gold');
    expect(harness.lastText()).toContain('How many? 100 available.');
    await harness.press(user, harness.button('1'));
    expect(harness.lastText()).toMatch(/🧾 Order #\d+: Dragon gold × 1/);
    const buyer = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 5102n } });
    expect(await db.prisma.lotOrder.findFirst({ where: { buyerId: buyer.id } })).toMatchObject({ lotId: lots.D, quantity: 1n, status: 'AWAITING_PAYMENT' });
    expect((await db.prisma.lot.findUniqueOrThrow({ where: { id: lots.D } })).quantity).toBe(99n);
  });

  test('in another display currency: both prices converted at the stored rates, exact figures', async () => {
    const user = tgUser(5101);
    await harness.sendText(user, '/profile');
    await harness.press(user, harness.button('Display currency'));
    expect(harness.lastText()).toContain('shown in USD');
    await harness.press(user, harness.button('RUB'));
    expect(harness.lastText()).toContain('Prices will be shown in RUB.');
    await openGold(harness, user);
    expect(harness.lastText()).toContain('Prices in RUB');
    expect(harness.lastText()).toContain('0.50 USD ≈ 45.00 RUB');
    await harness.press(user, harness.button('4. Dragon gold'));
    let text = harness.lastText();
    expect(text).toContain('💰 Price: 1.50 USD ≈ 135.00 RUB');
    // 150 cents + 5% (7.5, rounded up to 8) = 1.58 USD; × 90 = 142.20 RUB.
    expect(text).toContain("With the platform's fee: 1.58 USD ≈ 142.20 RUB");
    await harness.press(user, harness.button('Back'));
    await harness.press(user, harness.button('5. Bulk gold'));
    text = harness.lastText();
    expect(text).toContain('💰 Price: 2,000.00 USD per 1000 ≈ 180,000.00 RUB per 1000');
    expect(text).toContain("With the platform's fee, for 1,000: 2,100.00 USD ≈ 189,000.00 RUB");
    expect(text).toContain('Available: 50,000');
  });

  test('a display currency change shows in the next card', async () => {
    const user = tgUser(5102);
    await openGold(harness, user);
    await harness.press(user, harness.button('3. Euro gold'));
    expect(harness.lastText()).toContain('💰 Price: 1.00 EUR ≈ 1.12 USD');
    await harness.sendText(user, '/profile');
    await harness.press(user, harness.button('Display currency'));
    await harness.press(user, harness.button('EUR'));
    expect((await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 5102n } })).displayCurrency).toBe('EUR');
    await openGold(harness, user);
    await harness.press(user, harness.button('Dragon gold'));
    // 1 USD = 90 RUB = 0.9 EUR: 1.50 USD = 1.35 EUR.
    expect(harness.lastText()).toContain('💰 Price: 1.50 USD ≈ 1.35 EUR');
  });

  test('stale rates: the original price, and the card says conversion is unavailable', async () => {
    const user = tgUser(5103);
    await db.prisma.user.upsert({
      where: { telegramId: 5103n },
      create: { telegramId: 5103n, firstName: 'Stale', referralCode: 'STALE001', displayCurrency: 'RUB' },
      update: { displayCurrency: 'RUB' },
    });
    await openGold(staleHarness, user);
    expect(staleHarness.lastText()).toContain('0.50 USD (no RUB rate)');
    expect(staleHarness.lastText()).toContain('No fresh exchange rate for USD, EUR: those lots are left out of the price range and put last in price order.');
    // The RUB lot, the only one with a price in RUB, comes first.
    expect(titles(staleHarness.lastText())[0]).toBe('Rouble gold');
    await staleHarness.press(user, staleHarness.button('Dragon gold'));
    const text = staleHarness.lastText();
    expect(text).toContain('💰 Price: 1.50 USD (no RUB rate)');
    expect(text).toContain('Conversion to RUB is unavailable right now (no fresh exchange rate): the price is in USD.');
    expect(text).toContain("With the platform's fee: 1.58 USD");
    expect(text).not.toContain('≈');
  });

  test('a FORM lot shows its filled fields; a 4000-character description is cut to fit one message', async () => {
    const seller = await makeSeller(db.prisma, { firstName: 'Acc' });
    const category = await db.prisma.category.create({
      data: { marketId, name: 'Ranked accounts', lotType: 'FORM', formFields: [{ key: 'rank', label: 'Rank', required: true }, { key: 'region', label: 'Region' }] },
    });
    const lot = await makeLot(db.prisma, seller.id, category.id, { shortDescription: 'Diamond account', quantity: 1n, price: '25' });
    await db.prisma.lot.update({ where: { id: lot.id }, data: { fields: { rank: 'Diamond' }, description: '🐉'.repeat(2000) } });
    await harness.sendText(tgUser(5105), `/start lot_${lot.id}`);
    const text = harness.lastText();
    expect(text).toContain('Rank: Diamond');
    expect(text).not.toContain('Region');
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('🐉🐉🐉…');
    expect(text).toContain(`start=lot_${lot.id}`);
  });

  test('displayRates, when given, is the source of the shown conversions', async () => {
    const display = new BotHarness(core, { displayRates: fixedRates({ 'USD/RUB': '80' }), market: SETTINGS });
    const user = tgUser(5106, { language_code: 'ru' });
    await display.sendText(user, `/start lot_${lots.D}`);
    expect(display.lastText()).toContain('1,50 USD ≈ 120,00 RUB');
  });

  test('a lot sold out or paused since the list was drawn: an alert, nothing else changes', async () => {
    const user = tgUser(5104);
    const seller = await makeSeller(db.prisma, { firstName: 'Brief' });
    const lot = await makeLot(db.prisma, seller.id, emptyCategoryId, { shortDescription: 'Brief account', quantity: 1n });
    await harness.press(user, `mk.l:${encodeListState(initialListState(emptyCategoryId))}`);
    await db.prisma.lot.update({ where: { id: lot.id }, data: { quantity: 0n } });
    const calls = await harness.press(user, harness.button('Brief account'));
    expect(answers(calls)[0]?.payload).toMatchObject({ text: 'This lot is not on sale any more.', show_alert: true });
    expect(calls.filter((c) => c.method !== 'answerCallbackQuery')).toEqual([]);
  });
});

describe('deep links', () => {
  test('/start lot_<id> opens the card; Back goes to its category', async () => {
    const user = tgUser(5200);
    await harness.sendText(user, `/start lot_${lots.C}`);
    expect(harness.lastText()).toContain('🏷 Euro gold');
    expect(harness.lastText()).not.toContain('Hi, ');
    await harness.press(user, harness.button('Back'));
    expect(harness.lastText()).toContain('🎮 Dragon Realms › Gold');
  });

  test.each([['lot_abc'], ['lot_0'], ['lot_01'], ['lot_99999999999'], ['lot_3000000000'], ['lot_']])('a broken link (%s) says so, then the menu', async (payload) => {
    const calls = await harness.sendText(tgUser(5201), `/start ${payload}`);
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text);
    expect(texts[0]).toBe('This lot link is broken: check that it was copied whole.');
    expect(texts[1]).toContain('Hi, ');
  });

  test.each([['unknown', () => 999_999], ['paused', () => lots.paused!]])('an %s lot: not available, then the menu', async (_name, id) => {
    const calls = await harness.sendText(tgUser(5202), `/start lot_${id()}`);
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text);
    expect(texts[0]).toBe('This lot is not available any more.');
    expect(texts[1]).toContain('Hi, ');
  });

  test('a first start from a lot link registers the user without a referrer', async () => {
    await harness.sendText(tgUser(5203), `/start lot_${lots.A}`);
    expect(harness.lastText()).toContain('🏷 Cheap gold');
    const user = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 5203n } });
    expect(user.referrerId).toBeNull();
  });
});

describe('stale and forged buttons', () => {
  const state = () => encodeListState(initialListState(categoryId));
  test.each([
    ['garbage state', () => 'mk.l:zz'],
    ['unknown category', () => `mk.l:${encodeListState(initialListState(999_999))}`],
    ['a league of another market', () => `mk.l:${encodeListState({ ...initialListState(categoryId), leagueId: 999_999 })}`],
    ['a search this chat never made', () => `mk.l:${encodeListState({ ...initialListState(categoryId), search: 77 })}`],
    ['min above max', () => `mk.l:${state().replace(/___$/, '_5_1_')}`],
    ['an unknown filter menu', () => `mk.f:color:${state()}`],
    ['an unknown lot', () => `mk.lot:999999:${state()}`],
    ['an unknown market', () => 'mk.m:999999'],
    ['a currency not offered', () => 'mk.cur.set:GBP'],
    ['an input Cancel after the input is over', () => 'mk.x'],
    ['a search of an old chat', () => `mk.q:${encodeListState({ ...initialListState(categoryId), search: 5 })}`],
  ])('%s: the out-of-date notice, nothing changes', async (_name, data) => {
    const user = tgUser(5300);
    await harness.sendText(user, '/menu');
    const settings = { where: { telegramId: 5300n }, select: { displayCurrency: true, language: true } } as const;
    const before = await db.prisma.user.findUniqueOrThrow(settings);
    const calls = await harness.press(user, data());
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { text: 'This button is out of date. Open the menu again: /menu' } });
    expect(await db.prisma.user.findUniqueOrThrow(settings)).toEqual(before);
  });

  test('an archived category: its old list buttons are out of date', async () => {
    const user = tgUser(5301);
    const { category } = await makeMarket(db.prisma, { slug: 'archived-game' });
    await db.prisma.category.update({ where: { id: category.id }, data: { archivedAt: new Date() } });
    const calls = await harness.press(user, `mk.l:${encodeListState(initialListState(category.id))}`);
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });
});

describe('Russian', () => {
  test('the list and the card speak Russian, with Russian number formatting and RUB by default', async () => {
    const user = tgUser(5400, { language_code: 'ru' });
    await harness.sendText(user, '/menu');
    await harness.press(user, harness.button('Маркет'));
    await harness.press(user, harness.button('Dragon Realms'));
    await harness.press(user, harness.button('Gold'));
    const text = harness.lastText();
    expect(text).toContain('Цены в RUB · сначала дешёвые');
    expect(text).toContain('Страница 1 из 2 · лотов: 7');
    expect(text).toContain('0,50 USD ≈ 45,00 RUB · ★ 3 (отзывов: 2) · продаж: 3');
    await harness.press(user, harness.button('Dragon gold'));
    expect(harness.lastText()).toContain('💰 Цена: 1,50 USD ≈ 135,00 RUB');
    expect(harness.lastText()).toContain('С комиссией площадки: 1,58 USD ≈ 142,20 RUB');
    expect(harness.lastButtons().map((b) => b.text)).toContain('🛒 Купить');
    await harness.press(user, harness.button('Назад'));
    await harness.press(user, harness.button('Диапазон цен'));
    expect(harness.lastText()).toContain('Пришлите диапазон цены за единицу в RUB');
    await harness.sendText(user, 'дёшево');
    expect(harness.lastText()).toContain('❌ Это не диапазон цен.');
    await harness.sendText(user, '100-200');
    expect(harness.lastText()).toContain('Фильтры: 100–200 RUB');
    // Per unit in RUB: Rouble 90, Euro 100, Dragon 135, Bulk 180, Premium 270.
    expect(titles(harness.lastText())).toEqual(['Euro gold', 'Dragon gold', 'Bulk gold']);
  });
});
