import { Prisma, type PaymentStatus } from '../../generated/prisma/client.js';
import type { CoreDeps, Tx } from '../deps.js';
import { confirmPayment } from '../tokens/confirm-payment.js';
import { refundOrderIn } from '../tokens/refund-order.js';
import { releaseOrders } from '../tokens/release-reservations.js';
import type { PaymentUpdate, ProviderId, WebhookOutcome } from './gateway.js';
import { canMove, OPEN_STATUSES, STATUS_OF } from './transitions.js';

export interface AppliedUpdate {
  outcome: Exclude<WebhookOutcome, 'REJECTED' | 'MALFORMED'>;
  paymentId?: number;
  orderId?: number;
  /** The payment's status after this update. */
  status?: PaymentStatus;
  /** The order's status after a successful payment (PAID, or REFUND_REQUIRED when paid too late). */
  orderStatus?: string;
  holdReason?: string;
}

interface LockedPayment {
  id: number;
  public_id: string;
  token_order_id: number | null;
  status: PaymentStatus;
  amount_minor: bigint;
  currency: string;
  provider_ref: string | null;
}

/**
 * Applies what a provider said about a payment, exactly once, in one transaction: the event is
 * recorded (its provider id is unique, so a redelivery stops here as DUPLICATE), the payment row
 * is locked, the move is checked against the state machine, and a success is checked for the
 * exact amount and currency before the order is confirmed (confirmPayment, in the same
 * transaction). A mismatch puts the payment ON_HOLD with no credit; an illegal move is recorded
 * and ignored; a payment we do not know is recorded as such.
 */
export async function applyPaymentUpdate(
  deps: CoreDeps,
  provider: ProviderId,
  update: PaymentUpdate,
  rawBody: string,
): Promise<AppliedUpdate> {
  return deps.db.$transaction(
    async (tx) => {
      const payment = await lockPayment(tx, provider, update);
      const [event] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO payment_events (provider, event_id, payment_id, kind, outcome, raw_body, received_at)
        VALUES (${provider}, ${update.eventId}, ${payment?.id ?? null}, ${update.kind}, 'RECEIVED', ${rawBody}, ${deps.clock.now()})
        ON CONFLICT (provider, event_id) DO NOTHING
        RETURNING id`;
      if (!event) return { outcome: 'DUPLICATE', paymentId: payment?.id };
      const record = async (outcome: AppliedUpdate['outcome']) => {
        await tx.paymentEvent.update({ where: { id: event.id }, data: { outcome } });
      };
      if (!payment) {
        await record('UNKNOWN_PAYMENT');
        return { outcome: 'UNKNOWN_PAYMENT' };
      }
      return apply(deps, tx, payment, update, record);
    },
    // Deliveries for one busy round queue on its row: give them time rather than answer 500.
    { maxWait: 10_000, timeout: 30_000 },
  );
}

async function lockPayment(tx: Tx, provider: ProviderId, update: PaymentUpdate): Promise<LockedPayment | undefined> {
  const where =
    'publicId' in update.ref
      ? Prisma.sql`public_id = ${update.ref.publicId}`
      : Prisma.sql`provider_ref = ${update.ref.providerRef}`;
  const rows = await tx.$queryRaw<LockedPayment[]>(Prisma.sql`
    SELECT id, public_id, token_order_id, status, amount_minor, currency, provider_ref
    FROM payments WHERE provider = ${provider} AND ${where} FOR UPDATE`);
  return rows[0];
}

/**
 * Decides and makes the move; `record` writes the event's outcome. A confirmation is the last
 * statement before COMMIT, so the round's row (every sale of the round updates it) stays locked
 * for as short a time as possible.
 */
async function apply(
  deps: CoreDeps,
  tx: Tx,
  payment: LockedPayment,
  update: PaymentUpdate,
  record: (outcome: AppliedUpdate['outcome']) => Promise<void>,
): Promise<AppliedUpdate> {
  // Payments of lot orders (payments.lot_order_id) are for the escrow flow, not built yet: fail
  // loudly (the provider retries) rather than treat them as token orders.
  if (payment.token_order_id === null) throw new Error(`payment ${payment.id} pays a lot order; no escrow flow applies it yet`);
  const tokenOrderId = payment.token_order_id;
  const done = async (result: AppliedUpdate) => {
    await record(result.outcome);
    return result;
  };
  const now = deps.clock.now();
  const base = { paymentId: payment.id, orderId: tokenOrderId };
  let target = STATUS_OF[update.state];
  let holdReason: string | undefined;
  if (target === 'SUCCEEDED' && (update.amountMinor !== payment.amount_minor || update.currency?.toUpperCase() !== payment.currency)) {
    target = 'ON_HOLD';
    holdReason = `paid ${update.amountMinor ?? '?'} ${update.currency ?? '?'}, expected ${payment.amount_minor} ${payment.currency}`;
  }
  if (target === payment.status || !canMove(payment.status, target)) {
    return done({ ...base, outcome: 'IGNORED', status: payment.status });
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      status: target,
      updatedAt: now,
      ...(holdReason ? { holdReason } : {}),
      ...(target === 'SUCCEEDED' ? { succeededAt: now } : {}),
      ...(update.providerRef && !payment.provider_ref ? { providerRef: update.providerRef } : {}),
    },
  });
  if (target === 'ON_HOLD') {
    deps.logger.warn({ paymentId: payment.id, holdReason }, 'payment on hold: amount or currency does not match');
    return done({ ...base, outcome: 'ON_HOLD', status: target, holdReason });
  }
  if (target === 'SUCCEEDED') {
    await record('APPLIED');
    const confirmed = await confirmPayment(deps, tokenOrderId, { tx });
    if (!confirmed.ok) throw new Error(`payment ${payment.id} points at a missing order ${tokenOrderId}`);
    return { ...base, outcome: 'APPLIED', status: target, orderStatus: confirmed.value.status };
  }
  if (target === 'REFUNDED' && payment.status === 'SUCCEEDED') {
    // Only a payment that credited the order undoes it; an ON_HOLD one never did.
    await refundOrderIn(tx, deps.clock, tokenOrderId);
  }
  if (target === 'EXPIRED') {
    // The last open payment of an order expired: its reservation goes back on sale.
    const others = await tx.payment.count({ where: { tokenOrderId, status: { in: [...OPEN_STATUSES] } } });
    if (others === 0) await releaseOrders(tx, deps.clock, 'EXPIRED', Prisma.sql`SELECT ${tokenOrderId}::int`);
  }
  return done({ ...base, outcome: 'APPLIED', status: target });
}
