import { fail, ok, type Result } from '../../result.js';
import type { Actor, OrderDeps } from './deps.js';
import { cleanText, type OrderRole, orderFor } from './order-access.js';

export type PostMessageError = 'ORDER_NOT_FOUND' | 'WRONG_STATUS' | 'BAD_TEXT';

export interface PostedMessage {
  orderId: number;
  senderRole: OrderRole;
  text: string;
  /** Who the bot relays it to (user ids): the other side, and the buyer and seller for support's messages. */
  recipientIds: number[];
}

/** The chat is open once the order is paid, and stays open after it closes (for questions and disputes). */
const CHAT_OPEN = new Set(['PAID', 'DELIVERED', 'DISPUTED', 'CONFIRMED', 'REFUNDED']);

/**
 * A message in an order's conversation, kept with the order (support reads it in a dispute) and
 * relayed by the bot without either side's account: the recipients see only "Buyer", "Seller" or
 * "Support" and the order number. Support writes only into disputed orders.
 */
export async function postOrderMessage(
  deps: Pick<OrderDeps, 'db' | 'clock'>,
  input: { actor: Actor; orderId: number; text: string },
): Promise<Result<PostedMessage, PostMessageError>> {
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  const { order, role } = found.value;
  const text = cleanText(input.text);
  if (!text) return fail('BAD_TEXT');
  if (!CHAT_OPEN.has(order.status) || (role === 'SUPPORT' && order.status !== 'DISPUTED')) return fail('WRONG_STATUS');
  await deps.db.lotOrderMessage.create({
    data: { orderId: order.id, senderRole: role, senderId: input.actor.userId, text, createdAt: deps.clock.now() },
  });
  const recipientIds = role === 'BUYER' ? [order.sellerId] : role === 'SELLER' ? [order.buyerId] : [order.buyerId, order.sellerId];
  return ok({ orderId: order.id, senderRole: role, text, recipientIds });
}
