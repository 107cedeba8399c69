import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { activateRound } from '../../src/core/tokens/activate-round.js';
import { completeRound } from '../../src/core/tokens/complete-round.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { createRound } from '../../src/core/tokens/create-round.js';
import { editRound } from '../../src/core/tokens/edit-round.js';
import {
  checkRoundConsistency,
  parseCurrency,
  parseReferralPercent,
  parseRoundName,
  parseTokenCount,
  parseUnitPrice,
  parseUtcDateTime,
  type RoundFields,
} from '../../src/core/tokens/round-fields.js';
import { saleReport } from '../../src/core/tokens/sale-report.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import { findRoleHolder, grantRole, parseUserRef, revokeRole } from '../../src/core/users/grant-role.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
let clock: ReturnType<typeof fixedClock>;

beforeAll(async () => {
  db = await createTestDb();
  clock = fixedClock(new Date('2026-01-15T12:00:00Z'));
  deps = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());

const fields = (over: Partial<RoundFields> = {}): RoundFields => ({
  name: 'Public',
  currency: 'USD',
  unitPrice: '0.015',
  cap: 3000n,
  referralPercent: '5',
  minPurchase: 10n,
  maxPurchase: 500n,
  startsAt: new Date('2026-02-01T00:00:00Z'),
  endsAt: new Date('2026-03-01T00:00:00Z'),
  ...over,
});

const statuses = async (tokenId: number) =>
  (await db.prisma.tokenRound.findMany({ where: { tokenId }, orderBy: { position: 'asc' } })).map((r) => `${r.name}:${r.status}`);

describe('round fields as an admin types them', () => {
  test('names: trimmed, one line, 1 to 64 characters', () => {
    expect(parseRoundName('  Early   bird \n')).toEqual({ ok: true, value: 'Early bird' });
    expect(parseRoundName('Ю'.repeat(64)).ok).toBe(true);
    for (const bad of ['', '   ', 'x'.repeat(65)]) expect(parseRoundName(bad)).toEqual({ ok: false, code: 'ROUND_NAME_INVALID' });
  });

  test('currencies: three-letter codes money.ts supports, any case', () => {
    expect(parseCurrency(' eur ')).toEqual({ ok: true, value: 'EUR' });
    expect(parseCurrency('XTR')).toEqual({ ok: true, value: 'XTR' });
    // USDT is supported by money.ts but does not fit the char(3) column.
    for (const bad of ['USDT', 'XYZ', 'US', '', '$']) expect(parseCurrency(bad)).toEqual({ ok: false, code: 'CURRENCY_INVALID' });
  });

  test('prices: positive decimals with at most 10 fractional digits, comma accepted', () => {
    expect(parseUnitPrice('0.0125')).toEqual({ ok: true, value: '0.0125' });
    expect(parseUnitPrice('0,5')).toEqual({ ok: true, value: '0.5' });
    expect(parseUnitPrice('0.0000000001')).toEqual({ ok: true, value: '0.0000000001' });
    expect(parseUnitPrice('12.5000')).toEqual({ ok: true, value: '12.5' });
    for (const bad of ['0', '0.00', '-1', '0.00000000001', 'abc', '1e-3', '.5', '1.', '1 000.5', '']) {
      expect(parseUnitPrice(bad), bad).toEqual({ ok: false, code: 'PRICE_INVALID' });
    }
  });

  test('referral percents: 0 to 100 with at most two decimals', () => {
    expect(parseReferralPercent('0')).toEqual({ ok: true, value: '0' });
    expect(parseReferralPercent('7,5 %')).toEqual({ ok: true, value: '7.5' });
    expect(parseReferralPercent('100.00')).toEqual({ ok: true, value: '100' });
    for (const bad of ['100.01', '101', '-1', '5.555', 'ten', '']) {
      expect(parseReferralPercent(bad), bad).toEqual({ ok: false, code: 'REFERRAL_PERCENT_INVALID' });
    }
  });

  test('token counts: positive whole numbers, digit groups allowed', () => {
    expect(parseTokenCount('1 000 000', 'CAP_INVALID')).toEqual({ ok: true, value: 1_000_000n });
    expect(parseTokenCount('1', 'MIN_PURCHASE_INVALID')).toEqual({ ok: true, value: 1n });
    for (const bad of ['0', '-5', '1.5', 'lots', '', '1000000000000000001']) {
      expect(parseTokenCount(bad, 'CAP_INVALID'), bad).toEqual({ ok: false, code: 'CAP_INVALID' });
    }
  });

  test('dates: YYYY-MM-DD HH:MM in UTC, impossible ones refused', () => {
    expect(parseUtcDateTime('2026-03-01 12:30')).toEqual({ ok: true, value: new Date('2026-03-01T12:30:00Z') });
    expect(parseUtcDateTime('2026-03-01T00:00 UTC')).toEqual({ ok: true, value: new Date('2026-03-01T00:00:00Z') });
    for (const bad of ['2026-02-30 10:00', '2026-13-01 10:00', '2026-01-01 24:00', '2026-01-01 10:60', '01.03.2026 12:00', 'tomorrow', '2026-03-01']) {
      expect(parseUtcDateTime(bad), bad).toEqual({ ok: false, code: 'DATE_INVALID' });
    }
  });

  test('fields together: minimum within the cap, maximum not below the minimum, end after the start', () => {
    expect(checkRoundConsistency({ cap: 100n, minPurchase: 101n })).toEqual({ ok: false, code: 'MIN_ABOVE_CAP' });
    expect(checkRoundConsistency({ minPurchase: 10n, maxPurchase: 9n })).toEqual({ ok: false, code: 'MAX_BELOW_MIN' });
    const at = new Date('2026-03-01T00:00:00Z');
    expect(checkRoundConsistency({ startsAt: at, endsAt: at })).toEqual({ ok: false, code: 'END_NOT_AFTER_START' });
    expect(checkRoundConsistency({ cap: 100n, minPurchase: 100n, maxPurchase: 100n, startsAt: null, endsAt: at })).toEqual({ ok: true, value: true });
  });
});

describe('createRound', () => {
  test('adds a DRAFT round at the next position with the normalized values', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed' }, { name: 'Private' }]);
    const created = await createRound(deps, { tokenId: token.id, fields: fields({ name: '  Public ', currency: 'usd', unitPrice: '0,015' }) });
    expect(created).toMatchObject({ ok: true, value: { position: 3 } });
    if (!created.ok) return;
    const round = await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: created.value.roundId } });
    expect(round).toMatchObject({ tokenId: token.id, position: 3, name: 'Public', status: 'DRAFT', cap: 3000n, sold: 0n, minPurchase: 10n, maxPurchase: 500n });
    expect(round.currency.trim()).toBe('USD');
    expect(round.unitPrice.toString()).toBe('0.015');
    expect(round.referralPercent.toString()).toBe('5');
    expect(round.startsAt?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  test('the first round of a token is position 1; optional fields may be empty', async () => {
    const token = await db.prisma.token.create({ data: { name: 'Empty', symbol: `E${Date.now()}`, totalSupply: 1000n } });
    const created = await createRound(deps, { tokenId: token.id, fields: fields({ maxPurchase: null, startsAt: null, endsAt: null }) });
    expect(created).toMatchObject({ ok: true, value: { position: 1 } });
  });

  test.each([
    [{ name: '' }, 'ROUND_NAME_INVALID'],
    [{ currency: 'ABC' }, 'CURRENCY_INVALID'],
    [{ unitPrice: '0' }, 'PRICE_INVALID'],
    [{ unitPrice: '0.12345678901' }, 'PRICE_INVALID'],
    [{ cap: 0n }, 'CAP_INVALID'],
    [{ referralPercent: '100.5' }, 'REFERRAL_PERCENT_INVALID'],
    [{ minPurchase: 0n }, 'MIN_PURCHASE_INVALID'],
    [{ maxPurchase: -1n }, 'MAX_PURCHASE_INVALID'],
    [{ minPurchase: 3001n, maxPurchase: null }, 'MIN_ABOVE_CAP'],
    [{ maxPurchase: 5n }, 'MAX_BELOW_MIN'],
    [{ startsAt: new Date('2026-03-02T00:00:00Z') }, 'END_NOT_AFTER_START'],
    [{ endsAt: new Date(Number.NaN) }, 'DATE_INVALID'],
  ] as [Partial<RoundFields>, string][])('%o is refused with %s and nothing is created', async (bad, code) => {
    const token = await makeToken(db.prisma, [{}]);
    expect(await createRound(deps, { tokenId: token.id, fields: fields(bad) })).toEqual({ ok: false, code });
    expect(await db.prisma.tokenRound.count({ where: { tokenId: token.id } })).toBe(1);
  });

  test('an unknown token is refused', async () => {
    expect(await createRound(deps, { tokenId: 999_999, fields: fields() })).toEqual({ ok: false, code: 'TOKEN_NOT_FOUND' });
  });

  test('rounds created at once get consecutive positions', async () => {
    const token = await makeToken(db.prisma, [{}]);
    const results = await Promise.all([1, 2, 3].map((i) => createRound(deps, { tokenId: token.id, fields: fields({ name: `R${i}` }) })));
    expect(results.every((r) => r.ok)).toBe(true);
    const positions = (await db.prisma.tokenRound.findMany({ where: { tokenId: token.id }, orderBy: { position: 'asc' } })).map((r) => r.position);
    expect(positions).toEqual([1, 2, 3, 4]);
  });
});

