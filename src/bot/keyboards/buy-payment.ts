import type { InlineKeyboardButton } from 'grammy/types';
import type { Translate } from '../format.js';

/** A pending order as the payment step sees it. */
export interface ReservedOrder {
  orderId: number;
  amount: bigint;
  priceMinor: bigint;
  currency: string;
  reservedUntil: Date;
}

/**
 * The hook where payment providers put their buttons (one per enabled method, e.g. a Stripe
 * checkout URL or a "pay with Stars" callback) for a reserved order. No provider exists yet, so
 * there are none and the reserved screen says methods will appear there; the payments work
 * replaces this function's body and the screen shows the buttons above "Cancel order".
 */
export function paymentMethodButtons(_t: Translate, _order: ReservedOrder): InlineKeyboardButton[] {
  return [];
}
