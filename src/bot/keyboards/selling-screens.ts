import type { I18nFlavor } from '@grammyjs/i18n';
import { InlineKeyboard } from 'grammy';
import type { Lot, LotOrderStatus, SellerProfile, Withdrawal } from '../../generated/prisma/client.js';
import type { sellerLot, sellerLots, sellerSales } from '../../core/market/lots/seller-lots.js';
import type { CurrencyProceeds } from '../../core/market/withdrawals/seller-proceeds.js';
import { cb } from '../callback-data.js';
import { formatDecimalText, formatInteger, formatMoney, type FormatLocale, formatLocale } from '../format.js';
import { mkoCb } from './market-order-buttons.js';
import { sellCb } from './selling-buttons.js';

export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

type Ctx = I18nFlavor;

/** The locale key of a business failure's code: ALREADY_APPLIED → sell-error-already-applied. */
export function sellErrorText(ctx: { t: Ctx['t'] }, code: string): string {
  return ctx.t(`sell-error-${code.toLowerCase().replace(/_/g, '-')}`);
}

export function localeOfCtx(ctx: Ctx): FormatLocale {
  return formatLocale(ctx.t('buy-locale'));
}

export const backToSelling = (ctx: Ctx) => ({ label: ctx.t('sell-button-back'), data: sellCb.home.build() });

/** The Sell entry: apply, wait, or the seller's menu. */
export function sellHome(ctx: Ctx, profile: Pick<SellerProfile, 'status' | 'rejectReason'> | null, notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  let text: string;
  if (profile?.status === 'APPROVED') {
    text = ctx.t('sell-home');
    keyboard
      .text(ctx.t('sell-button-new-lot'), sellCb.newLot.build())
      .text(ctx.t('sell-button-lots'), sellCb.lots.build(1))
      .row()
      .text(ctx.t('sell-button-sales'), sellCb.sales.build(1))
      .text(ctx.t('sell-button-proceeds'), sellCb.proceeds.build())
      .row();
  } else if (profile?.status === 'APPLIED') {
    text = ctx.t('sell-waiting');
  } else {
    text = profile?.status === 'REJECTED' ? ctx.t('sell-rejected', { reason: profile.rejectReason ?? '' }) : ctx.t('sell-intro');
    keyboard.text(ctx.t('sell-button-apply'), sellCb.apply.build()).row();
  }
  keyboard.text(ctx.t('menu-back'), cb.menu.build());
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}

export function priceText(ctx: Ctx, lot: Pick<Lot, 'price' | 'priceUnit' | 'currency'>): string {
  const locale = localeOfCtx(ctx);
  return ctx.t('sell-price', {
    price: formatDecimalText(lot.price.toString(), locale),
    currency: lot.currency,
    unit: formatInteger(lot.priceUnit, locale),
  });
}

export function lotsScreen(ctx: Ctx, page: number, list: Awaited<ReturnType<typeof sellerLots>>): Screen {
  const keyboard = new InlineKeyboard();
  for (const lot of list.lots) {
    const mark = lot.active ? '🟢' : '⏸';
    keyboard.text(`${mark} ${lot.shortDescription.slice(0, 40)}`, sellCb.lot.build(lot.id)).row();
  }
  if (page > 1) keyboard.text(ctx.t('button-prev'), sellCb.lots.build(page - 1));
  if (page < list.pages) keyboard.text(ctx.t('button-next'), sellCb.lots.build(page + 1));
  keyboard.row().text(ctx.t('sell-button-new-lot'), sellCb.newLot.build()).text(ctx.t('sell-button-back'), sellCb.home.build());
  const text = list.total === 0 ? ctx.t('sell-lots-empty') : ctx.t('sell-lots-title', { total: list.total, page, pages: list.pages });
  return { text, keyboard };
}

