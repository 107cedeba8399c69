import type { TokenBalance } from '../../core/ledger/balance.js';
import type { Page } from '../../core/page.js';
import type { PurchaseView } from '../../core/tokens/user-purchases.js';
import { formatDate, formatMoney, type Translate } from '../format.js';
import { afterBuyingKeyboard, balanceKeyboard, purchasesKeyboard } from '../keyboards/buy-buttons.js';
import { localeOf, type Screen, tokensText } from './sale-screen.js';

/** An order's status in the buyer's words. */
export function statusText(t: Translate, status: string): string {
  switch (status) {
    case 'PENDING':
      return t('buy-status-pending');
    case 'PAID':
      return t('buy-status-paid');
    case 'EXPIRED':
      return t('buy-status-expired');
    case 'CANCELLED':
      return t('buy-status-cancelled');
    case 'REFUND_REQUIRED':
      return t('buy-status-refund-required');
    default:
      return t('buy-status-refunded');
  }
}

/** One page of the buyer's orders, newest first: what, how much, status and date. */
export function purchasesScreen(t: Translate, page: Page<PurchaseView>): Screen {
  const locale = localeOf(t);
  if (page.total === 0) return { text: t('buy-purchases-empty'), keyboard: afterBuyingKeyboard(t) };
  const lines = [t('buy-purchases-title', { page: String(page.page), pages: String(page.pages) })];
  for (const order of page.items) {
    lines.push(
      '',
      t('buy-purchase-line', {
        order: String(order.orderId),
        round: order.roundName,
        tokens: tokensText(t, order.amount, locale),
        total: formatMoney(order.priceMinor, order.currency, locale),
      }),
      t('buy-purchase-status', { status: statusText(t, order.status), date: formatDate(order.paidAt ?? order.createdAt, locale) }),
    );
  }
  const pending = page.items.filter((o) => o.status === 'PENDING').map((o) => o.orderId);
  return { text: lines.join('\n'), keyboard: purchasesKeyboard(t, page, pending) };
}

/** Tokens held, what they are worth at the active round's price, and what awaits payment. */
export function balanceScreen(t: Translate, balance: TokenBalance | null): Screen {
  const locale = localeOf(t);
  if (!balance) return { text: t('buy-balance-unavailable'), keyboard: afterBuyingKeyboard(t) };
  const lines = [t('buy-balance', { tokens: tokensText(t, balance.tokens, locale) })];
  if (balance.value) lines.push(t('buy-balance-value', { value: formatMoney(balance.value.amountMinor, balance.value.currency, locale) }));
  if (balance.pending > 0n) lines.push(t('buy-balance-pending', { tokens: tokensText(t, balance.pending, locale) }));
  return { text: lines.join('\n'), keyboard: balanceKeyboard(t) };
}

/** What cancelling an order came to. */
export function orderCancelScreen(t: Translate, orderId: number, outcome: 'CANCELLED' | 'ORDER_NOT_PENDING' | 'ORDER_NOT_FOUND'): Screen {
  const order = String(orderId);
  const text =
    outcome === 'CANCELLED'
      ? t('buy-order-cancelled', { order })
      : outcome === 'ORDER_NOT_PENDING'
        ? t('buy-order-not-pending', { order })
        : t('buy-order-not-found');
  return { text, keyboard: afterBuyingKeyboard(t) };
}
