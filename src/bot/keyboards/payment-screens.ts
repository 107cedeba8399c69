import type { InlineKeyboard } from 'grammy';
import type { CreatePaymentError } from '../../core/payments/create-payment.js';
import type { ProviderId } from '../../core/payments/gateway.js';
import type { RefundError } from '../../core/payments/refund-payment.js';
import { Dec } from '../../core/money.js';
import { type FormatLocale, formatDate, formatDecimalText, formatMoney, type Translate } from '../format.js';
import { localeOf, type Screen, tokensText } from '../screens/sale-screen.js';
import { depositKeyboard, payLinkKeyboard, paymentHelpKeyboard, providerName, refundQuestionKeyboard } from './payment-buttons.js';

/** A payment as the buyer is asked for it: in the provider's currency, converted from the order's at `rate`. */
export interface PaymentAmount {
  amountMinor: bigint;
  currency: string;
  orderAmountMinor: bigint;
  orderCurrency: string;
  /** The stored rate (order currency → payment currency); null when no conversion was needed. */
  rate: { toString(): string } | null;
}

/** Why the bot refuses a Stars checkout (pre_checkout_query). */
export type CheckoutRefusal = 'OFF' | 'UNKNOWN' | 'NOT_BUYER' | 'AMOUNT' | 'NOT_OPEN' | 'EXPIRED' | 'ERROR';

/**
 * "1,125.00 RUB (at 90 RUB per USD)": the amount to pay, and the rate when it was converted,
 * said the way round that reads as a number above one.
 */
export function paymentAmountText(t: Translate, payment: PaymentAmount, locale: FormatLocale = localeOf(t)): string {
  const amount = formatMoney(payment.amountMinor, payment.currency, locale);
  if (payment.rate === null || payment.currency === payment.orderCurrency) return amount;
  let rate = new Dec(payment.rate.toString());
  let base = payment.orderCurrency;
  let quote = payment.currency;
  if (rate.lt(1)) {
    rate = new Dec(1).div(rate);
    [base, quote] = [quote, base];
  }
  const shown = formatDecimalText(rate.toDecimalPlaces(4).toFixed(), locale);
  return t('pay-amount-converted', { amount, rate: shown, base, quote });
}

/** The page to pay on: what, how much (converted if it was), until when, and the button. */
export function payLinkScreen(
  t: Translate,
  view: { orderId: number; tokens: bigint; provider: ProviderId; payUrl: string; reservedUntil: Date; payment: PaymentAmount },
): Screen {
  const locale = localeOf(t);
  const amount = paymentAmountText(t, view.payment, locale);
  const text = [
    t('pay-link-title', {
      order: String(view.orderId),
      tokens: tokensText(t, view.tokens, locale),
      total: formatMoney(view.payment.orderAmountMinor, view.payment.orderCurrency, locale),
    }),
    t('pay-link-amount', { amount, provider: providerName(t, view.provider) }),
    '',
    t('pay-link-hint', { until: formatDate(view.reservedUntil, locale) }),
  ].join('\n');
  return { text, keyboard: payLinkKeyboard(t, view.orderId, view.payUrl, formatMoney(view.payment.amountMinor, view.payment.currency, locale)) };
}

/** The one place where createPayment's codes become words. */
export function createPaymentErrorText(t: Translate, code: CreatePaymentError): string {
  switch (code) {
    case 'ORDER_NOT_FOUND':
      return t('pay-error-order-not-found');
    case 'ORDER_NOT_PAYABLE':
      return t('pay-error-order-not-payable');
    case 'PROVIDER_OFF':
      return t('pay-error-provider-off');
    case 'RATE_UNAVAILABLE':
      return t('pay-error-rate-unavailable');
    case 'PROVIDER_FAILED':
      return t('pay-error-provider-failed');
  }
}

/** Words for a refused Stars checkout: Telegram shows them in the payment form. */
export function checkoutRefusalText(t: Translate, reason: CheckoutRefusal): string {
  switch (reason) {
    case 'OFF':
      return t('pay-checkout-off');
    case 'UNKNOWN':
      return t('pay-checkout-unknown');
    case 'NOT_BUYER':
      return t('pay-checkout-not-buyer');
    case 'AMOUNT':
      return t('pay-checkout-amount');
    case 'NOT_OPEN':
      return t('pay-checkout-not-open');
    case 'EXPIRED':
      return t('pay-checkout-expired');
    case 'ERROR':
      return t('error-generic');
  }
}

