import { GrammyError } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { formatDate, formatMoney, formatPercent, formatTokens, formatUnitPrice, progressBar, splitDuration } from '../../src/bot/format.js';
import { notifyOrderStatus } from '../../src/bot/notifications.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { cancelOrder, expireReservations } from '../../src/core/tokens/release-reservations.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

const START = new Date('2026-01-15T12:00:00Z');
const clock = fixedClock(START);
let db: Database;
let core: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());
beforeEach(() => clock.set(START));

// A fresh Telegram user per scenario: conversations are per chat, and the rate limit per user.
let lastTelegramId = 700_000;
const newUser = (extra: Partial<TgUser> = {}) => tgUser(++lastTelegramId, extra);

type RoundSpec = NonNullable<Parameters<typeof makeToken>[1]>[number];

/** A token with the given rounds (the first with `sold`/`reserved` set) and a bot selling it. */
async function saleOf(rounds: RoundSpec[], figures: { sold?: bigint; reserved?: bigint } = {}) {
  const token = await makeToken(db.prisma, rounds);
  const round = token.rounds[0];
  if (round && (figures.sold || figures.reserved)) {
    await db.prisma.tokenRound.update({ where: { id: round.id }, data: { sold: figures.sold ?? 0n, reserved: figures.reserved ?? 0n } });
  }
  return { token, roundId: round?.id ?? 0, harness: new BotHarness(core, { tokenId: token.id }) };
}

/** The usual round: 0.0125 USD, 100 to 5,000 per purchase, 10,000 cap with 4,000 sold. */
const SEED: RoundSpec = { name: 'Seed', unitPrice: '0.0125', cap: 10_000n, minPurchase: 100n, maxPurchase: 5_000n, referralPercent: '10' };

function ordersOf(user: TgUser) {
  return db.prisma.tokenOrder.findMany({ where: { buyer: { telegramId: BigInt(user.id) } }, orderBy: { id: 'asc' } });
}

function roundOf(id: number) {
  return db.prisma.tokenRound.findUniqueOrThrow({ where: { id } });
}

async function accountOf(harness: BotHarness, user: TgUser) {
  await harness.sendText(user, '/start');
  return db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });
}

/** Menu → Buy tokens (the card) → Buy: the amount step. */
async function openAmountStep(harness: BotHarness, user: TgUser) {
  await harness.press(user, 'buy');
  await harness.press(user, harness.button('🛒'));
}

/** Each press got exactly one answer to its callback query. */
async function pressOnce(harness: BotHarness, user: TgUser, data: string) {
  const calls = await harness.press(user, data);
  expect(answers(calls), JSON.stringify(calls)).toHaveLength(1);
  return calls;
}

