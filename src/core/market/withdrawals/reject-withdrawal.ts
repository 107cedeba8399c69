import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type DecidedWithdrawal, decidedView } from './withdrawal-view.js';

export const REJECT_REASON_MAX = 500;

/**
 * An admin rejects a requested withdrawal with a reason for the seller: the reserved amount goes
 * back to their proceeds (a REFUND entry keyed on the WITHDRAWAL entry, so it is booked once), all
 * in one statement that only acts on a REQUESTED withdrawal.
 */
export async function rejectWithdrawal(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { withdrawalId: number; adminId: number; reason: string },
): Promise<Result<DecidedWithdrawal, 'WITHDRAWAL_NOT_FOUND' | 'WITHDRAWAL_ALREADY_DECIDED' | 'REASON_INVALID'>> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > REJECT_REASON_MAX) return fail('REASON_INVALID');
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<{ id: number }[]>`
    WITH rejected AS (
      UPDATE withdrawals SET status = 'REJECTED', reject_reason = ${reason}, decided_by_id = ${input.adminId}, decided_at = ${now}, updated_at = ${now}
      WHERE id = ${input.withdrawalId} AND status = 'REQUESTED'
      RETURNING id, seller_id, currency, amount_minor
    ),
    entry AS (
      INSERT INTO ledger_entries (user_id, kind, asset, amount, source, created_at)
      SELECT seller_id, 'REFUND', currency, amount_minor, 'WITHDRAWAL:withdrawal:' || id, ${now} FROM rejected
      ON CONFLICT (kind, source) DO NOTHING
      RETURNING user_id, asset, amount
    ),
    returned AS (
      INSERT INTO balances (user_id, asset, amount) SELECT user_id, asset, amount FROM entry
      ON CONFLICT (user_id, asset) DO UPDATE SET amount = balances.amount + excluded.amount
      RETURNING user_id
    )
    SELECT rejected.id FROM rejected LEFT JOIN returned ON true`;
  if (rows.length === 0) {
    const exists = await deps.db.withdrawal.findUnique({ where: { id: input.withdrawalId }, select: { id: true } });
    return fail(exists ? 'WITHDRAWAL_ALREADY_DECIDED' : 'WITHDRAWAL_NOT_FOUND');
  }
  return ok(await decidedView(deps.db, input.withdrawalId));
}
