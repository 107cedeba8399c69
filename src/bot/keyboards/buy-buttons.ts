import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { z } from 'zod';
import { bigintArg, cb, defineCallback, idArg } from '../callback-data.js';
import { type FormatLocale, formatTokens, type Translate } from '../format.js';

/** The sale's own buttons (the menu's cb.buy, cb.balance and cb.purchases open its screens). */
export const buyCb = {
  /** Start buying: enters the purchase conversation. */
  start: defineCallback('buy.go', z.tuple([])),
  /** A preset amount at the amount step. */
  amount: defineCallback('buy.amt', z.tuple([bigintArg])),
  confirm: defineCallback('buy.ok', z.tuple([])),
  change: defineCallback('buy.chg', z.tuple([])),
  /** Cancel before any order exists. */
  cancel: defineCallback('buy.no', z.tuple([])),
  /** Cancel a pending order: its reservation is released. */
  cancelOrder: defineCallback('ord.cancel', z.tuple([idArg])),
};

const PRESETS = [1_000n, 5_000n, 10_000n];

/**
 * The amounts offered as buttons: the round's minimum and the usual round numbers, only those a
 * purchase may actually have (within min, max and what is left), smallest first.
 */
export function presetAmounts(offer: { min: bigint; max: bigint | null; left: bigint }): bigint[] {
  const ceiling = offer.max !== null && offer.max < offer.left ? offer.max : offer.left;
  const fits = (a: bigint) => a >= offer.min && a <= ceiling && a > 0n;
  return [...new Set([offer.min, ...PRESETS].filter(fits))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Under the round card: buy (when the round sells now), my purchases, the menu. */
export function saleCardKeyboard(t: Translate, canBuy: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (canBuy) keyboard.text(t('buy-card-buy'), buyCb.start.build()).row();
  return keyboard.text(t('buy-card-purchases'), cb.purchases.build(1)).row().text(t('menu-back'), cb.menu.build());
}

export function amountKeyboard(t: Translate, presets: bigint[], locale: FormatLocale): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const amount of presets) keyboard.text(formatTokens(amount, locale), buyCb.amount.build(amount));
  return keyboard.row().text(t('button-cancel'), buyCb.cancel.build());
}

export function summaryKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('buy-confirm'), buyCb.confirm.build())
    .row()
    .text(t('buy-change-amount'), buyCb.change.build())
    .text(t('button-cancel'), buyCb.cancel.build());
}

/** A reserved order: one row per payment method, then Cancel order and the menu. */
export function reservedKeyboard(t: Translate, orderId: number, paymentMethods: InlineKeyboardButton[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const method of paymentMethods) keyboard.add(method).row();
  return keyboard.text(t('buy-cancel-order'), buyCb.cancelOrder.build(orderId)).row().text(t('menu-back'), cb.menu.build());
}

/** After a flow ends without an order (cancelled, refused): buy again or go to the menu. */
export function afterBuyingKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t('menu-buy'), cb.buy.build()).text(t('menu-back'), cb.menu.build());
}

export function balanceKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('buy-card-purchases'), cb.purchases.build(1))
    .text(t('menu-buy'), cb.buy.build())
    .row()
    .text(t('menu-back'), cb.menu.build());
}

/** A page of purchases: cancel buttons for the pending ones, prev/next, the menu. */
export function purchasesKeyboard(t: Translate, page: { page: number; pages: number }, pendingOrderIds: number[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const orderId of pendingOrderIds) keyboard.text(t('buy-purchase-cancel', { order: String(orderId) }), buyCb.cancelOrder.build(orderId)).row();
  if (page.page > 1) keyboard.text(t('button-prev'), cb.purchases.build(page.page - 1));
  if (page.page < page.pages) keyboard.text(t('button-next'), cb.purchases.build(page.page + 1));
  return keyboard.row().text(t('menu-buy'), cb.buy.build()).text(t('menu-back'), cb.menu.build());
}

/** Under an "expired" notice: straight back to the round card. */
export function buyAgainKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t('buy-notice-buy-again'), cb.buy.build());
}