describe('the round card', () => {
  test('shows the round, price, progress bar, what is left, referral percent, limits, time left and the whole sale', async () => {
    const endsAt = new Date(START.getTime() + ((2 * 24 + 3) * 60 + 15) * 60_000);
    const { harness } = await saleOf([{ ...SEED, endsAt }, { name: 'Private', cap: 20_000n }], { sold: 4_000n });
    const user = newUser();
    await pressOnce(harness, user, 'buy');
    const text = harness.lastText();
    expect(text).toContain('round “Seed”');
    expect(text).toContain('Price: 0.0125 USD per token');
    expect(text).toContain('▓▓▓▓░░░░░░ 40.00%');
    expect(text).toContain('Left in this round: 6,000 tokens');
    expect(text).toContain('Per purchase: from 100 tokens to 5,000 tokens');
    expect(text).toContain('Referral reward: 10%');
    expect(text).toContain('Round ends in 2 d 3 h 15 min');
    expect(text).toContain('Whole sale: 26,000 tokens left');
    expect(harness.lastButtons().map((b) => b.data)).toEqual(['buy.go', 'buys:1', 'menu']);
  });

  test('in Russian, with Russian number formats', async () => {
    const { harness } = await saleOf([SEED], { sold: 4_000n });
    await harness.press(newUser({ language_code: 'ru' }), 'buy');
    const text = harness.lastText();
    expect(text).toContain('раунд «Seed»');
    expect(text).toContain('Цена: 0,0125 USD за токен');
    expect(text).toContain('▓▓▓▓░░░░░░ 40,00%');
    expect(text).toContain('Осталось в раунде: 6\u00a0000 токенов');
    expect(harness.lastButtons()[0]?.text).toBe('🛒 Купить токены');
  });

  test('a round with every token reserved says so and offers no Buy button', async () => {
    const { harness } = await saleOf([{ ...SEED, cap: 1_000n }], { sold: 400n, reserved: 600n });
    await harness.press(newUser(), 'buy');
    expect(harness.lastText()).toContain('All tokens of this round are reserved');
    expect(harness.lastButtons().map((b) => b.data)).not.toContain('buy.go');
  });

  test('a round that has not started says when it opens and offers no Buy button', async () => {
    const startsAt = new Date(START.getTime() + 86_400_000);
    const { harness } = await saleOf([{ ...SEED, startsAt }]);
    await harness.press(newUser(), 'buy');
    expect(harness.lastText()).toContain(`Round opens on ${formatDate(startsAt, 'en')}`);
    expect(harness.lastButtons().map((b) => b.data)).not.toContain('buy.go');
  });

  test('a sold-out last round: the sale is over', async () => {
    const { harness } = await saleOf([{ ...SEED, cap: 1_000n }], { sold: 1_000n });
    await harness.press(newUser(), 'buy');
    expect(harness.lastText()).toContain('The token sale is over');
    expect(harness.lastButtons().map((b) => b.data)).not.toContain('buy.go');
  });

  test('no active round (no rounds at all, or no such token): the sale is not open', async () => {
    const { harness } = await saleOf([]);
    await harness.press(newUser(), 'buy');
    expect(harness.lastText()).toContain('The token sale is not open right now');
    const nowhere = new BotHarness(core, { tokenId: 987_654 });
    await nowhere.press(newUser(), 'buy');
    expect(nowhere.lastText()).toContain('The token sale is not open right now');
    expect(nowhere.lastButtons().map((b) => b.data)).not.toContain('buy.go');
  });
});

