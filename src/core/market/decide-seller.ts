import { fail, ok, type Result } from '../result.js';
import { grantSellerRole } from './apply-as-seller.js';
import type { Actor, MarketDeps } from './deps.js';

/**
 * An admin approves or rejects a pending seller application (one conditional UPDATE: two admins
 * deciding at once cannot both win). Rejecting needs a reason the applicant is shown.
 */
export async function decideSeller(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: { actor: Actor; userId: number; approve: boolean; reason?: string },
): Promise<Result<{ userId: number; status: 'APPROVED' | 'REJECTED' }, 'NOT_ALLOWED' | 'NOT_PENDING' | 'REASON_REQUIRED'>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const reason = input.reason?.trim() ?? '';
  if (!input.approve && (reason.length === 0 || reason.length > 500)) return fail('REASON_REQUIRED');
  const status = input.approve ? 'APPROVED' : 'REJECTED';
  const updated = await deps.db.sellerProfile.updateMany({
    where: { userId: input.userId, status: 'APPLIED' },
    data: { status, decidedAt: deps.clock.now(), decidedById: input.actor.userId, rejectReason: input.approve ? null : reason },
  });
  if (!updated.count) return fail('NOT_PENDING');
  if (input.approve) await grantSellerRole(deps, input.userId);
  return ok({ userId: input.userId, status });
}
