import { Prisma } from '../../../generated/prisma/client.js';
import { bookEntries } from '../../ledger/book-entries.js';
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
    ${bookEntries(Prisma.sql`SELECT seller_id, 'REFUND'::"LedgerKind", currency, amount_minor, 'WITHDRAWAL:withdrawal:' || id, ${now}::timestamptz FROM rejected`)}
    SELECT rejected.id FROM rejected LEFT JOIN credited ON true`;
  if (rows.length === 0) {
    const exists = await deps.db.withdrawal.findUnique({ where: { id: input.withdrawalId }, select: { id: true } });
    return fail(exists ? 'WITHDRAWAL_ALREADY_DECIDED' : 'WITHDRAWAL_NOT_FOUND');
  }
  return ok(await decidedView(deps.db, input.withdrawalId));
}