describe('buying', () => {
  test('card → preset → summary → Confirm: a pending order at the shown price, tokens reserved on the round', async () => {
    const { harness, roundId } = await saleOf([SEED], { sold: 4_000n });
    const user = newUser();
    await pressOnce(harness, user, 'buy');
    await pressOnce(harness, user, harness.button('🛒'));
    expect(harness.lastText()).toContain('How many tokens');
    expect(harness.lastText()).toContain('6,000 tokens left');
    // Presets: the minimum and round numbers within the maximum (10,000 is above it).
    expect(harness.lastButtons().map((b) => b.text)).toEqual(['100', '1,000', '5,000', '✖️ Cancel']);

    await pressOnce(harness, user, harness.button('1,000'));
    expect(harness.lastText()).toContain('Amount: 1,000 tokens');
    expect(harness.lastText()).toContain('Unit price: 0.0125 USD');
    expect(harness.lastText()).toContain('Total: 12.50 USD');
    expect(await ordersOf(user)).toEqual([]);

    await pressOnce(harness, user, harness.button('Confirm'));
    const [order] = await ordersOf(user);
    expect(order).toMatchObject({ status: 'PENDING', amount: 1_000n, priceMinor: 1_250n, currency: 'USD', roundId });
    expect(await roundOf(roundId)).toMatchObject({ reserved: 1_000n, sold: 4_000n });
    const until = formatDate(new Date(START.getTime() + 30 * 60_000), 'en');
    expect(harness.lastText()).toContain(`Order #${order!.id} is reserved for you until ${until}`);
    expect(harness.lastText()).toContain('1,000 tokens for 12.50 USD');
    expect(harness.lastText()).toContain('Payment methods will appear here');
    expect(harness.lastButtons().map((b) => b.data)).toEqual([`ord.cancel:${order!.id}`, 'menu']);
  });

  test('a typed amount, in Russian', async () => {
    const { harness, roundId } = await saleOf([SEED]);
    const user = newUser({ language_code: 'ru' });
    await openAmountStep(harness, user);
    await harness.sendText(user, '2 500');
    expect(harness.lastText()).toContain('Количество: 2\u00a0500 токенов');
    expect(harness.lastText()).toContain('Цена за токен: 0,0125 USD');
    expect(harness.lastText()).toContain('Итого: 31,25 USD');
    await pressOnce(harness, user, harness.button('Подтвердить'));
    const [order] = await ordersOf(user);
    expect(order).toMatchObject({ status: 'PENDING', amount: 2_500n, priceMinor: 3_125n });
    expect(await roundOf(roundId)).toMatchObject({ reserved: 2_500n });
    expect(harness.lastText()).toContain(`Заказ №${order!.id} зарезервирован за вами до`);
    expect(harness.lastText()).toContain('Здесь появятся способы оплаты');
  });

  describe('each bad amount gets its own reason, stays at the amount step and creates nothing', () => {
    // 3,000 left (7,000 of 10,000 sold), 100 to 5,000 per purchase.
    test.each([
      ['0', 'The amount must be positive'],
      ['-5', 'The amount must be positive'],
      ['2.5', 'Tokens are sold whole'],
      ['abc', 'That is not a number'],
      ['1e3', 'That is not a number'],
      ['99999999999999999999999', 'far more than the sale has'],
      ['50', 'the minimum purchase in this round is 100 tokens'],
      ['6000', 'the maximum purchase in this round is 5,000 tokens'],
      ['4000', 'Only 3,000 tokens are left in this round'],
    ])('%j', async (input, reason) => {
      const { harness, roundId } = await saleOf([SEED], { sold: 7_000n });
      const user = newUser();
      await openAmountStep(harness, user);
      await harness.sendText(user, input);
      expect(harness.lastText()).toContain(reason);
      expect(harness.lastText()).toContain('How many tokens');
      expect(harness.lastButtons().map((b) => b.text)).toEqual(['100', '1,000', '✖️ Cancel']);
      expect(await ordersOf(user)).toEqual([]);
      expect(await roundOf(roundId)).toMatchObject({ reserved: 0n, sold: 7_000n });
    });
  });

  test('after a refused amount a good one goes on to the summary', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.sendText(user, 'lots');
    await harness.sendText(user, '300');
    expect(harness.lastText()).toContain('Total: 3.75 USD');
  });

  test('a sticker at the amount step gets a hint and nothing else', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.sendMessage(user, { sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    expect(harness.lastText()).toContain('Type the number of tokens or use the buttons');
    await harness.sendText(user, '100');
    expect(harness.lastText()).toContain('Total: 1.25 USD');
  });

  test('Change amount at the summary goes back to the amount step, and the new amount is what is ordered', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('5,000'));
    const oldConfirm = harness.button('Confirm');
    await pressOnce(harness, user, harness.button('Change amount'));
    expect(harness.lastText()).toContain('How many tokens');
    // The summary's Confirm is out of date at the amount step: answered as such, nothing ordered.
    const stale = await pressOnce(harness, user, oldConfirm);
    expect(answers(stale)[0]?.payload.text).toContain('out of date');
    expect(await ordersOf(user)).toEqual([]);
    await harness.press(user, harness.button('100'));
    await harness.press(user, harness.button('Confirm'));
    expect((await ordersOf(user)).map((o) => o.amount)).toEqual([100n]);
  });

  test('the round not started any more by the time the amount comes: says when it opens, creates nothing', async () => {
    const { harness, roundId } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    const startsAt = new Date(START.getTime() + 3_600_000);
    await db.prisma.tokenRound.update({ where: { id: roundId }, data: { startsAt } });
    await harness.sendText(user, '100');
    expect(harness.lastText()).toContain(`This round has not started yet: it opens on ${formatDate(startsAt, 'en')}`);
    expect(await ordersOf(user)).toEqual([]);
  });

  test('the round sold out while the buyer was choosing: says so, ends the purchase, creates nothing', async () => {
    const { harness, token, roundId } = await saleOf([{ ...SEED, cap: 1_000n }]);
    const user = newUser();
    await openAmountStep(harness, user);
    const other = await makeUser(db.prisma);
    expect((await startPurchase(core, { buyerId: other.id, tokenId: token.id, amount: 1_000n })).ok).toBe(true);
    await harness.sendText(user, '100');
    expect(harness.lastText()).toContain('This round is sold out');
    expect(harness.lastButtons().map((b) => b.data)).toEqual(['buy', 'menu']);
    expect(await ordersOf(user)).toEqual([]);
    expect(await roundOf(roundId)).toMatchObject({ reserved: 1_000n });
  });

  test('tokens taken between the summary and Confirm: the reason, back to the amount step, no order', async () => {
    const { harness, token } = await saleOf([{ ...SEED, cap: 3_000n }]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('1,000'));
    const other = await makeUser(db.prisma);
    expect((await startPurchase(core, { buyerId: other.id, tokenId: token.id, amount: 2_500n })).ok).toBe(true);
    await harness.press(user, harness.button('Confirm'));
    expect(harness.lastText()).toContain('Only 500 tokens are left in this round');
    expect(harness.lastText()).toContain('How many tokens');
    expect(await ordersOf(user)).toEqual([]);
  });

  test('the round moved on between the summary and Confirm: no order at an unseen price, the new summary instead', async () => {
    const endsAt = new Date(START.getTime() + 60_000);
    const { harness, token } = await saleOf([{ ...SEED, endsAt }, { ...SEED, name: 'Private', unitPrice: '0.02' }]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('1,000'));
    expect(harness.lastText()).toContain('Total: 12.50 USD');
    clock.advance(120_000);
    await harness.press(user, harness.button('Confirm'));
    expect(harness.lastText()).toContain('The round changed while you were deciding');
    expect(harness.lastText()).toContain('Total: 20.00 USD');
    expect(await ordersOf(user)).toEqual([]);
    await harness.press(user, harness.button('Confirm'));
    const [order] = await ordersOf(user);
    expect(order).toMatchObject({ status: 'PENDING', priceMinor: 2_000n, roundId: token.rounds[1]!.id });
  });
});

