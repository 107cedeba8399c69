import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { isReferralCode } from './referral-code.js';

export type AttributeReferrerError =
  | 'REFERRAL_CODE_MALFORMED'
  | 'REFERRAL_CODE_UNKNOWN'
  | 'REFERRAL_SELF'
  | 'REFERRAL_CYCLE'
  | 'REFERRAL_ALREADY_SET'
  | 'REFERRAL_TOO_LATE'
  | 'USER_NOT_FOUND';

// All attributions take this lock, so two users entering each other's codes at the same moment
// cannot both pass the cycle check. Attribution is rare; the lock costs nothing noticeable.
const ATTRIBUTION_LOCK = 72_707_370;

/**
 * Makes the owner of `code` the user's referrer: once (a set referrer never changes), never the
 * user themselves, never closing a cycle, and only before the user's first order. The bot calls it
 * at the user's first /start with the start payload, or once from "I have a code".
 */
export async function attributeReferrer(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { userId: number; code: string },
): Promise<Result<{ referrerId: number }, AttributeReferrerError>> {
  if (!isReferralCode(input.code)) return fail('REFERRAL_CODE_MALFORMED');
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ATTRIBUTION_LOCK})`;
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, referrerId: true } });
    if (!user) return fail('USER_NOT_FOUND');
    const referrer = await tx.user.findUnique({ where: { referralCode: input.code }, select: { id: true } });
    if (!referrer) return fail('REFERRAL_CODE_UNKNOWN');
    if (referrer.id === user.id) return fail('REFERRAL_SELF');
    if (user.referrerId !== null) return fail('REFERRAL_ALREADY_SET');
    const ordered = await tx.tokenOrder.count({ where: { buyerId: user.id, status: { in: ['PENDING', 'PAID', 'REFUND_REQUIRED'] } } });
    if (ordered > 0) return fail('REFERRAL_TOO_LATE');
    // A cycle: the user is already somewhere above the would-be referrer.
    const [cycle] = await tx.$queryRaw<{ found: boolean }[]>`
      WITH RECURSIVE upline(id, depth) AS (
        SELECT ${referrer.id}::int, 0
        UNION ALL
        SELECT u.referrer_id, upline.depth + 1 FROM upline JOIN users u ON u.id = upline.id
        WHERE u.referrer_id IS NOT NULL AND upline.depth < 10000
      )
      SELECT EXISTS (SELECT 1 FROM upline WHERE id = ${user.id}) AS found`;
    if (cycle?.found) return fail('REFERRAL_CYCLE');
    await tx.user.update({ where: { id: user.id }, data: { referrerId: referrer.id, referredAt: deps.clock.now() } });
    return ok({ referrerId: referrer.id });
  });
}