describe('editRound', () => {
  test('changes only the given fields of a draft', async () => {
    const token = await makeToken(db.prisma, [{ name: 'Seed' }, { name: 'Private', unitPrice: '0.02', cap: 5000n }]);
    const draft = token.rounds[1]!;
    const edited = await editRound(deps, { tokenId: token.id, roundId: draft.id, changes: { unitPrice: '0.025', maxPurchase: 700n, name: ' Private+ ' } });
    expect(edited).toEqual({ ok: true, value: { roundId: draft.id } });
    const round = await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: draft.id } });
    expect(round.unitPrice.toString()).toBe('0.025');
    expect(round).toMatchObject({ name: 'Private+', maxPurchase: 700n, cap: 5000n, status: 'DRAFT' });
  });

  test('the edited round must stay valid as a whole', async () => {
    const token = await makeToken(db.prisma, [{}, { cap: 100n, minPurchase: 10n, maxPurchase: 50n }]);
    const draft = token.rounds[1]!;
    expect(await editRound(deps, { tokenId: token.id, roundId: draft.id, changes: { cap: 5n } })).toEqual({ ok: false, code: 'MIN_ABOVE_CAP' });
    expect(await editRound(deps, { tokenId: token.id, roundId: draft.id, changes: { minPurchase: 60n } })).toEqual({ ok: false, code: 'MAX_BELOW_MIN' });
    expect(await editRound(deps, { tokenId: token.id, roundId: draft.id, changes: { currency: 'BTC' } })).toEqual({ ok: false, code: 'CURRENCY_INVALID' });
    expect(await db.prisma.tokenRound.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ cap: 100n, minPurchase: 10n, currency: 'USD' });
  });

  test('an active or completed round is refused with ROUND_NOT_DRAFT and stays as it was', async () => {
    const token = await makeToken(db.prisma, [{ status: 'COMPLETE', name: 'Old' }, { status: 'ACTIVE', name: 'Now' }]);
    for (const round of token.rounds) {
      expect(await editRound(deps, { tokenId: token.id, roundId: round.id, changes: { name: 'Changed' } })).toEqual({ ok: false, code: 'ROUND_NOT_DRAFT' });
    }
    expect(await statuses(token.id)).toEqual(['Old:COMPLETE', 'Now:ACTIVE']);
  });

  test("another token's round or an unknown id is not found", async () => {
    const mine = await makeToken(db.prisma, [{}]);
    const other = await makeToken(db.prisma, [{}, {}]);
    expect(await editRound(deps, { tokenId: mine.id, roundId: other.rounds[1]!.id, changes: { name: 'X' } })).toEqual({ ok: false, code: 'ROUND_NOT_FOUND' });
    expect(await editRound(deps, { tokenId: mine.id, roundId: 999_999, changes: { name: 'X' } })).toEqual({ ok: false, code: 'ROUND_NOT_FOUND' });
  });
});

