import type { OrderStatus } from '../../generated/prisma/client.js';
import { balanceOf } from '../ledger/balance.js';
import type { Db } from '../deps.js';

/** What a message to the buyer about their order needs, read in one place. */
export interface OrderNotice {
  orderId: number;
  status: OrderStatus;
  amount: bigint;
  priceMinor: bigint;
  currency: string;
  roundName: string;
  tokenId: number;
  symbol: string;
  buyer: { userId: number; telegramId: bigint; language: string };
  /** The buyer's token balance now (after a payment: including it). */
  balance: bigint;
}

/** An order with its buyer and the buyer's current balance of the order's token, or null. */
export async function orderNotice(db: Db, orderId: number): Promise<OrderNotice | null> {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) return null;
  const order = await db.tokenOrder.findUnique({
    where: { id: orderId },
    include: {
      buyer: { select: { id: true, telegramId: true, language: true } },
      round: { select: { name: true, token: { select: { id: true, symbol: true } } } },
    },
  });
  if (!order) return null;
  return {
    orderId: order.id,
    status: order.status,
    amount: order.amount,
    priceMinor: order.priceMinor,
    currency: order.currency.trim(),
    roundName: order.round.name,
    tokenId: order.round.token.id,
    symbol: order.round.token.symbol,
    buyer: { userId: order.buyer.id, telegramId: order.buyer.telegramId, language: order.buyer.language },
    balance: await balanceOf(db, order.buyer.id, order.round.token.symbol),
  };
}
