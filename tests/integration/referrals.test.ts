import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { Dec } from '../../src/core/money.js';
import { attributeReferrer } from '../../src/core/referrals/attribute-referrer.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import { registerUser } from '../../src/core/users/register-user.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeToken, makeUser } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';

let db: Database;
let deps: CoreDeps;
let nextTelegramId = 5_000n;

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma);
});
afterAll(() => db.close());
afterEach(() => expectBooksBalance(db.prisma));

const start = (startPayload?: string, extra: { languageCode?: string } = {}) =>
  registerUser(deps, { telegramId: nextTelegramId++, firstName: 'Tester', username: 'tester', startPayload, ...extra });

async function buy(buyerId: number, tokenId: number, amount: number, d: CoreDeps = deps) {
  const started = await startPurchase(d, { buyerId, tokenId, amount });
  if (!started.ok) throw new Error(started.code);
  const confirmed = await confirmPayment(d, started.value.orderId);
  if (!confirmed.ok) throw new Error(confirmed.code);
  return confirmed.value;
}

describe('registering at /start', () => {
  test('a first start creates the user with a referral code, profile and language', async () => {
    const { user, created, referral } = await start(undefined, { languageCode: 'ru-RU' });
    expect(created).toBe(true);
    expect(referral).toBeUndefined();
    expect(user.referralCode).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(user.language).toBe('ru');
    expect(user.roles).toEqual(['BUYER']);
    expect(await db.prisma.profile.findUnique({ where: { userId: user.id } })).not.toBeNull();
  });

  test('a start with a referral code attributes the referrer', async () => {
    const referrer = await start();
    const { user, referral } = await start(referrer.user.referralCode);
    expect(referral).toEqual({ ok: true, referrerId: referrer.user.id });
    expect(user.referrerId).toBe(referrer.user.id);
    expect(user.referredAt).not.toBeNull();
  });

  test('a later start with another code changes nothing', async () => {
    const [first, second] = [await start(), await start()];
    const invited = await start(first.user.referralCode);
    const again = await registerUser(deps, { telegramId: invited.user.telegramId, firstName: 'X', startPayload: second.user.referralCode });
    expect(again.created).toBe(false);
    expect(again.user.referrerId).toBe(first.user.id);
  });

  test.each([
    ['an unknown code', 'Zzzzzzzz', 'REFERRAL_CODE_UNKNOWN'],
    ['a lot link', 'lot_15', undefined],
    ['garbage', '<script>', undefined],
    ['a too long payload', 'a'.repeat(200), undefined],
  ])('%s leaves no referrer and breaks nothing', async (_, payload, code) => {
    const { user, created, referral } = await start(payload);
    expect(created).toBe(true);
    expect(user.referrerId).toBeNull();
    expect(referral?.ok === false ? referral.code : undefined).toBe(code);
  });

  test('a repeated start keeps the edited name but follows the Telegram username', async () => {
    const first = await start();
    await db.prisma.user.update({ where: { id: first.user.id }, data: { firstName: 'Edited' } });
    const again = await registerUser(deps, { telegramId: first.user.telegramId, firstName: 'Telegram', username: 'renamed' });
    expect(again.user).toMatchObject({ firstName: 'Edited', username: 'renamed' });
  });
});

describe('attributing a referrer', () => {
  test('never to the user themselves', async () => {
    const { user } = await start();
    expect(await attributeReferrer(deps, { userId: user.id, code: user.referralCode })).toEqual({ ok: false, code: 'REFERRAL_SELF' });
  });

  test('never closing a cycle, however long', async () => {
    const a = await start();
    const b = await start(a.user.referralCode);
    const c = await start(b.user.referralCode);
    // a was invited by nobody; entering c's code would make a → c → b → a.
    expect(await attributeReferrer(deps, { userId: a.user.id, code: c.user.referralCode })).toEqual({ ok: false, code: 'REFERRAL_CYCLE' });
    expect(await attributeReferrer(deps, { userId: a.user.id, code: b.user.referralCode })).toEqual({ ok: false, code: 'REFERRAL_CYCLE' });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: a.user.id } })).referrerId).toBeNull();
  });

  test('once: a set referrer is never replaced', async () => {
    const [a, b] = [await start(), await start()];
    const { user } = await start(a.user.referralCode);
    expect(await attributeReferrer(deps, { userId: user.id, code: b.user.referralCode })).toEqual({ ok: false, code: 'REFERRAL_ALREADY_SET' });
  });

  test('a user who joined without a code may enter one before the first order, not after', async () => {
    const token = await makeToken(db.prisma);
    const referrer = await start();
    const early = await start();
    expect(await attributeReferrer(deps, { userId: early.user.id, code: referrer.user.referralCode })).toEqual({
      ok: true,
      value: { referrerId: referrer.user.id },
    });
    const late = await start();
    await startPurchase(deps, { buyerId: late.user.id, tokenId: token.id, amount: 5 });
    expect(await attributeReferrer(deps, { userId: late.user.id, code: referrer.user.referralCode })).toEqual({
      ok: false,
      code: 'REFERRAL_TOO_LATE',
    });
  });

  test.each([['abc'], ['lot_12'], [''], ['aaaaaaa!'], ['x'.repeat(65)]])('malformed code %j is refused', async (code) => {
    const { user } = await start();
    expect(await attributeReferrer(deps, { userId: user.id, code })).toEqual({ ok: false, code: 'REFERRAL_CODE_MALFORMED' });
  });

  test('an unknown user is refused', async () => {
    const { user } = await start();
    expect(await attributeReferrer(deps, { userId: 777_777, code: user.referralCode })).toEqual({ ok: false, code: 'USER_NOT_FOUND' });
  });
});

