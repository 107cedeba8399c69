import { Prisma, type PaymentStatus } from '../../generated/prisma/client.js';
import type { CoreDeps, Tx } from '../deps.js';
import { DEFAULT_ESCROW, type EscrowSettings } from '../market/orders/deps.js';
import { payLotOrderIn, refundHeldOrderIn, releaseLotOrders } from '../market/orders/pay-lot-order.js';
import { confirmPayment } from '../tokens/confirm-payment.js';
import { refundOrderIn } from '../tokens/refund-order.js';
import { releaseOrders } from '../tokens/release-reservations.js';
import type { PaymentUpdate, ProviderId, WebhookOutcome } from './gateway.js';
import { canMove, OPEN_STATUSES, STATUS_OF } from './transitions.js';

export interface AppliedUpdate {
  outcome: Exclude<WebhookOutcome, 'REJECTED' | 'MALFORMED'>;
  paymentId?: number;
  /** The token order the payment pays (unset for a lot order). */
  orderId?: number;
  /** The lot order the payment pays (unset for a token order). */
  lotOrderId?: number;
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
  lot_order_id: number | null;
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
  deps: CoreDeps & { escrow?: EscrowSettings },
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
    SELECT id, public_id, token_order_id, lot_order_id, status, amount_minor, currency, provider_ref
    FROM payments WHERE provider = ${provider} AND ${where} FOR UPDATE`);
  return rows[0];
}

/**
 * Decides and makes the move; `record` writes the event's outcome. A confirmation is the last
 * statement before COMMIT, so the round's row (every sale of the round updates it) stays locked
 * for as short a time as possible.
 */
async function apply(
  deps: CoreDeps & { escrow?: EscrowSettings },
  tx: Tx,
  payment: LockedPayment,
  update: PaymentUpdate,
  record: (outcome: AppliedUpdate['outcome']) => Promise<void>,
): Promise<AppliedUpdate> {
  if (payment.token_order_id === null) {
    if (payment.lot_order_id === null) throw new Error(`payment ${payment.id} pays no order`);
    return applyToLotOrder(deps, tx, payment, payment.lot_order_id, update, record);
  }
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

/**
 * The same moves for a lot order's payment (the escrow): success holds the money (PAID, or
 * DELIVERED for auto-delivery lots); a success that comes after the lot sold out meanwhile holds
 * nothing and puts the payment ON_HOLD for an admin's refund; a refund of a held order releases
 * the hold; the last open payment expiring gives the reserved quantity back.
 */
async function applyToLotOrder(
  deps: CoreDeps & { escrow?: EscrowSettings },
  tx: Tx,
  payment: LockedPayment,
  lotOrderId: number,
  update: PaymentUpdate,
  record: (outcome: AppliedUpdate['outcome']) => Promise<void>,
): Promise<AppliedUpdate> {
  const done = async (result: AppliedUpdate) => {
    await record(result.outcome);
    return result;
  };
  const now = deps.clock.now();
  const base = { paymentId: payment.id, lotOrderId };
  let target = STATUS_OF[update.state];
  let holdReason: string | undefined;
  if (target === 'SUCCEEDED' && (update.amountMinor !== payment.amount_minor || update.currency?.toUpperCase() !== payment.currency)) {
    target = 'ON_HOLD';
    holdReason = `paid ${update.amountMinor ?? '?'} ${update.currency ?? '?'}, expected ${payment.amount_minor} ${payment.currency}`;
  }
  if (target === payment.status || !canMove(payment.status, target)) {
    return done({ ...base, outcome: 'IGNORED', status: payment.status });
  }
  const providerRef = update.providerRef && !payment.provider_ref ? { providerRef: update.providerRef } : {};
  if (target === 'SUCCEEDED') {
    const paid = await payLotOrderIn(tx, deps.clock, deps.escrow ?? DEFAULT_ESCROW, lotOrderId);
    if (paid === 'NO_STOCK') {
      holdReason = `lot order ${lotOrderId} was paid after its reservation ended and the lot has nothing left: refund it`;
      await tx.payment.update({ where: { id: payment.id }, data: { status: 'ON_HOLD', holdReason, succeededAt: now, updatedAt: now, ...providerRef } });
      deps.logger.warn({ paymentId: payment.id, lotOrderId }, 'late lot payment: nothing left to sell, payment on hold');
      return done({ ...base, outcome: 'ON_HOLD', status: 'ON_HOLD', holdReason });
    }
    await tx.payment.update({ where: { id: payment.id }, data: { status: 'SUCCEEDED', succeededAt: now, updatedAt: now, ...providerRef } });
    const order = await tx.lotOrder.findUniqueOrThrow({ where: { id: lotOrderId }, select: { status: true } });
    return done({ ...base, outcome: 'APPLIED', status: 'SUCCEEDED', orderStatus: order.status });
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: target, updatedAt: now, ...(holdReason ? { holdReason } : {}), ...providerRef },
  });
  if (target === 'ON_HOLD') {
    deps.logger.warn({ paymentId: payment.id, holdReason }, 'payment on hold: amount or currency does not match');
    return done({ ...base, outcome: 'ON_HOLD', status: target, holdReason });
  }
  if (target === 'REFUNDED' && payment.status === 'SUCCEEDED') {
    const undone = await refundHeldOrderIn(tx, deps.clock, lotOrderId);
    if (!undone) deps.logger.error({ paymentId: payment.id, lotOrderId }, 'a completed lot order was refunded at the provider: the seller was already paid');
  }
  if (target === 'EXPIRED') {
    const others = await tx.payment.count({ where: { lotOrderId, status: { in: [...OPEN_STATUSES] } } });
    if (others === 0) await releaseLotOrders(tx, deps.clock, 'EXPIRED', Prisma.sql`SELECT ${lotOrderId}::int`);
  }
  const order = await tx.lotOrder.findUniqueOrThrow({ where: { id: lotOrderId }, select: { status: true } });
  return done({ ...base, outcome: 'APPLIED', status: target, orderStatus: order.status });
}
