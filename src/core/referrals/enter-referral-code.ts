import type { CoreDeps } from '../deps.js';
import { ok, type Result } from '../result.js';
import { type AttributeReferrerError, attributeReferrer } from './attribute-referrer.js';

export interface EnteredReferralCode {
  referrerId: number;
  /** The inviter's first name, to tell the user who invited them. */
  referrerName: string;
}

/**
 * "I have a code": the user names their inviter by the inviter's referral code after the first
 * start. attributeReferrer makes every check (format, owner, self, cycle, once, before the first
 * order); on success this adds who the inviter is.
 */
export async function enterReferralCode(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { userId: number; code: string },
): Promise<Result<EnteredReferralCode, AttributeReferrerError>> {
  const attributed = await attributeReferrer(deps, { userId: input.userId, code: input.code.trim() });
  if (!attributed.ok) return attributed;
  const referrer = await deps.db.user.findUniqueOrThrow({ where: { id: attributed.value.referrerId }, select: { firstName: true } });
  return ok({ referrerId: attributed.value.referrerId, referrerName: referrer.firstName });
}