describe('cancelling and leaving', () => {
  test('Cancel at the amount step: nothing reserved, and the old buttons are out of date', async () => {
    const { harness, roundId } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    const preset = harness.button('1,000');
    await pressOnce(harness, user, harness.button('Cancel'));
    expect(harness.lastText()).toContain('Purchase cancelled. Nothing was reserved.');
    const calls = await harness.press(user, preset);
    expect(calls).toEqual([expect.objectContaining({ method: 'answerCallbackQuery', payload: expect.objectContaining({ text: expect.stringContaining('out of date') }) })]);
    expect(await ordersOf(user)).toEqual([]);
    expect(await roundOf(roundId)).toMatchObject({ reserved: 0n });
  });

  test('Cancel at the summary: nothing reserved', async () => {
    const { harness, roundId } = await saleOf([SEED]);
    const user = newUser({ language_code: 'ru' });
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('1\u00a0000'));
    await pressOnce(harness, user, harness.button('Отмена'));
    expect(harness.lastText()).toContain('Покупка отменена');
    expect(await ordersOf(user)).toEqual([]);
    expect(await roundOf(roundId)).toMatchObject({ reserved: 0n });
  });

  test('Cancel order after Confirm: the order is cancelled and its tokens released; a second press changes nothing', async () => {
    const { harness, roundId } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('1,000'));
    await harness.press(user, harness.button('Confirm'));
    expect(await roundOf(roundId)).toMatchObject({ reserved: 1_000n });
    const cancel = harness.button('Cancel order');
    await pressOnce(harness, user, cancel);
    const [order] = await ordersOf(user);
    expect(order).toMatchObject({ status: 'CANCELLED' });
    expect(harness.lastText()).toContain(`Order #${order!.id} is cancelled`);
    expect(await roundOf(roundId)).toMatchObject({ reserved: 0n });
    await pressOnce(harness, user, cancel);
    expect(harness.lastText()).toContain('cannot be cancelled: it is no longer waiting for payment');
  });

  test('nobody cancels another buyer’s order', async () => {
    const { harness, token, roundId } = await saleOf([SEED]);
    const owner = await makeUser(db.prisma);
    const started = await startPurchase(core, { buyerId: owner.id, tokenId: token.id, amount: 500n });
    if (!started.ok) throw new Error(started.code);
    await pressOnce(harness, newUser(), `ord.cancel:${started.value.orderId}`);
    expect(harness.lastText()).toContain('There is no such order of yours');
    expect(await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: started.value.orderId } })).toMatchObject({ status: 'PENDING' });
    expect(await roundOf(roundId)).toMatchObject({ reserved: 500n });
  });

  test('/start at the amount step leaves the purchase: welcome screen, typed numbers are not amounts any more', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.sendText(user, '/start');
    expect(harness.lastText()).toContain('Hi, ');
    await harness.sendText(user, '1000');
    expect(harness.lastText()).toContain("didn't understand");
    expect(await ordersOf(user)).toEqual([]);
  });

  test('/menu at the summary leaves the purchase: Confirm is out of date afterwards', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('100'));
    const confirm = harness.button('Confirm');
    await harness.sendText(user, '/menu');
    expect(harness.lastText()).toContain('Hi, ');
    const calls = await harness.press(user, confirm);
    expect(answers(calls)[0]?.payload.text).toContain('out of date');
    expect(await ordersOf(user)).toEqual([]);
  });

  test('a menu button in the middle leaves the purchase and opens its screen', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await pressOnce(harness, user, 'bal');
    expect(harness.lastText()).toContain('Your balance: 0 tokens');
    await harness.sendText(user, '100');
    expect(harness.lastText()).toContain("didn't understand");
  });

  test('Buy pressed again mid-purchase starts over at the amount step', async () => {
    const { harness } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(harness, user);
    await harness.press(user, harness.button('100'));
    await pressOnce(harness, user, 'buy.go');
    expect(harness.lastText()).toContain('How many tokens');
    await harness.sendText(user, '200');
    await harness.press(user, harness.button('Confirm'));
    expect((await ordersOf(user)).map((o) => o.amount)).toEqual([200n]);
  });
});