/** The refund codes, for the admin. */
export function refundErrorText(t: Translate, code: RefundError | 'BAD_INPUT'): string {
  switch (code) {
    case 'BAD_INPUT':
      return t('pay-refund-usage');
    case 'NOT_ALLOWED':
      return t('not-allowed');
    case 'PAYMENT_NOT_FOUND':
      return t('pay-refund-not-found');
    case 'NOT_REFUNDABLE':
      return t('pay-refund-not-refundable');
    case 'TOKENS_PAID_OUT':
      return t('pay-refund-tokens-paid-out');
    case 'PROVIDER_CANNOT_REFUND':
      return t('pay-refund-provider-cannot');
    case 'PROVIDER_FAILED':
      return t('pay-refund-provider-failed');
  }
}

/** What an admin is about to refund, and the question. */
export function refundQuestionScreen(
  t: Translate,
  view: { paymentId: number; provider: ProviderId; status: string; orderId: number; tokens: bigint; orderStatus: string; payment: PaymentAmount },
): { text: string; keyboard: InlineKeyboard } {
  const locale = localeOf(t);
  const text = t('pay-refund-question', {
    payment: String(view.paymentId),
    provider: providerName(t, view.provider),
    status: view.status,
    amount: paymentAmountText(t, view.payment, locale),
    order: String(view.orderId),
    tokens: tokensText(t, view.tokens, locale),
    orderStatus: view.orderStatus,
  });
  return { text, keyboard: refundQuestionKeyboard(t, view.paymentId) };
}

/** The refund question for a market order's held payment (nothing was sold or credited for it). */
export function lotRefundQuestionScreen(
  t: Translate,
  view: { paymentId: number; provider: ProviderId; status: string; orderId: number; orderStatus: string; holdReason: string; payment: PaymentAmount },
): { text: string; keyboard: InlineKeyboard } {
  const text = t('pay-refund-question-lot', {
    payment: String(view.paymentId),
    provider: providerName(t, view.provider),
    status: view.status,
    amount: paymentAmountText(t, view.payment, localeOf(t)),
    order: String(view.orderId),
    orderStatus: view.orderStatus,
    reason: view.holdReason,
  });
  return { text, keyboard: refundQuestionKeyboard(t, view.paymentId) };
}

/** /paysupport: how to reach us about a payment. */
export function paySupportScreen(t: Translate): Screen {
  return { text: t('pay-support'), keyboard: paymentHelpKeyboard(t) };
}

/** Base units (wei, the token's) as a decimal amount of `currency`: every digit, trailing zeros dropped. */
export function cryptoAmountText(baseUnits: bigint, decimals: number, currency: string, locale: FormatLocale): string {
  const value = new Dec(baseUnits.toString()).div(new Dec(10).pow(decimals));
  return `${formatDecimalText(value.toFixed(), locale)} ${currency}`;
}

/**
 * A crypto checkout: the exact amount to send (converted, with the rate: the payment's amount is
 * the quote, to the last base unit it keeps), the deposit address,
 * the network, until when the quote holds, and the EIP-681 link (also sent as a QR code).
 */
export function depositScreen(
  t: Translate,
  view: { orderId: number; tokens: bigint; provider: ProviderId; address: string; uri: string; chainId: number; expiresAt: Date; payment: PaymentAmount },
): Screen {
  const locale = localeOf(t);
  const text = [
    t('pay-link-title', {
      order: String(view.orderId),
      tokens: tokensText(t, view.tokens, locale),
      total: formatMoney(view.payment.orderAmountMinor, view.payment.orderCurrency, locale),
    }),
    t('pay-deposit-amount', { amount: paymentAmountText(t, view.payment, locale), provider: providerName(t, view.provider) }),
    t('pay-deposit-address', { address: view.address, chain: String(view.chainId) }),
    t('pay-deposit-link', { uri: view.uri }),
    '',
    t('pay-deposit-hint', { until: formatDate(view.expiresAt, locale) }),
  ].join('\n');
  return { text, keyboard: depositKeyboard(t, view.orderId) };
}
