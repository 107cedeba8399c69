import type { WithdrawalStatus } from '../../../generated/prisma/client.js';
import type { Db } from '../../deps.js';

/** A decided withdrawal with what the seller's notice needs. */
export interface DecidedWithdrawal {
  withdrawalId: number;
  status: WithdrawalStatus;
  amountMinor: bigint;
  currency: string;
  reference: string | null;
  reason: string | null;
  seller: { userId: number; telegramId: bigint; language: string };
}

export async function decidedView(db: Db, withdrawalId: number): Promise<DecidedWithdrawal> {
  const w = await db.withdrawal.findUniqueOrThrow({
    where: { id: withdrawalId },
    include: { seller: { select: { id: true, telegramId: true, language: true } } },
  });
  return {
    withdrawalId: w.id,
    status: w.status,
    amountMinor: w.amountMinor,
    currency: w.currency,
    reference: w.paidReference,
    reason: w.rejectReason,
    seller: { userId: w.seller.id, telegramId: w.seller.telegramId, language: w.seller.language },
  };
}
