import { Prisma } from '../../generated/prisma/client.js';
import { bookEntries } from '../ledger/book-entries.js';
import type { CoreDeps, Db, Tx } from '../deps.js';
import { Dec } from '../money.js';
import { computeRewards, type RewardShare } from '../referrals/reward-math.js';
import { fail, ok, type Result } from '../result.js';
import { advanceRoundsIn } from './advance-rounds.js';

export type ConfirmPaymentError = 'ORDER_NOT_FOUND';

export interface ConfirmedPayment {
  orderId: number;
  buyerId: number;
  /** PAID: the tokens are the buyer's. REFUND_REQUIRED: paid too late, nothing left to sell. */
  status: 'PAID' | 'REFUND_REQUIRED' | 'REFUNDED';
  /** False when this call changed nothing (a replay of a confirmation already applied). */
  applied: boolean;
  amount: bigint;
  rewards: RewardShare[];
}

// Deeper than any configured level list (1 + at most 10); the walk stops there even on bad data.
const MAX_LEVELS = 11;

interface OrderForBooking {
  id: number;
  status: string;
  buyer_id: number;
  round_id: number;
  token_id: number;
  amount: bigint;
  reward_percents: Prisma.Decimal[] | null;
  symbol: string;
  upline: number[] | null;
}

/**
 * Turns a paid order's reservation into a sale: marks it paid, moves its tokens from reserved to
 * sold, and books the buyer's purchase and the referral rewards (percents as stored on the order)
 * in the ledger and the cached balances, all in one statement. Replays change nothing: the status
 * guard, the unique reward (order, level) and the unique ledger (kind, source) each stop a second
 * booking. A payment that arrives after its reservation expired is sold if the round still has
 * the tokens; otherwise the order is marked for refund.
 */
export async function confirmPayment(
  deps: CoreDeps,
  orderId: number,
  options: { tx?: Tx } = {},
): Promise<Result<ConfirmedPayment, ConfirmPaymentError>> {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) return fail('ORDER_NOT_FOUND');
  // Inside a caller's transaction (a payment being applied) everything runs on it; otherwise the
  // usual path is one statement and only a late payment opens a transaction of its own.
  const db = options.tx ?? deps.db;
  const inTransaction = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => (options.tx ? work(options.tx) : deps.db.$transaction(work));
  const advance = (tokenId: number) => inTransaction((tx) => advanceRoundsIn(tx, tokenId, deps.clock.now()));
  const order = await loadOrder(db, orderId);
  if (!order) return fail('ORDER_NOT_FOUND');
  const rewards = computeRewards(
    order.amount,
    (order.reward_percents ?? []).map((p) => new Dec(p.toString())),
    order.upline ?? [],
  );
  const now = deps.clock.now();
  const done = (status: ConfirmedPayment['status'], applied: boolean): Result<ConfirmedPayment, never> =>
    ok({ orderId, buyerId: order.buyer_id, status, applied, amount: order.amount, rewards: applied ? rewards : [] });

  if (order.status === 'PENDING') {
    const rows = await db.$queryRaw<{ sold: bigint; cap: bigint }[]>(Prisma.sql`
      WITH paid AS (
        UPDATE token_orders SET status = 'PAID', paid_at = ${now}, updated_at = ${now}
        WHERE id = ${orderId} AND status = 'PENDING'
        RETURNING id, buyer_id, round_id, amount
      ),
      moved AS (
        UPDATE token_rounds r SET reserved = r.reserved - paid.amount, sold = r.sold + paid.amount
        FROM paid WHERE r.id = paid.round_id
        RETURNING r.sold, r.cap
      ),
      ${bookingSteps(order.symbol, rewards, now)}
      SELECT sold, cap FROM moved`);
    const moved = rows[0];
    if (moved) {
      if (moved.sold >= moved.cap) await advance(order.token_id);
      return done('PAID', true);
    }
    // A concurrent confirmation won the race or the sweep expired the order: look again.
    return confirmPayment(deps, orderId, options);
  }
  if (order.status === 'EXPIRED' || order.status === 'CANCELLED') {
    const outcome = await inTransaction((tx) => confirmLatePayment(tx, order, rewards, now));
    if (outcome.soldOut) await advance(order.token_id);
    if (outcome.status === 'PAID') deps.logger.info({ orderId }, 'late payment sold from the remaining tokens');
    else if (outcome.applied) deps.logger.warn({ orderId }, 'late payment: round has no tokens left, order marked for refund');
    return done(outcome.status, outcome.applied);
  }
  return done(order.status as ConfirmedPayment['status'], false);
}

