import type { InlineKeyboardButton } from 'grammy/types';
import type { ProviderId } from '../../core/payments/gateway.js';
import type { Translate } from '../format.js';
import { methodButtons } from './payment-buttons.js';

/** A pending order as the payment step sees it. */
export interface ReservedOrder {
  orderId: number;
  amount: bigint;
  priceMinor: bigint;
  currency: string;
  reservedUntil: Date;
  /**
   * The payment methods that are on (`enabledMethods(ctx.deps.payments.gateways)`), in the order
   * they are offered. None (or absent): the screen says methods will appear there.
   */
  methods?: readonly ProviderId[];
}

/**
 * The payment buttons of a reserved order: one per enabled provider ("pay with Stars", "card via
 * YooKassa" ...), each opening that provider's checkout for this order (src/bot/features/payments.ts).
 * The reserved screen shows them above "Cancel order".
 */
export function paymentMethodButtons(t: Translate, order: ReservedOrder): InlineKeyboardButton[] {
  return methodButtons(t, order.orderId, order.methods ?? []);
}