describe('a restart in the middle of buying', () => {
  test('another process on the same database picks the purchase up at the amount step', async () => {
    const { harness: before, token } = await saleOf([SEED]);
    const user = newUser();
    await openAmountStep(before, user);
    const state = await db.prisma.botState.findUnique({ where: { key: `conversation:${user.id}` } });
    expect(state).not.toBeNull();

    const after = new BotHarness(core, { tokenId: token.id });
    await after.sendText(user, '1500');
    expect(after.lastText()).toContain('Total: 18.75 USD');
    await after.press(user, after.button('Confirm'));
    const [order] = await ordersOf(user);
    expect(order).toMatchObject({ status: 'PENDING', amount: 1_500n, priceMinor: 1_875n });
    expect(after.lastText()).toContain(`Order #${order!.id} is reserved`);
  });
});

describe('my purchases and balance', () => {
  test('seven orders: two pages of five, newest first, with statuses, amounts, prices and dates; next and prev', async () => {
    const { harness, token } = await saleOf([{ ...SEED, maxPurchase: null }]);
    const user = newUser();
    const account = await accountOf(harness, user);
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++) {
      clock.advance(60_000);
      const started = await startPurchase(core, { buyerId: account.id, tokenId: token.id, amount: BigInt(100 * i) });
      if (!started.ok) throw new Error(started.code);
      ids.push(started.value.orderId);
    }
    await confirmPayment(core, ids[0]!);
    await cancelOrder(core, { buyerId: account.id, orderId: ids[1]! });

    await pressOnce(harness, user, 'buys:1');
    let text = harness.lastText();
    expect(text).toContain('My purchases (page 1 of 2)');
    expect(text).toContain(`#${ids[6]} · “Seed” · 700 tokens · 8.75 USD`);
    expect(text).toContain('⏳ awaiting payment');
    for (const id of ids.slice(2)) expect(text).toContain(`#${id} ·`);
    expect(text).not.toContain(`#${ids[1]} ·`);
    expect(text).toContain(formatDate(new Date(START.getTime() + 7 * 60_000), 'en'));
    expect(harness.lastButtons().map((b) => b.data)).toContain('buys:2');
    expect(harness.lastButtons().map((b) => b.data)).not.toContain('buys:0');
    expect(harness.lastButtons().filter((b) => b.data?.startsWith('ord.cancel:'))).toHaveLength(5);

    await pressOnce(harness, user, harness.button('Next'));
    text = harness.lastText();
    expect(text).toContain('My purchases (page 2 of 2)');
    expect(text).toContain(`#${ids[1]} · “Seed” · 200 tokens · 2.50 USD`);
    expect(text).toContain('✖️ cancelled');
    expect(text).toContain(`#${ids[0]} · “Seed” · 100 tokens · 1.25 USD`);
    expect(text).toContain('✅ paid');
    expect(harness.lastButtons().map((b) => b.data)).not.toContain('buys:3');

    await pressOnce(harness, user, harness.button('Prev'));
    expect(harness.lastText()).toContain('My purchases (page 1 of 2)');

    await pressOnce(harness, user, 'buys:9');
    expect(harness.lastText()).toContain('My purchases (page 2 of 2)');
  });

  test('statuses in Russian, and an empty list', async () => {
    const { harness, token } = await saleOf([SEED]);
    const user = newUser({ language_code: 'ru' });
    await harness.press(user, 'buys:1');
    expect(harness.lastText()).toContain('У вас пока нет покупок');
    const account = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });
    const started = await startPurchase(core, { buyerId: account.id, tokenId: token.id, amount: 1_000n });
    if (!started.ok) throw new Error(started.code);
    await confirmPayment(core, started.value.orderId);
    await harness.press(user, 'buys:1');
    expect(harness.lastText()).toContain('Мои покупки (страница 1 из 1)');
    expect(harness.lastText()).toContain('1\u00a0000 токенов · 12,50 USD');
    expect(harness.lastText()).toContain('✅ оплачен');
  });

  test('the balance: tokens held, their value at the active round price, and tokens awaiting payment', async () => {
    const { harness, token } = await saleOf([SEED]);
    const user = newUser();
    const account = await accountOf(harness, user);
    const paid = await startPurchase(core, { buyerId: account.id, tokenId: token.id, amount: 1_000n });
    if (!paid.ok) throw new Error(paid.code);
    await confirmPayment(core, paid.value.orderId);
    expect((await startPurchase(core, { buyerId: account.id, tokenId: token.id, amount: 300n })).ok).toBe(true);

    await harness.press(user, 'menu');
    await pressOnce(harness, user, harness.button('Balance'));
    const text = harness.lastText();
    expect(text).toContain('Your balance: 1,000 tokens');
    expect(text).toContain('Worth 12.50 USD');
    expect(text).toContain('Awaiting payment: 300 tokens');
    expect(harness.lastButtons().map((b) => b.data)).toEqual(['buys:1', 'buy', 'menu']);
  });

  test('the balance in Russian', async () => {
    const { harness } = await saleOf([SEED]);
    await harness.press(newUser({ language_code: 'ru' }), 'bal');
    expect(harness.lastText()).toContain('Ваш баланс: 0 токенов');
    expect(harness.lastText()).toContain('По цене текущего раунда это 0,00 USD');
  });
});