describe('activateRound', () => {
  test('completes the active round and activates the draft, out of turn if asked', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const [a, , c] = token.rounds;
    const result = await activateRound(deps, { tokenId: token.id, roundId: c!.id });
    expect(result).toEqual({ ok: true, value: { activated: c!.id, completed: a!.id } });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:DRAFT', 'C:ACTIVE']);
    const rounds = await db.prisma.tokenRound.findMany({ where: { tokenId: token.id }, orderBy: { position: 'asc' } });
    expect(rounds[0]!.completedAt).toEqual(clock.now());
    expect(rounds[2]!.activatedAt).toEqual(clock.now());
  });

  test('with no active round it simply activates the draft', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A', status: 'COMPLETE' }, { name: 'B', status: 'DRAFT' }]);
    expect(await activateRound(deps, { tokenId: token.id, roundId: token.rounds[1]!.id })).toEqual({
      ok: true,
      value: { activated: token.rounds[1]!.id, completed: null },
    });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:ACTIVE']);
  });

  test('only drafts, only of this token, not past their end', async () => {
    const token = await makeToken(db.prisma, [
      { name: 'A', status: 'COMPLETE' },
      { name: 'B', status: 'ACTIVE' },
      { name: 'C', status: 'DRAFT', endsAt: new Date('2026-01-15T11:59:00Z') },
    ]);
    const [a, b, c] = token.rounds;
    expect(await activateRound(deps, { tokenId: token.id, roundId: a!.id })).toEqual({ ok: false, code: 'ROUND_NOT_DRAFT' });
    expect(await activateRound(deps, { tokenId: token.id, roundId: b!.id })).toEqual({ ok: false, code: 'ROUND_NOT_DRAFT' });
    expect(await activateRound(deps, { tokenId: token.id, roundId: c!.id })).toEqual({ ok: false, code: 'ROUND_ENDED' });
    expect(await activateRound(deps, { tokenId: token.id + 1000, roundId: c!.id })).toEqual({ ok: false, code: 'ROUND_NOT_FOUND' });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:ACTIVE', 'C:DRAFT']);
  });

  test('two activations at once leave exactly one active round', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const results = await Promise.all(token.rounds.slice(1).map((r) => activateRound(deps, { tokenId: token.id, roundId: r.id })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.prisma.tokenRound.count({ where: { tokenId: token.id, status: 'ACTIVE' } })).toBe(1);
  });
});

