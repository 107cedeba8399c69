import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { enterReferralCode } from '../../src/core/referrals/enter-referral-code.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma);
});
afterAll(() => db.close());

describe('enterReferralCode', () => {
  test('attributes the owner of the code, trimmed, and says who they are', async () => {
    const inviter = await makeUser(db.prisma, { firstName: 'Ann' });
    const user = await makeUser(db.prisma);
    const entered = await enterReferralCode(deps, { userId: user.id, code: `  ${inviter.referralCode}\n` });
    expect(entered).toEqual({ ok: true, value: { referrerId: inviter.id, referrerName: 'Ann' } });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ referrerId: inviter.id, referredAt: deps.clock.now() });
  });

  test('passes attributeReferrer failures on and changes nothing', async () => {
    const inviter = await makeUser(db.prisma);
    const user = await makeUser(db.prisma);
    for (const [code, expected] of [
      ['not a code', 'REFERRAL_CODE_MALFORMED'],
      ['ZZZZZZZZ', 'REFERRAL_CODE_UNKNOWN'],
      [user.referralCode, 'REFERRAL_SELF'],
    ] as const) {
      expect(await enterReferralCode(deps, { userId: user.id, code })).toEqual({ ok: false, code: expected });
    }
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).referrerId).toBeNull();
    await enterReferralCode(deps, { userId: user.id, code: inviter.referralCode });
    const other = await makeUser(db.prisma);
    expect(await enterReferralCode(deps, { userId: user.id, code: other.referralCode })).toEqual({ ok: false, code: 'REFERRAL_ALREADY_SET' });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).referrerId).toBe(inviter.id);
  });
});