describe('order status notices', () => {
  const deps = () => ({ core, logger: silentLogger });

  async function orderFor(user: TgUser, options: { ru?: boolean; amount?: bigint; rounds?: RoundSpec[] } = {}) {
    const { harness, token } = await saleOf(options.rounds ?? [SEED]);
    const account = await accountOf(harness, user);
    const started = await startPurchase(core, { buyerId: account.id, tokenId: token.id, amount: options.amount ?? 1_000n });
    if (!started.ok) throw new Error(started.code);
    return { harness, token, account, orderId: started.value.orderId };
  }

  function lastMessageTo(harness: BotHarness, user: TgUser) {
    const call = harness.calls.findLast((c) => c.method === 'sendMessage');
    expect(call?.payload.chat_id).toBe(user.id);
    return call!;
  }

  test('EXPIRED: the reservation expired, tokens released, with a button to buy again', async () => {
    const user = newUser();
    const { harness, orderId } = await orderFor(user);
    clock.advance(31 * 60_000);
    expect(await expireReservations(core)).toContainEqual(expect.objectContaining({ orderId }));
    expect(await notifyOrderStatus(harness.bot.api, deps(), { orderId })).toBe('sent');
    const call = lastMessageTo(harness, user);
    expect(call.payload.text).toContain(`Your reservation for order #${orderId} expired and its 1,000 tokens went back on sale`);
    expect(harness.lastButtons()).toEqual([expect.objectContaining({ text: '🪙 Buy again', data: 'buy' })]);
  });

  test('PAID: payment confirmed, tokens credited, the new balance', async () => {
    const user = newUser();
    const { harness, orderId } = await orderFor(user);
    await confirmPayment(core, orderId);
    expect(await notifyOrderStatus(harness.bot.api, deps(), { orderId })).toBe('sent');
    expect(lastMessageTo(harness, user).payload.text).toBe(
      `✅ Payment for order #${orderId} is confirmed: 1,000 tokens credited. Your balance: 1,000 tokens.`,
    );
  });

  test('PAID, in Russian', async () => {
    const user = newUser({ language_code: 'ru' });
    const { harness, orderId } = await orderFor(user, { amount: 2_000n });
    await confirmPayment(core, orderId);
    await notifyOrderStatus(harness.bot.api, deps(), { orderId });
    expect(lastMessageTo(harness, user).payload.text).toBe(
      `✅ Оплата заказа №${orderId} подтверждена. Зачислено: 2\u00a0000 токенов. Ваш баланс: 2\u00a0000 токенов.`,
    );
  });

  test('CANCELLED', async () => {
    const user = newUser();
    const { harness, account, orderId } = await orderFor(user, { amount: 1n, rounds: [{ ...SEED, minPurchase: 1n }] });
    await cancelOrder(core, { buyerId: account.id, orderId });
    await notifyOrderStatus(harness.bot.api, deps(), { orderId });
    expect(lastMessageTo(harness, user).payload.text).toContain(`Order #${orderId} was cancelled and its 1 token went back on sale`);
  });

  test('REFUND_REQUIRED: paid after the reservation ended with nothing left to sell', async () => {
    const user = newUser();
    const { harness, token, orderId } = await orderFor(user, { rounds: [{ ...SEED, cap: 1_000n }] });
    clock.advance(31 * 60_000);
    await expireReservations(core);
    const other = await makeUser(db.prisma);
    expect((await startPurchase(core, { buyerId: other.id, tokenId: token.id, amount: 1_000n })).ok).toBe(true);
    expect(await confirmPayment(core, orderId)).toMatchObject({ ok: true, value: { status: 'REFUND_REQUIRED' } });
    await notifyOrderStatus(harness.bot.api, deps(), { orderId });
    expect(lastMessageTo(harness, user).payload.text).toContain(`payment for order #${orderId} arrived after the reservation ended`);
    expect(lastMessageTo(harness, user).payload.text).toContain('We will refund 12.50 USD');
  });

  test('a pending order or an unknown one: nothing is sent', async () => {
    const user = newUser();
    const { harness, orderId } = await orderFor(user);
    const before = harness.calls.length;
    expect(await notifyOrderStatus(harness.bot.api, deps(), { orderId })).toBe('skipped');
    expect(await notifyOrderStatus(harness.bot.api, deps(), { orderId: 987_654 })).toBe('skipped');
    expect(harness.calls.length).toBe(before);
  });

  test('a buyer who blocked the bot: logged and reported, never thrown', async () => {
    const user = newUser();
    const { harness, orderId } = await orderFor(user);
    await confirmPayment(core, orderId);
    harness.responders.set('sendMessage', (payload) => {
      throw new GrammyError('Call to sendMessage failed', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', payload);
    });
    const warnings: unknown[] = [];
    const logger = Object.assign(Object.create(silentLogger), { warn: (obj: unknown) => warnings.push(obj) });
    await expect(notifyOrderStatus(harness.bot.api, { core, logger }, { orderId })).resolves.toBe('failed');
    expect(warnings).toHaveLength(1);
  });
});

describe('formatting helpers', () => {
  test('tokens, money and unit prices per locale', () => {
    expect(formatTokens(1_234_567n, 'en')).toBe('1,234,567');
    expect(formatTokens(1_234_567n, 'ru')).toBe('1\u00a0234\u00a0567');
    expect(formatMoney(123_450n, 'USD', 'en')).toBe('1,234.50 USD');
    expect(formatMoney(123_450n, 'RUB', 'ru')).toBe('1\u00a0234,50 RUB');
    expect(formatMoney(5n, 'JPY', 'en')).toBe('5 JPY');
    expect(formatUnitPrice('0.0125000000', 'USD', 'en')).toBe('0.0125 USD');
    expect(formatUnitPrice('1', 'USD', 'en')).toBe('1.00 USD');
    expect(formatPercent('7.50', 'ru')).toBe('7,5%');
  });

  test('the progress bar fills a cell per whole tenth and is full only when sold out', () => {
    expect(progressBar('0', 'en')).toBe('░░░░░░░░░░ 0.00%');
    expect(progressBar('40', 'en')).toBe('▓▓▓▓░░░░░░ 40.00%');
    expect(progressBar('99.99', 'en')).toBe('▓▓▓▓▓▓▓▓▓░ 99.99%');
    expect(progressBar('100', 'en')).toBe('▓▓▓▓▓▓▓▓▓▓ 100.00%');
  });

  test('durations split into days, hours and minutes, rounded up to the minute', () => {
    expect(splitDuration(((2 * 24 + 3) * 60 + 15) * 60_000)).toEqual({ days: 2, hours: 3, minutes: 15 });
    expect(splitDuration(1)).toEqual({ days: 0, hours: 0, minutes: 1 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  test('dates in UTC, per locale', () => {
    expect(formatDate(START, 'en')).toMatch(/Jan 15, 2026.*12:00 UTC/);
    expect(formatDate(START, 'ru')).toMatch(/15 янв\. 2026.*12:00 UTC/);
  });
});