describe('completeRound', () => {
  test('completes the active round and activates the next draft by position', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const [a, b] = token.rounds;
    expect(await completeRound(deps, { tokenId: token.id, roundId: a!.id })).toEqual({
      ok: true,
      value: { completed: a!.id, activated: b!.id, skipped: [], saleComplete: false },
    });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:ACTIVE', 'C:DRAFT']);
  });

  test('drafts whose end passed are skipped, as advanceRounds does; the last round ends the sale', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A' }, { name: 'B', endsAt: new Date('2026-01-01T00:00:00Z') }, { name: 'C' }]);
    const [a, b, c] = token.rounds;
    expect(await completeRound(deps, { tokenId: token.id, roundId: a!.id })).toMatchObject({ ok: true, value: { activated: c!.id, skipped: [b!.id] } });
    expect(await completeRound(deps, { tokenId: token.id, roundId: c!.id })).toEqual({
      ok: true,
      value: { completed: c!.id, activated: null, skipped: [], saleComplete: true },
    });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:COMPLETE', 'C:COMPLETE']);
  });

  test('a round that is not active is refused (a stale button cannot end the current round)', async () => {
    const token = await makeToken(db.prisma, [{ name: 'A', status: 'COMPLETE' }, { name: 'B', status: 'ACTIVE' }, { name: 'C', status: 'DRAFT' }]);
    const [a, , c] = token.rounds;
    expect(await completeRound(deps, { tokenId: token.id, roundId: a!.id })).toEqual({ ok: false, code: 'ROUND_NOT_ACTIVE' });
    expect(await completeRound(deps, { tokenId: token.id, roundId: c!.id })).toEqual({ ok: false, code: 'ROUND_NOT_ACTIVE' });
    expect(await completeRound(deps, { tokenId: token.id, roundId: 999_999 })).toEqual({ ok: false, code: 'ROUND_NOT_FOUND' });
    expect(await statuses(token.id)).toEqual(['A:COMPLETE', 'B:ACTIVE', 'C:DRAFT']);
  });
});

