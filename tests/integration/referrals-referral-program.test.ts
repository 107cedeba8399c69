import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { Dec } from '../../src/core/money.js';
import { canEnterReferralCode } from '../../src/core/referrals/can-enter-referral-code.js';
import { referralProgram } from '../../src/core/referrals/referral-program.js';
import { rewardHistory } from '../../src/core/referrals/reward-history.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
let tokenId: number;
const clock = fixedClock();

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma, { clock });
  tokenId = (await makeToken(db.prisma, [{ referralPercent: '10', cap: 100_000n }], 'RPT')).id;
});
afterAll(() => db.close());

/** Starts a purchase and, unless `pay` is false, confirms its payment. */
async function order(buyerId: number, amount: number, pay = true) {
  clock.advance(60_000);
  const started = await startPurchase(deps, { buyerId, tokenId, amount });
  if (!started.ok) throw new Error(started.code);
  if (pay) await confirmPayment(deps, started.value.orderId);
  return started.value.orderId;
}

describe('referralProgram', () => {
  test('gives the code, the percent per level, the tree per level and the total earned', async () => {
    const root = await makeUser(db.prisma);
    const [ann, bob] = [await makeUser(db.prisma, { referrerId: root.id }), await makeUser(db.prisma, { referrerId: root.id })];
    const cid = await makeUser(db.prisma, { referrerId: ann.id });
    const dan = await makeUser(db.prisma, { referrerId: cid.id });
    const eve = await makeUser(db.prisma, { referrerId: dan.id }); // level 4: beyond the rewarded levels
    await order(ann.id, 100);
    await order(ann.id, 50);
    await order(bob.id, 40, false); // pending: Bob is a referral but not a buyer
    await order(cid.id, 200);
    await order(dan.id, 300);
    await order(eve.id, 500);

    const program = await referralProgram(deps, { userId: root.id, tokenId });
    expect(program).toEqual({
      ok: true,
      value: {
        referralCode: root.referralCode,
        symbol: 'RPT',
        percents: ['10', '3', '1'],
        levels: [
          { level: 1, people: 2, buyers: 1, purchased: 150n, rewards: 15n },
          { level: 2, people: 1, buyers: 1, purchased: 200n, rewards: 6n },
          { level: 3, people: 1, buyers: 1, purchased: 300n, rewards: 3n },
        ],
        totalRewards: 24n,
        codeEntryOffered: true,
      },
    });
  });

  test('level 1 has no percent while no round is active, and the levels follow the sale settings', async () => {
    const paused = await makeToken(db.prisma, [{ status: 'DRAFT' }], 'RPP');
    const user = await makeUser(db.prisma);
    const settings = { ...deps.sale, referralLevelPercents: [new Dec('2.5')] };
    const program = await referralProgram({ ...deps, sale: settings }, { userId: user.id, tokenId: paused.id });
    expect(program.ok && program.value.percents).toEqual([null, '2.5']);
    expect(program.ok && program.value.levels.map((l) => l.level)).toEqual([1, 2]);
  });

  test('an unknown user or token is a failure, not an exception', async () => {
    const user = await makeUser(db.prisma);
    expect(await referralProgram(deps, { userId: 999_999, tokenId })).toEqual({ ok: false, code: 'USER_NOT_FOUND' });
    expect(await referralProgram(deps, { userId: user.id, tokenId: 999_999 })).toEqual({ ok: false, code: 'TOKEN_NOT_FOUND' });
  });
});

describe('canEnterReferralCode', () => {
  test('only without a referrer and without an order that counts', async () => {
    const referrer = await makeUser(db.prisma);
    const invited = await makeUser(db.prisma, { referrerId: referrer.id });
    const fresh = await makeUser(db.prisma);
    const pending = await makeUser(db.prisma);
    await order(pending.id, 5, false);
    const expired = await makeUser(db.prisma);
    const expiredOrder = await order(expired.id, 5, false);
    await db.prisma.tokenOrder.update({ where: { id: expiredOrder }, data: { status: 'EXPIRED' } });
    await db.prisma.tokenRound.updateMany({ where: { tokenId }, data: { reserved: { decrement: 5n } } });

    expect(await canEnterReferralCode(db.prisma, fresh.id)).toBe(true);
    expect(await canEnterReferralCode(db.prisma, invited.id)).toBe(false);
    expect(await canEnterReferralCode(db.prisma, pending.id)).toBe(false);
    // An expired order bought nothing: attributeReferrer still accepts a code, so it is offered.
    expect(await canEnterReferralCode(db.prisma, expired.id)).toBe(true);
    expect(await canEnterReferralCode(db.prisma, 999_999)).toBe(false);
  });
});

describe('rewardHistory', () => {
  test('pages of five, newest first, with the symbol; a page past the end gives the last page', async () => {
    const referrer = await makeUser(db.prisma);
    const buyer = await makeUser(db.prisma, { referrerId: referrer.id, firstName: 'Gina' });
    for (const amount of [10, 20, 30, 40, 50, 60, 70]) await order(buyer.id, amount);

    const first = await rewardHistory(deps, { userId: referrer.id, tokenId, page: 1 });
    if (!first.ok) throw new Error(first.code);
    expect(first.value.symbol).toBe('RPT');
    expect(first.value.rewards).toMatchObject({ page: 1, pages: 2, total: 7, pageSize: 5 });
    expect(first.value.rewards.items.map((r) => r.amount)).toEqual([7n, 6n, 5n, 4n, 3n]);
    expect(first.value.rewards.items[0]).toMatchObject({ level: 1, fromName: 'Gina', status: 'CREDITED' });

    const beyond = await rewardHistory(deps, { userId: referrer.id, tokenId, page: 40 });
    expect(beyond.ok && beyond.value.rewards).toMatchObject({ page: 2, pages: 2 });
    expect(beyond.ok && beyond.value.rewards.items.map((r) => r.amount)).toEqual([2n, 1n]);
  });

  test('no rewards: one empty page; an unknown token is a failure', async () => {
    const user = await makeUser(db.prisma);
    const empty = await rewardHistory(deps, { userId: user.id, tokenId, page: 3 });
    expect(empty.ok && empty.value.rewards).toMatchObject({ page: 1, pages: 1, total: 0, items: [] });
    expect(await rewardHistory(deps, { userId: user.id, tokenId: 999_999, page: 1 })).toEqual({ ok: false, code: 'TOKEN_NOT_FOUND' });
  });
});