export function lotScreen(ctx: Ctx, lot: NonNullable<Awaited<ReturnType<typeof sellerLot>>>, notice?: string): Screen {
  const locale = localeOfCtx(ctx);
  const lines = [
    ctx.t('sell-lot-title', { id: lot.id, short: lot.shortDescription }),
    ctx.t('sell-lot-where', { market: lot.category.market.title, category: lot.category.name }),
    priceText(ctx, lot),
    lot.category.lotType === 'MULTIPLE' ? ctx.t('sell-lot-quantity', { quantity: formatInteger(lot.quantity, locale) }) : ctx.t('sell-lot-form'),
    lot.active ? ctx.t('sell-lot-active') : ctx.t('sell-lot-paused'),
  ];
  if (lot.league) lines.push(ctx.t('sell-lot-league', { league: lot.league.name }));
  if (lot.platform) lines.push(ctx.t('sell-lot-platform', { platform: lot.platform }));
  if (lot.characterLevel !== null) lines.push(ctx.t('sell-lot-level', { level: lot.characterLevel }));
  if (lot.language) lines.push(ctx.t('sell-lot-language', { language: lot.language }));
  if (lot.autoDelivery) lines.push(ctx.t('sell-lot-auto', { left: lot.goodsLeft }));
  if (lot.deactivateAfterSale) lines.push(ctx.t('sell-lot-deactivate'));
  if (lot.openOrders > 0) lines.push(ctx.t('sell-lot-open-orders', { count: lot.openOrders }));
  if (lot.description) lines.push('', lot.description);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('sell-field-short'), sellCb.edit.build(lot.id, 'short'))
    .text(ctx.t('sell-field-description'), sellCb.edit.build(lot.id, 'description'))
    .row()
    .text(ctx.t('sell-field-price'), sellCb.edit.build(lot.id, 'price'))
    .text(ctx.t('sell-field-unit'), sellCb.edit.build(lot.id, 'unit'))
    .row();
  if (lot.category.lotType === 'MULTIPLE' && !lot.autoDelivery) keyboard.text(ctx.t('sell-field-quantity'), sellCb.edit.build(lot.id, 'quantity'));
  keyboard
    .text(ctx.t('sell-field-level'), sellCb.edit.build(lot.id, 'level'))
    .text(ctx.t('sell-field-deactivate'), sellCb.edit.build(lot.id, 'deactivate'))
    .row()
    .text(lot.active ? ctx.t('sell-button-pause') : ctx.t('sell-button-resume'), (lot.active ? sellCb.pause : sellCb.resume).build(lot.id))
    .text(ctx.t('sell-button-delete'), sellCb.remove.build(lot.id))
    .row()
    .text(ctx.t('sell-button-lots-back'), sellCb.lots.build(1));
  const text = lines.join('\n');
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}

export function deleteQuestion(ctx: Ctx, lotId: number, short: string): Screen {
  return {
    text: ctx.t('sell-delete-question', { short }),
    keyboard: new InlineKeyboard()
      .text(ctx.t('sell-button-delete-confirm'), sellCb.removeConfirmed.build(lotId))
      .text(ctx.t('button-back'), sellCb.lot.build(lotId)),
  };
}

export function orderStatusText(ctx: Ctx, status: LotOrderStatus): string {
  return ctx.t(`sell-order-${status.toLowerCase().replace(/_/g, '-')}`);
}

export function salesScreen(ctx: Ctx, page: number, list: Awaited<ReturnType<typeof sellerSales>>): Screen {
  const locale = localeOfCtx(ctx);
  const keyboard = new InlineKeyboard();
  for (const order of list.orders) {
    const label = ctx.t('sell-sale-line', {
      id: order.id,
      short: order.lot.shortDescription.slice(0, 24),
      amount: formatMoney(order.priceMinor, order.currency, locale),
      status: orderStatusText(ctx, order.status),
    });
    keyboard.text(label, mkoCb.view.build(order.id)).row();
  }
  if (page > 1) keyboard.text(ctx.t('button-prev'), sellCb.sales.build(page - 1));
  if (page < list.pages) keyboard.text(ctx.t('button-next'), sellCb.sales.build(page + 1));
  keyboard.row().text(ctx.t('sell-button-back'), sellCb.home.build());
  const text = list.total === 0 ? ctx.t('sell-sales-empty') : ctx.t('sell-sales-title', { total: list.total, page, pages: list.pages });
  return { text, keyboard };
}

export function proceedsScreen(ctx: Ctx, proceeds: CurrencyProceeds[], withdrawals: Withdrawal[], notice?: string): Screen {
  const locale = localeOfCtx(ctx);
  const keyboard = new InlineKeyboard();
  const lines = [proceeds.length === 0 ? ctx.t('sell-proceeds-empty') : ctx.t('sell-proceeds-title')];
  for (const p of proceeds) {
    lines.push(
      ctx.t('sell-proceeds-line', {
        currency: p.currency,
        available: formatMoney(p.availableMinor, p.currency, locale),
        held: formatMoney(p.heldMinor, p.currency, locale),
        requested: formatMoney(p.requestedMinor, p.currency, locale),
      }),
    );
    if (p.availableMinor > 0n) keyboard.text(ctx.t('sell-button-withdraw', { currency: p.currency }), sellCb.withdraw.build(p.currency)).row();
  }
  if (withdrawals.length > 0) {
    lines.push('', ctx.t('sell-withdrawals-title'));
    for (const w of withdrawals) {
      lines.push(
        ctx.t('sell-withdrawal-line', {
          id: w.id,
          amount: formatMoney(w.amountMinor, w.currency, locale),
          status: ctx.t(`sell-withdrawal-${w.status.toLowerCase()}`),
        }),
      );
    }
  }
  keyboard.text(ctx.t('sell-button-back'), sellCb.home.build());
  const text = lines.join('\n');
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}
