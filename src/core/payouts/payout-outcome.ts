import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';

/** A payout as the notices need it: who, how much, to where, and the transaction. */
export interface PayoutOutcome {
  payoutId: number;
  userId: number;
  asset: string;
  amount: bigint;
  toAddress: string;
  txHash: string | null;
}

export type PayoutFailReason = 'REVERTED' | 'NONCE_TAKEN';

export interface FailedPayout extends PayoutOutcome {
  reason: PayoutFailReason;
}

export interface PayoutRow {
  id: number;
  user_id: number;
  asset: string;
  amount: bigint;
  to_address: string;
  tx_hash: string | null;
}

export const outcomeOf = (row: PayoutRow): PayoutOutcome => ({
  payoutId: row.id,
  userId: row.user_id,
  asset: row.asset,
  amount: row.amount,
  toAddress: row.to_address,
  txHash: row.tx_hash,
});

/**
 * Marks a signed or sent payout FAILED (its transaction reverted, or can never be mined) in one
 * statement: nothing is debited, and its rewards are released for the next payout. Null when the
 * payout was not open any more (another run settled it).
 */
export async function failPayout(db: Db, payoutId: number, reason: PayoutFailReason, now: Date, blockNumber: number | null): Promise<FailedPayout | null> {
  const rows = await db.$queryRaw<PayoutRow[]>(Prisma.sql`
    WITH failed AS (
      UPDATE payouts SET status = 'FAILED', fail_reason = ${reason}, failed_at = ${now}, updated_at = ${now}, block_number = ${blockNumber}::int
      WHERE id = ${payoutId} AND status IN ('SIGNED', 'SENT')
      RETURNING id, user_id, asset, amount, to_address, tx_hash
    ),
    released AS (
      UPDATE referral_rewards rw SET payout_id = NULL FROM failed WHERE rw.payout_id = failed.id RETURNING rw.id
    )
    SELECT id, user_id, asset, amount, to_address, tx_hash FROM failed`);
  const row = rows[0];
  return row ? { ...outcomeOf(row), reason } : null;
}
