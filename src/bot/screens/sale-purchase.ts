import type { PurchaseOffer, PurchaseOfferError } from '../../core/tokens/purchase-offer.js';
import type { PurchaseQuote, QuotePurchaseError } from '../../core/tokens/quote-purchase.js';
import type { StartPurchaseError } from '../../core/tokens/start-purchase.js';
import { formatDate, formatMoney, formatUnitPrice, type Translate } from '../format.js';
import { afterBuyingKeyboard, amountKeyboard, presetAmounts, reservedKeyboard, summaryKeyboard } from '../keyboards/buy-buttons.js';
import { paymentMethodButtons, type ReservedOrder } from '../keyboards/buy-payment.js';
import { localeOf, type Screen, tokensText } from './sale-screen.js';

/** Every reason the core gives for not selling (offer, quote or start), mapped to words below. */
export type PurchaseRefusal = { code: PurchaseOfferError | QuotePurchaseError | StartPurchaseError; details?: Record<string, string> };

/** Refusals after which no amount can succeed now: the flow ends instead of asking again. */
const FINAL: ReadonlySet<PurchaseRefusal['code']> = new Set(['SALE_NOT_ACTIVE', 'SALE_COMPLETE', 'ROUND_NOT_STARTED', 'ROUND_SOLD_OUT', 'USER_NOT_FOUND']);

export function endsThePurchase(refusal: PurchaseRefusal): boolean {
  return FINAL.has(refusal.code);
}

/** The one place where the core's purchase codes become words. */
export function refusalText(t: Translate, refusal: PurchaseRefusal): string {
  const locale = localeOf(t);
  const amount = (key: string) => tokensText(t, BigInt(refusal.details?.[key] ?? '0'), locale);
  switch (refusal.code) {
    case 'AMOUNT_INVALID':
      return t('buy-error-not-a-number');
    case 'AMOUNT_NOT_WHOLE':
      return t('buy-error-not-whole');
    case 'AMOUNT_TOO_SMALL':
      return t('buy-error-too-small');
    case 'AMOUNT_TOO_LARGE':
      return t('buy-error-too-large');
    case 'AMOUNT_BELOW_MINIMUM':
      return t('buy-error-below-min', { min: amount('min') });
    case 'AMOUNT_ABOVE_MAXIMUM':
      return t('buy-error-above-max', { max: amount('max') });
    case 'AMOUNT_EXCEEDS_AVAILABLE':
      return t('buy-error-exceeds-left', { left: amount('left') });
    case 'ROUND_SOLD_OUT':
      return t('buy-error-sold-out');
    case 'ROUND_NOT_STARTED': {
      const startsAt = refusal.details?.startsAt;
      return startsAt ? t('buy-error-not-started', { date: formatDate(new Date(startsAt), locale) }) : t('buy-error-not-active');
    }
    case 'SALE_COMPLETE':
      return t('buy-sale-complete');
    case 'SALE_NOT_ACTIVE':
      return t('buy-error-not-active');
    case 'USER_NOT_FOUND':
      return t('error-generic');
  }
}

/** A refusal that ends the flow: the reason, then buy again (the card) or the menu. */
export function refusalScreen(t: Translate, refusal: PurchaseRefusal): Screen {
  return { text: refusalText(t, refusal), keyboard: afterBuyingKeyboard(t) };
}

/** The amount step: the round's terms, preset buttons, and why the last amount was refused. */
export function amountScreen(t: Translate, offer: PurchaseOffer, problem?: string): Screen {
  const locale = localeOf(t);
  const lines = problem ? [`⚠️ ${problem}`, ''] : [];
  lines.push(
    t('buy-amount-prompt'),
    '',
    t('buy-amount-round', {
      round: offer.roundName,
      price: formatUnitPrice(offer.unitPrice, offer.currency, locale),
      left: tokensText(t, offer.left, locale),
    }),
    offer.max === null
      ? t('buy-amount-limits-min', { min: tokensText(t, offer.min, locale) })
      : t('buy-amount-limits', { min: tokensText(t, offer.min, locale), max: tokensText(t, offer.max, locale) }),
  );
  return { text: lines.join('\n'), keyboard: amountKeyboard(t, presetAmounts(offer), locale) };
}

/** The order before it exists: amount, unit price and the exact total the order will carry. */
export function summaryScreen(t: Translate, quote: PurchaseQuote, reservationMinutes: number, notice?: string): Screen {
  const locale = localeOf(t);
  const lines = notice ? [notice, ''] : [];
  lines.push(
    t('buy-summary-title'),
    t('buy-summary-round', { round: quote.roundName }),
    t('buy-summary-amount', { tokens: tokensText(t, quote.amount, locale) }),
    t('buy-summary-unit-price', { price: formatUnitPrice(quote.unitPrice, quote.currency, locale) }),
    t('buy-summary-total', { total: formatMoney(quote.priceMinor, quote.currency, locale) }),
    '',
    t('buy-summary-hold', { minutes: reservationMinutes }),
  );
  return { text: lines.join('\n'), keyboard: summaryKeyboard(t) };
}

/** The order is reserved: until when, and the payment step (methods, or where they will be). */
export function reservedScreen(t: Translate, order: ReservedOrder): Screen {
  const locale = localeOf(t);
  const methods = paymentMethodButtons(t, order);
  const text = [
    t('buy-reserved', { order: String(order.orderId), until: formatDate(order.reservedUntil, locale) }),
    t('buy-reserved-details', { tokens: tokensText(t, order.amount, locale), total: formatMoney(order.priceMinor, order.currency, locale) }),
    '',
    methods.length ? t('buy-reserved-choose') : t('buy-reserved-waiting'),
  ].join('\n');
  return { text, keyboard: reservedKeyboard(t, order.orderId, methods) };
}

export function cancelledScreen(t: Translate): Screen {
  return { text: t('buy-cancelled'), keyboard: afterBuyingKeyboard(t) };
}
