import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { addSellerRole } from './apply-to-sell.js';

export type DecideSellerError = 'APPLICATION_NOT_FOUND' | 'ALREADY_DECIDED' | 'REASON_INVALID';

export const REASON_MAX = 500;

/**
 * An admin approves an application (the user gets the SELLER role) or rejects it with a reason
 * the applicant is told. Only a waiting application changes (one conditional UPDATE): two admins
 * deciding at once, the second is told it was decided. Returns whom to tell.
 */
export async function decideSellerApplication(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { adminId: number; userId: number; approve: boolean; reason?: string },
): Promise<Result<{ userId: number; telegramId: bigint; language: string; approved: boolean; reason: string | null }, DecideSellerError>> {
  const reason = input.approve ? null : (input.reason ?? '').trim();
  if (reason !== null && (reason.length === 0 || reason.length > REASON_MAX)) return fail('REASON_INVALID');
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.sellerProfile.updateMany({
      where: { userId: input.userId, status: 'APPLIED' },
      data: { status: input.approve ? 'APPROVED' : 'REJECTED', decidedAt: deps.clock.now(), decidedById: input.adminId, rejectReason: reason },
    });
    if (updated.count === 0) {
      const exists = await tx.sellerProfile.findUnique({ where: { userId: input.userId }, select: { status: true } });
      return fail(exists ? 'ALREADY_DECIDED' : 'APPLICATION_NOT_FOUND');
    }
    if (input.approve) await addSellerRole(tx, input.userId);
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { telegramId: true, language: true } });
    return ok({ userId: input.userId, telegramId: user.telegramId, language: user.language, approved: input.approve, reason });
  });
}
