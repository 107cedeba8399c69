import type { CoreDeps } from '../../deps.js';
import { isSupportedCurrency } from '../../money.js';
import { fail, ok, type Result } from '../../result.js';

export type RequestWithdrawalError = 'NOT_A_SELLER' | 'AMOUNT_INVALID' | 'CURRENCY_INVALID' | 'DESTINATION_INVALID' | 'INSUFFICIENT_PROCEEDS';

export const DESTINATION_MAX = 300;

/**
 * A seller asks for `amountMinor` of their proceeds in `currency` to be paid to `destination`.
 * The amount is taken off the balance at once (a WITHDRAWAL ledger entry keyed on the withdrawal)
 * so it is reserved: one statement lowers the cached balance only if it covers the amount, then
 * inserts the request and its entry. Concurrent requests queue on the balance row and each sees
 * what the previous left, so together they never exceed the proceeds. A rejection gives it back.
 */
export async function requestWithdrawal(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { sellerId: number; currency: string; amountMinor: bigint; destination: string },
): Promise<Result<{ withdrawalId: number; balanceMinor: bigint }, RequestWithdrawalError>> {
  if (!isSupportedCurrency(input.currency)) return fail('CURRENCY_INVALID');
  if (input.amountMinor <= 0n) return fail('AMOUNT_INVALID');
  const destination = input.destination.trim();
  if (destination.length === 0 || destination.length > DESTINATION_MAX) return fail('DESTINATION_INVALID');
  const seller = await deps.db.sellerProfile.findUnique({ where: { userId: input.sellerId }, select: { status: true } });
  if (seller?.status !== 'APPROVED') return fail('NOT_A_SELLER');
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<{ id: number; balance: bigint }[]>`
    WITH taken AS (
      UPDATE balances SET amount = amount - ${input.amountMinor}
      WHERE user_id = ${input.sellerId} AND asset = ${input.currency} AND amount >= ${input.amountMinor}
      RETURNING amount
    ),
    requested AS (
      INSERT INTO withdrawals (seller_id, amount_minor, currency, destination, status, created_at, updated_at)
      SELECT ${input.sellerId}, ${input.amountMinor}, ${input.currency}, ${destination}, 'REQUESTED', ${now}, ${now} FROM taken
      RETURNING id
    ),
    entry AS (
      INSERT INTO ledger_entries (user_id, kind, asset, amount, source, created_at)
      SELECT ${input.sellerId}, 'WITHDRAWAL', ${input.currency}, ${-input.amountMinor}, 'withdrawal:' || requested.id, ${now} FROM requested
      RETURNING id
    )
    SELECT requested.id, taken.amount AS balance FROM requested, taken, entry`;
  const row = rows[0];
  if (!row) return fail('INSUFFICIENT_PROCEEDS');
  return ok({ withdrawalId: row.id, balanceMinor: row.balance });
}