describe('saleReport', () => {
  test('sold and rewards in total and per round, buyers and referral conversion', async () => {
    const local = await createTestDb();
    try {
      const localDeps = coreDeps(local.prisma, { clock: fixedClock() });
      const token = await makeToken(local.prisma, [{ name: 'Seed', cap: 500n, referralPercent: '10' }, { name: 'Private', cap: 1000n, referralPercent: '5' }]);
      const top = await makeUser(local.prisma);
      const a = await makeUser(local.prisma, { referrerId: top.id });
      const b = await makeUser(local.prisma, { referrerId: top.id });
      await makeUser(local.prisma, { referrerId: top.id }); // invited, never bought
      const buy = async (buyerId: number, amount: number) => {
        const started = await startPurchase(localDeps, { buyerId, tokenId: token.id, amount });
        if (!started.ok) throw new Error(started.code);
        await confirmPayment(localDeps, started.value.orderId);
      };
      await buy(a.id, 500); // Seed sold out: top +50
      await buy(b.id, 200); // Private at 5%: top +10
      await buy(top.id, 100);
      const report = await saleReport(local.prisma, token.id);
      expect(report).toMatchObject({ symbol: token.symbol, users: 4, buyers: 3, referred: 3, referredBuyers: 2, referralConversion: '66.67' });
      expect(report?.sold.total).toBe(800n);
      expect(report?.sold.perRound.map((r) => [r.name, r.amount])).toEqual([['Seed', 500n], ['Private', 300n]]);
      expect(report?.rewards.total).toBe(60n);
      expect(report?.rewards.perRound.map((r) => [r.name, r.amount])).toEqual([['Seed', 50n], ['Private', 10n]]);
    } finally {
      await local.close();
    }
  });

  test('no invited users: no conversion rather than a division by zero; unknown token: null', async () => {
    const local = await createTestDb();
    try {
      const token = await makeToken(local.prisma, [{}]);
      await makeUser(local.prisma);
      expect(await saleReport(local.prisma, token.id)).toMatchObject({ referred: 0, referralConversion: null, buyers: 0 });
      expect(await saleReport(local.prisma, 999_999)).toBeNull();
    } finally {
      await local.close();
    }
  });
});

