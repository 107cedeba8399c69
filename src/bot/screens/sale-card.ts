import type { SaleOverview } from '../../core/tokens/sale-overview.js';
import { formatDate, formatPercent, formatUnitPrice, progressBar, splitDuration, type Translate } from '../format.js';
import { saleCardKeyboard } from '../keyboards/buy-buttons.js';
import { localeOf, type Screen, tokensText } from './sale-screen.js';

/**
 * The active round's card: name, unit price, progress, what is left in the round and in the
 * whole sale, the referral percent, the purchase limits and the time left. Buying is offered only
 * when the round sells now (started, tokens not all taken).
 */
export function saleCardScreen(t: Translate, sale: SaleOverview | null, now: Date): Screen {
  const locale = localeOf(t);
  if (sale?.saleComplete) return { text: t('buy-sale-complete'), keyboard: saleCardKeyboard(t, false) };
  const active = sale?.active;
  if (!sale || !active) return { text: t('buy-sale-not-open'), keyboard: saleCardKeyboard(t, false) };

  const { round, left } = active;
  const currency = round.currency.trim();
  const notStarted = round.startsAt !== null && round.startsAt > now;
  const lines = [
    t('buy-card-title', { token: sale.token.name, symbol: sale.token.symbol, round: round.name }),
    t('buy-card-price', { price: formatUnitPrice(round.unitPrice.toString(), currency, locale) }),
    t('buy-card-progress', { bar: progressBar(active.progress, locale) }),
    t('buy-card-left', { tokens: tokensText(t, left, locale) }),
    round.maxPurchase === null
      ? t('buy-card-limits-min', { min: tokensText(t, round.minPurchase, locale) })
      : t('buy-card-limits', { min: tokensText(t, round.minPurchase, locale), max: tokensText(t, round.maxPurchase, locale) }),
    t('buy-card-referral', { percent: formatPercent(round.referralPercent.toString(), locale) }),
  ];
  if (notStarted && round.startsAt) lines.push(t('buy-card-starts', { date: formatDate(round.startsAt, locale) }));
  else if (round.endsAt) lines.push(t('buy-card-ends', { duration: durationText(t, round.endsAt.getTime() - now.getTime()) }));
  lines.push('', t('buy-card-sale-left', { tokens: tokensText(t, sale.left, locale) }));
  const sellsNow = !notStarted && left > 0n && left >= round.minPurchase;
  if (!notStarted && !sellsNow) lines.push('', t('buy-card-all-reserved'));
  return { text: lines.join('\n'), keyboard: saleCardKeyboard(t, sellsNow) };
}

/** "2 d 5 h 13 min", leaving out the leading parts that are zero. */
export function durationText(t: Translate, ms: number): string {
  const { days, hours, minutes } = splitDuration(ms);
  const parts: string[] = [];
  if (days > 0) parts.push(t('buy-duration-days', { n: days }));
  if (days > 0 || hours > 0) parts.push(t('buy-duration-hours', { n: hours }));
  parts.push(t('buy-duration-minutes', { n: minutes }));
  return parts.join(' ');
}
