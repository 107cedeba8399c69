import type { LotOrder } from '../../../generated/prisma/client.js';
import type { Db } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import type { Actor } from './deps.js';

export type OrderRole = 'BUYER' | 'SELLER' | 'SUPPORT';

/**
 * The order and the actor's part in it. Someone who is neither its buyer, its seller nor support
 * is told there is no such order (an order's existence is not revealed to strangers).
 */
export async function orderFor(db: Db, orderId: number, actor: Actor): Promise<Result<{ order: LotOrder; role: OrderRole }, 'ORDER_NOT_FOUND'>> {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) return fail('ORDER_NOT_FOUND');
  const order = await db.lotOrder.findUnique({ where: { id: orderId } });
  if (!order) return fail('ORDER_NOT_FOUND');
  if (order.buyerId === actor.userId) return ok({ order, role: 'BUYER' });
  if (order.sellerId === actor.userId) return ok({ order, role: 'SELLER' });
  if (actor.isSupport) return ok({ order, role: 'SUPPORT' });
  return fail('ORDER_NOT_FOUND');
}

/** Chat, delivery and dispute texts: trimmed, not empty, at most this many characters. */
export const MAX_TEXT = 2000;

export function cleanText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed.length === 0 || [...trimmed].length > MAX_TEXT ? undefined : trimmed;
}
