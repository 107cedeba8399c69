import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import type { Actor, OrderDeps } from './deps.js';
import { orderFor } from './order-access.js';

export type ReviewError = 'ORDER_NOT_FOUND' | 'NOT_ALLOWED' | 'WRONG_STATUS' | 'BAD_RATING' | 'BAD_TEXT' | 'ALREADY_REVIEWED';

export const MAX_REVIEW_TEXT = 1000;

/**
 * The buyer rates the seller of a completed order, once: 1..5 with an optional text. The review
 * and the seller's cached rating (sum and count, whose average lot cards show) are written in one
 * statement; the unique order id stops a second review.
 */
export async function reviewLotOrder(
  deps: Pick<OrderDeps, 'db' | 'clock'>,
  input: { actor: Actor; orderId: number; rating: number; text?: string },
): Promise<Result<{ orderId: number; rating: number }, ReviewError>> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return fail('BAD_RATING');
  const text = (input.text ?? '').trim();
  if ([...text].length > MAX_REVIEW_TEXT) return fail('BAD_TEXT');
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  const { order, role } = found.value;
  if (role !== 'BUYER') return fail('NOT_ALLOWED');
  if (order.status !== 'CONFIRMED') return fail('WRONG_STATUS');
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<{ order_id: number }[]>(Prisma.sql`
    WITH review AS (
      INSERT INTO reviews (order_id, seller_id, buyer_id, rating, text, created_at)
      SELECT id, seller_id, buyer_id, ${input.rating}, ${text}, ${now} FROM lot_orders
      WHERE id = ${order.id} AND buyer_id = ${input.actor.userId} AND status = 'CONFIRMED'
      ON CONFLICT (order_id) DO NOTHING
      RETURNING order_id, seller_id, rating
    ),
    rated AS (
      INSERT INTO seller_profiles (user_id, status, rating_sum, rating_count)
      SELECT seller_id, 'APPROVED', rating, 1 FROM review
      ON CONFLICT (user_id) DO UPDATE SET rating_sum = seller_profiles.rating_sum + excluded.rating_sum,
                                          rating_count = seller_profiles.rating_count + 1
      RETURNING user_id
    )
    SELECT order_id FROM review`);
  return rows.length ? ok({ orderId: order.id, rating: input.rating }) : fail('ALREADY_REVIEWED');
}

/** A seller's average rating (one decimal) and how many reviews it is from; null average without reviews. */
export function sellerRating(profile: { ratingSum: number; ratingCount: number } | null): { average: string | null; count: number } {
  if (!profile || profile.ratingCount === 0) return { average: null, count: 0 };
  return { average: (Math.round((profile.ratingSum * 10) / profile.ratingCount) / 10).toFixed(1), count: profile.ratingCount };
}
