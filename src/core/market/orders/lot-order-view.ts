import type { LotOrder, OrderParty } from '../../../generated/prisma/client.js';
import type { Db } from '../../deps.js';
import type { Result } from '../../result.js';
import type { Actor } from './deps.js';
import { type OrderRole, orderFor } from './order-access.js';

export type OrderAction = 'pay' | 'cancel' | 'deliver' | 'confirm' | 'dispute' | 'message' | 'review' | 'refund' | 'release';

export interface LotOrderView {
  order: LotOrder;
  role: OrderRole;
  lotTitle: string;
  /** What the actor may do now. */
  actions: OrderAction[];
  /** The conversation, oldest first (sender roles only, never accounts). */
  messages: { role: OrderParty; text: string; at: Date }[];
  /** Auto-delivered goods (shown to the buyer and support). */
  goods: string[];
  review: { rating: number; text: string } | null;
}

/** What each side may do in each status (the core functions check again; this drives the buttons). */
export function orderActions(order: Pick<LotOrder, 'status'>, role: OrderRole, reviewed: boolean): OrderAction[] {
  const s = order.status;
  const chat = s === 'PAID' || s === 'DELIVERED' || s === 'DISPUTED' || s === 'CONFIRMED' || s === 'REFUNDED';
  const actions: OrderAction[] = [];
  if (role === 'BUYER') {
    if (s === 'AWAITING_PAYMENT') actions.push('pay', 'cancel');
    if (s === 'PAID' || s === 'DELIVERED') actions.push('confirm', 'dispute');
    if (s === 'CONFIRMED' && !reviewed) actions.push('review');
  } else if (role === 'SELLER') {
    if (s === 'AWAITING_PAYMENT') actions.push('cancel');
    if (s === 'PAID') actions.push('deliver', 'cancel');
  } else if (s === 'DISPUTED') {
    actions.push('refund', 'release');
  }
  if (chat && (role !== 'SUPPORT' || s === 'DISPUTED')) actions.push('message');
  return actions;
}

/** One order as its buyer, its seller or support sees it. */
export async function lotOrderView(db: Db, input: { actor: Actor; orderId: number }): Promise<Result<LotOrderView, 'ORDER_NOT_FOUND'>> {
  const found = await orderFor(db, input.orderId, input.actor);
  if (!found.ok) return found;
  const { order, role } = found.value;
  const [lot, messages, goods, review] = await Promise.all([
    db.lot.findUnique({ where: { id: order.lotId }, select: { shortDescription: true } }),
    db.lotOrderMessage.findMany({ where: { orderId: order.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    role === 'SELLER' ? Promise.resolve([]) : db.lotGoods.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } }),
    db.review.findUnique({ where: { orderId: order.id } }),
  ]);
  return {
    ok: true,
    value: {
      order,
      role,
      lotTitle: lot?.shortDescription ?? '',
      actions: orderActions(order, role, review !== null),
      messages: messages.map((m) => ({ role: m.senderRole, text: m.text, at: m.createdAt })),
      goods: goods.map((g) => g.content),
      review: review ? { rating: review.rating, text: review.text } : null,
    },
  };
}

export const ORDERS_PAGE_SIZE = 8;

/** A buyer's orders, newest first, one page, with whether there is a next one. */
export async function buyerLotOrders(db: Db, input: { buyerId: number; page: number }) {
  const page = Math.max(1, Math.floor(input.page));
  const rows = await db.lotOrder.findMany({
    where: { buyerId: input.buyerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * ORDERS_PAGE_SIZE,
    take: ORDERS_PAGE_SIZE + 1,
    include: { lot: { select: { shortDescription: true } } },
  });
  return { page, orders: rows.slice(0, ORDERS_PAGE_SIZE), hasNext: rows.length > ORDERS_PAGE_SIZE };
}

/** Open disputes for support, oldest first. */
export async function openDisputes(db: Db, input: { page: number }) {
  const page = Math.max(1, Math.floor(input.page));
  const rows = await db.lotOrder.findMany({
    where: { status: 'DISPUTED' },
    orderBy: [{ disputedAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * ORDERS_PAGE_SIZE,
    take: ORDERS_PAGE_SIZE + 1,
    include: { lot: { select: { shortDescription: true } } },
  });
  return { page, orders: rows.slice(0, ORDERS_PAGE_SIZE), hasNext: rows.length > ORDERS_PAGE_SIZE };
}