describe('referral rewards', () => {
  test('three levels earn the round percent, then 3% and 1%, rounded down, as separate ledger entries', async () => {
    const token = await makeToken(db.prisma, [{ cap: 100_000n, referralPercent: '10' }]);
    const top = await makeUser(db.prisma);
    const l2 = await makeUser(db.prisma, { referrerId: top.id });
    const l1 = await makeUser(db.prisma, { referrerId: l2.id });
    const buyer = await makeUser(db.prisma, { referrerId: l1.id });
    const beyond = await makeUser(db.prisma);
    await db.prisma.user.update({ where: { id: top.id }, data: { referrerId: beyond.id } }); // a 4th level earns nothing
    const paid = await buy(buyer.id, token.id, 1234);
    expect(paid.rewards.map((r) => [r.level, r.beneficiaryId, r.amount])).toEqual([
      [1, l1.id, 123n],
      [2, l2.id, 37n],
      [3, top.id, 12n],
    ]);
    const rewardEntries = await db.prisma.ledgerEntry.findMany({ where: { kind: 'REFERRAL_REWARD', userId: { in: [l1.id, l2.id, top.id, beyond.id] } } });
    expect(rewardEntries.map((e) => e.amount).sort()).toEqual([123n, 12n, 37n].sort());
    const buyerEntries = await db.prisma.ledgerEntry.findMany({ where: { userId: buyer.id } });
    expect(buyerEntries.map((e) => [e.kind, e.amount])).toEqual([['PURCHASE', 1234n]]);
  });

  test('percents are those of the moment the order was placed', async () => {
    const token = await makeToken(db.prisma, [{ cap: 100_000n, referralPercent: '10' }]);
    const referrer = await makeUser(db.prisma);
    const buyer = await makeUser(db.prisma, { referrerId: referrer.id });
    const started = await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 1000 });
    if (!started.ok) throw new Error(started.code);
    await db.prisma.tokenRound.update({ where: { id: token.rounds[0]!.id }, data: { referralPercent: '25' } });
    const changedDeps = { ...deps, sale: { ...deps.sale, referralLevelPercents: [new Dec(9)] } };
    const confirmed = await confirmPayment(changedDeps, started.value.orderId);
    expect(confirmed.ok && confirmed.value.rewards.map((r) => r.amount)).toEqual([100n]);
  });

  test('only paid orders earn, and orders under the configured minimum earn nothing', async () => {
    const token = await makeToken(db.prisma, [{ cap: 100_000n }]);
    const referrer = await makeUser(db.prisma);
    const buyer = await makeUser(db.prisma, { referrerId: referrer.id });
    await startPurchase(deps, { buyerId: buyer.id, tokenId: token.id, amount: 500 }); // never paid
    expect(await db.prisma.referralReward.count({ where: { beneficiaryId: referrer.id } })).toBe(0);
    const strict = { ...deps, sale: { ...deps.sale, referralMinPurchase: 100n } };
    expect((await buy(buyer.id, token.id, 99, strict)).rewards).toEqual([]);
    expect((await buy(buyer.id, token.id, 100, strict)).rewards.map((r) => r.amount)).toEqual([10n]);
    expect(await db.prisma.referralReward.count({ where: { beneficiaryId: referrer.id } })).toBe(1);
  });

  test('a replayed confirmation writes no second reward', async () => {
    const token = await makeToken(db.prisma, [{ cap: 100_000n }]);
    const referrer = await makeUser(db.prisma);
    const buyer = await makeUser(db.prisma, { referrerId: referrer.id });
    const { orderId } = await buy(buyer.id, token.id, 300);
    await confirmPayment(deps, orderId);
    await confirmPayment(deps, orderId);
    expect(await db.prisma.referralReward.count({ where: { orderId } })).toBe(1); // the buyer has one level above them
  });
});
