import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import type { OrderAction } from '../../core/market/orders/lot-order-view.js';
import { PROVIDERS, type ProviderId } from '../../core/payments/gateway.js';
import { bigintArg, cb, defineCallback, idArg, pageArg } from '../callback-data.js';
import type { Translate } from '../format.js';
import { methodButtons } from './payment-buttons.js';

/** The escrow order's buttons. The lot card's Buy button is `mko.buy:<lotId>`; an order screen is `mko.view:<orderId>`. */
export const mkoCb = {
  buy: defineCallback('mko.buy', z.tuple([idArg])),
  /** Order `qty` units of a lot: `mko.q:<lotId>:<qty>`. */
  quantity: defineCallback('mko.q', z.tuple([idArg, bigintArg])),
  pay: defineCallback('mko.pay', z.tuple([z.enum(PROVIDERS), idArg])),
  view: defineCallback('mko.view', z.tuple([idArg])),
  deliver: defineCallback('mko.dlv', z.tuple([idArg])),
  confirm: defineCallback('mko.ok', z.tuple([idArg])),
  dispute: defineCallback('mko.dsp', z.tuple([idArg])),
  cancel: defineCallback('mko.cnl', z.tuple([idArg])),
  message: defineCallback('mko.msg', z.tuple([idArg])),
  rate: defineCallback('mko.rate', z.tuple([idArg, z.string().regex(/^[1-5]$/).transform(Number)])),
  refund: defineCallback('mko.rf', z.tuple([idArg])),
  release: defineCallback('mko.rl', z.tuple([idArg])),
  mine: defineCallback('mko.mine', z.tuple([pageArg])),
  disputes: defineCallback('mko.dsps', z.tuple([pageArg])),
  /** Leave a question (delivery text, message, dispute reason, review text) without sending. */
  abort: defineCallback('mko.abort', z.tuple([])),
  /** A review without text. */
  noText: defineCallback('mko.notext', z.tuple([])),
};

/** The quantities offered for a lot with `available` units: a few round numbers and all of it. */
export function quantityChoices(available: bigint): bigint[] {
  const choices = [1n, 2n, 5n, 10n, 50n, 100n].filter((q) => q < available);
  return [...choices, available].slice(-6);
}

export function quantityKeyboard(t: Translate, lotId: number, available: bigint): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  quantityChoices(available).forEach((q, i) => {
    keyboard.text(String(q), mkoCb.quantity.build(lotId, q));
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard.row().text(t('menu-back'), cb.menu.build());
}

/** Under an order's summary: one button per payment method, cancel. */
export function payKeyboard(t: Translate, orderId: number, methods: readonly ProviderId[]): InlineKeyboard {
  const keyboard = InlineKeyboard.from(methodButtons(t, orderId, methods, mkoCb.pay).map((b) => [b]));
  return keyboard.row().text(t('mko-button-cancel'), mkoCb.cancel.build(orderId));
}

export function payLinkKeyboard(t: Translate, orderId: number, payUrl: string, amount: string): InlineKeyboard {
  return new InlineKeyboard().url(t('pay-link-button', { amount }), payUrl).row().text(t('mko-button-view'), mkoCb.view.build(orderId));
}

/** The buttons for what the viewer may do now. */
export function orderKeyboard(t: Translate, orderId: number, actions: readonly OrderAction[], methods: readonly ProviderId[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const action of actions) {
    switch (action) {
      case 'pay':
        for (const button of methodButtons(t, orderId, methods, mkoCb.pay)) keyboard.add(button).row();
        break;
      case 'deliver':
        keyboard.text(t('mko-button-deliver'), mkoCb.deliver.build(orderId)).row();
        break;
      case 'confirm':
        keyboard.text(t('mko-button-confirm'), mkoCb.confirm.build(orderId)).row();
        break;
      case 'dispute':
        keyboard.text(t('mko-button-dispute'), mkoCb.dispute.build(orderId)).row();
        break;
      case 'cancel':
        keyboard.text(t('mko-button-cancel'), mkoCb.cancel.build(orderId)).row();
        break;
      case 'message':
        keyboard.text(t('mko-button-message'), mkoCb.message.build(orderId)).row();
        break;
      case 'review':
        for (const n of [1, 2, 3, 4, 5]) keyboard.text('⭐'.repeat(n), mkoCb.rate.build(orderId, n));
        keyboard.row();
        break;
      case 'refund':
        keyboard.text(t('mko-button-refund'), mkoCb.refund.build(orderId)).row();
        break;
      case 'release':
        keyboard.text(t('mko-button-release'), mkoCb.release.build(orderId)).row();
        break;
    }
  }
  return keyboard.text(t('mko-button-my-orders'), mkoCb.mine.build(1)).text(t('menu-back'), cb.menu.build());
}

/** Under a relayed message or a notice: open the order. */
export function openOrderKeyboard(t: Translate, orderId: number): InlineKeyboard {
  return new InlineKeyboard().text(t('mko-button-view'), mkoCb.view.build(orderId));
}

export function askKeyboard(t: Translate, skip?: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (skip) keyboard.text(t('mko-button-no-text'), mkoCb.noText.build()).row();
  return keyboard.text(t('button-cancel'), mkoCb.abort.build());
}