async function loadOrder(db: Db | Tx, orderId: number): Promise<OrderForBooking | undefined> {
  const rows = await db.$queryRaw<OrderForBooking[]>(Prisma.sql`
    WITH RECURSIVE upline(level, user_id) AS (
      SELECT 1, u.referrer_id FROM token_orders o JOIN users u ON u.id = o.buyer_id
      WHERE o.id = ${orderId} AND u.referrer_id IS NOT NULL
      UNION ALL
      SELECT upline.level + 1, u.referrer_id FROM upline JOIN users u ON u.id = upline.user_id
      WHERE u.referrer_id IS NOT NULL AND upline.level < ${MAX_LEVELS}
    )
    SELECT o.id, o.status::text AS status, o.buyer_id, o.round_id, r.token_id, o.amount, o.reward_percents, t.symbol,
           (SELECT array_agg(user_id ORDER BY level) FROM upline) AS upline
    FROM token_orders o JOIN token_rounds r ON r.id = o.round_id JOIN tokens t ON t.id = r.token_id
    WHERE o.id = ${orderId}`);
  return rows[0];
}

async function confirmLatePayment(tx: Tx, order: OrderForBooking, rewards: RewardShare[], now: Date) {
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM token_orders WHERE id = ${order.id} FOR UPDATE`;
  if (locked?.status !== 'EXPIRED' && locked?.status !== 'CANCELLED') {
    return { status: (locked?.status ?? 'PAID') as ConfirmedPayment['status'], applied: false, soldOut: false };
  }
  const [taken] = await tx.$queryRaw<{ sold: bigint; cap: bigint }[]>`
    UPDATE token_rounds SET sold = sold + ${order.amount}
    WHERE id = ${order.round_id} AND sold + reserved + ${order.amount} <= cap
    RETURNING sold, cap`;
  if (!taken) {
    await tx.tokenOrder.update({ where: { id: order.id }, data: { status: 'REFUND_REQUIRED', paidAt: now } });
    return { status: 'REFUND_REQUIRED' as const, applied: true, soldOut: false };
  }
  await tx.$queryRaw(Prisma.sql`
    WITH paid AS (
      UPDATE token_orders SET status = 'PAID', paid_at = ${now}, updated_at = ${now}
      WHERE id = ${order.id} RETURNING id, buyer_id, amount
    ),
    ${bookingSteps(order.symbol, rewards, now)}
    SELECT 1`);
  return { status: 'PAID' as const, applied: true, soldOut: taken.sold >= taken.cap };
}

/**
 * The CTE steps that book a sale, given a preceding CTE `paid (id, buyer_id, amount)` that holds
 * the order just marked paid (or nothing, in which case nothing is booked).
 */
function bookingSteps(symbol: string, rewards: RewardShare[], now: Date): Prisma.Sql {
  return Prisma.sql`
    rewards AS (
      INSERT INTO referral_rewards (order_id, beneficiary_id, level, percent, amount, created_at)
      SELECT paid.id, s.beneficiary_id, s.level, s.percent, s.amount, ${now}::timestamptz
      FROM paid, unnest(${rewards.map((r) => r.level)}::int[], ${rewards.map((r) => r.beneficiaryId)}::int[],
                        ${rewards.map((r) => r.percent.toString())}::numeric[], ${rewards.map((r) => r.amount.toString())}::bigint[])
           AS s(level, beneficiary_id, percent, amount)
      ON CONFLICT (order_id, level) DO NOTHING
      RETURNING id, beneficiary_id, amount
    ),
    ${bookEntries(Prisma.sql`
      SELECT buyer_id, 'PURCHASE'::"LedgerKind", ${symbol}, amount, 'token_order:' || id, ${now}::timestamptz FROM paid
      UNION ALL
      SELECT beneficiary_id, 'REFERRAL_REWARD'::"LedgerKind", ${symbol}, amount, 'referral_reward:' || id, ${now}::timestamptz FROM rewards`)}`;
}