describe('grantRole and revokeRole', () => {
  const named = async (username: string) => {
    const user = await makeUser(db.prisma);
    return db.prisma.user.update({ where: { id: user.id }, data: { username } });
  };

  test('a Telegram id or @username names a user; anything else is refused', () => {
    expect(parseUserRef(' 123456789 ')).toEqual({ ok: true, value: { telegramId: 123456789n } });
    expect(parseUserRef('@Alice_1')).toEqual({ ok: true, value: { username: 'Alice_1' } });
    expect(parseUserRef('alice_1')).toEqual({ ok: true, value: { username: 'alice_1' } });
    for (const bad of ['', '0', '@', '@ab', 'two words', '@1abc', '-5', 'x'.repeat(40)]) {
      expect(parseUserRef(bad), bad).toEqual({ ok: false, code: 'USER_REF_INVALID' });
    }
  });

  test('grants by Telegram id, once, and revokes', async () => {
    const admin = await makeUser(db.prisma);
    const user = await makeUser(db.prisma);
    const input = { actorId: admin.id, target: { telegramId: user.telegramId }, role: 'SELLER' as const };
    expect(await grantRole(deps, input)).toMatchObject({ ok: true, value: { userId: user.id, roles: ['BUYER', 'SELLER'] } });
    expect(await grantRole(deps, input)).toMatchObject({ ok: true, value: { roles: ['BUYER', 'SELLER'] } });
    expect(await revokeRole(deps, input)).toMatchObject({ ok: true, value: { roles: ['BUYER'] } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['BUYER']);
  });

  test('grants by @username, whatever its case', async () => {
    const admin = await makeUser(db.prisma);
    const user = await named('Carol_Seller');
    const granted = await grantRole(deps, { actorId: admin.id, target: { username: 'carol_seller' }, role: 'SUPPORT' });
    expect(granted).toMatchObject({ ok: true, value: { userId: user.id, username: 'Carol_Seller' } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['BUYER', 'SUPPORT']);
  });

  test('an unknown user is refused and nothing changes', async () => {
    const admin = await makeUser(db.prisma);
    expect(await grantRole(deps, { actorId: admin.id, target: { username: 'nobody_here' }, role: 'ADMIN' })).toEqual({ ok: false, code: 'USER_NOT_FOUND' });
    expect(await grantRole(deps, { actorId: admin.id, target: { telegramId: 42n }, role: 'ADMIN' })).toEqual({ ok: false, code: 'USER_NOT_FOUND' });
    expect(await db.prisma.user.count({ where: { roles: { has: 'ADMIN' } } })).toBe(0);
  });

  test('BUYER is everyone\'s: it is neither granted nor revoked', async () => {
    const admin = await makeUser(db.prisma);
    const user = await makeUser(db.prisma);
    expect(await revokeRole(deps, { actorId: admin.id, target: { userId: user.id }, role: 'BUYER' })).toEqual({ ok: false, code: 'ROLE_NOT_ASSIGNABLE' });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(['BUYER']);
  });

  test('an admin cannot revoke their own ADMIN, but can another admin\'s, and their own other roles', async () => {
    const me = await makeUser(db.prisma);
    const other = await makeUser(db.prisma);
    await db.prisma.user.update({ where: { id: me.id }, data: { roles: ['BUYER', 'ADMIN', 'SELLER'] } });
    await db.prisma.user.update({ where: { id: other.id }, data: { roles: ['BUYER', 'ADMIN'] } });
    expect(await revokeRole(deps, { actorId: me.id, target: { userId: me.id }, role: 'ADMIN' })).toEqual({ ok: false, code: 'SELF_ADMIN_REVOKE' });
    expect(await revokeRole(deps, { actorId: me.id, target: { telegramId: me.telegramId }, role: 'ADMIN' })).toEqual({ ok: false, code: 'SELF_ADMIN_REVOKE' });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: me.id } })).roles).toEqual(['BUYER', 'ADMIN', 'SELLER']);
    expect(await revokeRole(deps, { actorId: me.id, target: { userId: me.id }, role: 'SELLER' })).toMatchObject({ ok: true, value: { roles: ['BUYER', 'ADMIN'] } });
    expect(await revokeRole(deps, { actorId: me.id, target: { userId: other.id }, role: 'ADMIN' })).toMatchObject({ ok: true, value: { roles: ['BUYER'] } });
  });

  test('a username held by two accounts (one stale) resolves to the most recently seen one', async () => {
    const stale = await named('shared_name');
    const current = await named('Shared_Name');
    await db.prisma.user.update({ where: { id: stale.id }, data: { updatedAt: new Date('2025-01-01T00:00:00Z') } });
    expect(await findRoleHolder(db.prisma, { username: 'shared_name' })).toMatchObject({ ok: true, value: { userId: current.id } });
  });
});
