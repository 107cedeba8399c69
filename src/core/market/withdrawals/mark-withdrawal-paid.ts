import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type DecidedWithdrawal, decidedView } from './withdrawal-view.js';

export const REFERENCE_MAX = 200;

/**
 * An admin paid a requested withdrawal out of band: it is marked PAID with their reference. The
 * money left the balance when it was requested (the WITHDRAWAL entry), which now stands for good.
 * Only a REQUESTED one changes (one conditional UPDATE): paying twice, or paying a rejected one,
 * is WITHDRAWAL_ALREADY_DECIDED.
 */
export async function markWithdrawalPaid(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { withdrawalId: number; adminId: number; reference: string },
): Promise<Result<DecidedWithdrawal, 'WITHDRAWAL_NOT_FOUND' | 'WITHDRAWAL_ALREADY_DECIDED' | 'REFERENCE_INVALID'>> {
  const reference = input.reference.trim();
  if (reference.length === 0 || reference.length > REFERENCE_MAX) return fail('REFERENCE_INVALID');
  const updated = await deps.db.withdrawal.updateMany({
    where: { id: input.withdrawalId, status: 'REQUESTED' },
    data: { status: 'PAID', paidReference: reference, decidedById: input.adminId, decidedAt: deps.clock.now() },
  });
  if (updated.count === 0) {
    const exists = await deps.db.withdrawal.findUnique({ where: { id: input.withdrawalId }, select: { id: true } });
    return fail(exists ? 'WITHDRAWAL_ALREADY_DECIDED' : 'WITHDRAWAL_NOT_FOUND');
  }
  return ok(await decidedView(deps.db, input.withdrawalId));
}
