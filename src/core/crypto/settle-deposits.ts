import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { type AppliedUpdate, applyPaymentUpdate } from '../payments/apply-payment-update.js';
import type { ProviderId } from '../payments/gateway.js';
import type { ChainSettings } from './assets.js';

/** What the buyer or the admins are to be told after settling (the watcher sends it after commit). */
export type DepositNotice =
  | { kind: 'credited'; applied: AppliedUpdate }
  | { kind: 'partial'; paymentId: number; orderId: number; address: string; currency: string; decimals: number; received: bigint; missing: bigint }
  | { kind: 'surplus'; paymentId: number; orderId: number; address: string; currency: string; decimals: number; surplus: bigint };

interface DepositRow {
  id: number;
  payment_id: number;
  public_id: string;
  provider: string;
  token_order_id: number | null;
  lot_order_id: number | null;
  amount_minor: bigint;
  currency: string;
  address: string;
  decimals: number;
  quote: string;
  received: string;
  surplus: string | null;
}

const columns = Prisma.sql`
  d.id, d.payment_id, p.public_id, p.provider, p.token_order_id, p.lot_order_id, p.amount_minor, p.currency, d.address, d.decimals,
  d.quote_base_units::text AS quote, d.received_base_units::text AS received, d.surplus_base_units::text AS surplus`;

/** The order a deposit pays, token or market (the number the buyer knows it by). */
const orderOf = (row: DepositRow): number => (row.token_order_id ?? row.lot_order_id) as number;

/** The outcome of a credit an earlier run made (found as a DUPLICATE), read back from the payment. */
async function creditMadeBefore(deps: CoreDeps, row: DepositRow): Promise<AppliedUpdate | undefined> {
  const payment = await deps.db.payment.findUnique({ where: { id: row.payment_id }, select: { status: true, holdReason: true, tokenOrder: { select: { status: true } } } });
  if (payment?.status !== 'SUCCEEDED' && payment?.status !== 'ON_HOLD') return undefined;
  return {
    outcome: payment.status === 'ON_HOLD' ? 'ON_HOLD' : 'APPLIED',
    paymentId: row.payment_id,
    ...(row.token_order_id !== null ? { orderId: row.token_order_id } : {}),
    ...(row.lot_order_id !== null ? { lotOrderId: row.lot_order_id } : {}),
    status: payment.status,
    ...(payment.tokenOrder ? { orderStatus: payment.tokenOrder.status } : {}),
    ...(payment.holdReason ? { holdReason: payment.holdReason } : {}),
  };
}

/**
 * Acts on the deposits' confirmed sums:
 * - received ≥ quote and not credited yet: the payment succeeds through applyPaymentUpdate (the
 *   same state machine and the same single transaction as every provider; its event id is one per
 *   payment, so a second watcher or a rerun is a DUPLICATE), with the asked amount, since the quote
 *   is met; a quote that had expired is still taken (expired → succeeded, the late-payment rule).
 *   Then the deposit is marked credited, with the surplus if more came.
 * - credited and more came since (an overpayment, or money sent after the credit): the surplus is
 *   recorded and the admins told, once per change.
 * - 0 < received < quote: the buyer is told what is missing, once per change of the sum.
 * Each notice is claimed by one conditional UPDATE, so two watchers never send it twice.
 */
export async function settleDeposits(deps: CoreDeps & { chain: ChainSettings }): Promise<DepositNotice[]> {
  const chainId = deps.chain.chainId;
  const now = deps.clock.now();
  const notices: DepositNotice[] = [];

  const due = await deps.db.$queryRaw<DepositRow[]>(Prisma.sql`
    SELECT ${columns} FROM crypto_deposits d JOIN payments p ON p.id = d.payment_id
    WHERE d.chain_id = ${chainId} AND d.credited_at IS NULL AND d.received_base_units >= d.quote_base_units
    ORDER BY d.id`);
  for (const row of due) {
    const raw = JSON.stringify({ chainId, address: row.address, quote: row.quote, received: row.received });
    const applied = await applyPaymentUpdate(
      deps,
      row.provider as ProviderId,
      { eventId: `chain:${chainId}:${row.public_id}:paid`, kind: 'deposit_confirmed', ref: { publicId: row.public_id }, state: 'succeeded', amountMinor: row.amount_minor, currency: row.currency },
      raw,
    );
    // Whoever marks the deposit tells the buyer: the run that credited it, or, when that run died
    // between the credit and this mark (the credit is then a DUPLICATE), the next one.
    const claimed = await deps.db.cryptoDeposit.updateMany({ where: { id: row.id, creditedAt: null }, data: { creditedAt: now } });
    if (claimed.count === 0) continue;
    const credited = applied.outcome === 'DUPLICATE' ? await creditMadeBefore(deps, row) : applied;
    if (credited && (credited.outcome === 'APPLIED' || credited.outcome === 'ON_HOLD')) notices.push({ kind: 'credited', applied: credited });
    else deps.logger.info({ paymentId: row.payment_id, outcome: applied.outcome, status: applied.status }, 'crypto deposit paid in full: nothing to credit');
  }

  // More than asked (all at once, or after the credit): the surplus, once per change.
  const over = await deps.db.$queryRaw<DepositRow[]>(Prisma.sql`
    UPDATE crypto_deposits d SET surplus_base_units = d.received_base_units - d.quote_base_units, surplus_notified_at = ${now}
    FROM payments p
    WHERE p.id = d.payment_id AND d.chain_id = ${chainId} AND d.credited_at IS NOT NULL
      AND d.received_base_units > d.quote_base_units
      AND d.surplus_base_units IS DISTINCT FROM d.received_base_units - d.quote_base_units
    RETURNING ${columns}`);
  for (const row of over) {
    const surplus = BigInt(row.received) - BigInt(row.quote);
    deps.logger.warn({ paymentId: row.payment_id, surplus: surplus.toString(), currency: row.currency }, 'crypto deposit overpaid');
    notices.push({ kind: 'surplus', paymentId: row.payment_id, orderId: orderOf(row), address: row.address, currency: row.currency, decimals: row.decimals, surplus });
  }

  // Less than asked so far: the buyer hears what is missing, once per change of the sum.
  const short = await deps.db.$queryRaw<DepositRow[]>(Prisma.sql`
    UPDATE crypto_deposits d SET notified_received = d.received_base_units
    FROM payments p
    WHERE p.id = d.payment_id AND d.chain_id = ${chainId} AND d.credited_at IS NULL
      AND d.received_base_units > 0 AND d.received_base_units < d.quote_base_units
      AND d.notified_received IS DISTINCT FROM d.received_base_units
    RETURNING ${columns}`);
  for (const row of short) {
    const received = BigInt(row.received);
    notices.push({
      kind: 'partial', paymentId: row.payment_id, orderId: orderOf(row), address: row.address, currency: row.currency, decimals: row.decimals,
      received, missing: BigInt(row.quote) - received,
    });
  }
  return notices;
}
