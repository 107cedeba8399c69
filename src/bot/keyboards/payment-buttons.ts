import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { z } from 'zod';
import { PROVIDERS, type ProviderId } from '../../core/payments/gateway.js';
import { type CallbackKind, cb, defineCallback, idArg } from '../callback-data.js';
import type { Translate } from '../format.js';
import { buyCb } from './buy-buttons.js';

/** The payment step's buttons. */
export const payCb = {
  /** Pay a pending order with one provider: `pay.m:<provider>:<orderId>`. */
  method: defineCallback('pay.m', z.tuple([z.enum(PROVIDERS), idArg])),
  /** A pending order's payment screen again (its methods), e.g. after a payment failed. */
  order: defineCallback('pay.o', z.tuple([idArg])),
  /** Admins: refund a payment, after the question (`/refund <paymentId>`). */
  refund: defineCallback('pay.rf', z.tuple([idArg])),
  /** Admins: leave the refund question without refunding. */
  keep: defineCallback('pay.keep', z.tuple([idArg])),
  /** Admins (from /admin): the latest payments that can be refunded. */
  refunds: defineCallback('pay.rl', z.tuple([])),
  /** Admins: the refund question for one payment (as `/refund <paymentId>` asks it). */
  ask: defineCallback('pay.rq', z.tuple([idArg])),
};

/** The providers that are on, in the one order they are offered in. */
export function enabledMethods(gateways: ReadonlyMap<ProviderId, unknown>): ProviderId[] {
  return PROVIDERS.filter((id) => gateways.has(id));
}

/** A provider's name as the buyer sees it. */
export function providerName(t: Translate, provider: ProviderId): string {
  switch (provider) {
    case 'stripe':
      return t('pay-provider-stripe');
    case 'yoomoney':
      return t('pay-provider-yoomoney');
    case 'yookassa':
      return t('pay-provider-yookassa');
    case 'sber':
      return t('pay-provider-sber');
    case 'qiwi':
      return t('pay-provider-qiwi');
    case 'stars':
      return t('pay-provider-stars');
    case 'eth':
      return t('pay-provider-eth');
    case 'erc20':
      return t('pay-provider-erc20');
  }
}

/**
 * One button per enabled method for a pending order; `kind` is the button kind that pays it (a
 * token order's `pay.m`, or a market order's `mko.pay`).
 */
export function methodButtons(
  t: Translate,
  orderId: number,
  methods: readonly ProviderId[],
  kind: CallbackKind<[ProviderId, number]> = payCb.method,
): InlineKeyboardButton[] {
  return methods.map((provider) => ({ text: providerName(t, provider), callback_data: kind.build(provider, orderId) }));
}

/** Under a payment link: open the provider's page, another method, cancel the order, the menu. */
export function payLinkKeyboard(t: Translate, orderId: number, payUrl: string, amount: string): InlineKeyboard {
  return new InlineKeyboard()
    .url(t('pay-link-button', { amount }), payUrl)
    .row()
    .text(t('pay-other-method'), payCb.order.build(orderId))
    .row()
    .text(t('buy-cancel-order'), buyCb.cancelOrder.build(orderId))
    .row()
    .text(t('menu-back'), cb.menu.build());
}

/** The admin's question before a refund: refund, or leave it. */
export function refundQuestionKeyboard(t: Translate, paymentId: number): InlineKeyboard {
  return new InlineKeyboard().text(t('pay-refund-yes'), payCb.refund.build(paymentId)).text(t('button-cancel'), payCb.keep.build(paymentId));
}

/** Under /paysupport and payment outcomes: my purchases and the menu. */
export function paymentHelpKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t('buy-card-purchases'), cb.purchases.build(1)).text(t('menu-back'), cb.menu.build());
}

/** Under a deposit address: another method, cancel the order, the menu (wallets open the QR code or the EIP-681 link). */
export function depositKeyboard(t: Translate, orderId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('pay-other-method'), payCb.order.build(orderId))
    .row()
    .text(t('buy-cancel-order'), buyCb.cancelOrder.build(orderId))
    .row()
    .text(t('menu-back'), cb.menu.build());
}
