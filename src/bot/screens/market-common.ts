import { DEFAULT_MARKET_SETTINGS, type MarketDeps } from '../../core/market/deps.js';
import type { LotSort } from '../../core/market/list-lots.js';
import { displayCurrencyFor } from '../../core/users/display-currency.js';
import type { LotLanguage, LotPlatform } from '../../generated/prisma/client.js';
import type { BotContext } from '../context.js';
import { type FormatLocale, formatLocale, formatUnitPrice } from '../format.js';

/** The core's market dependencies: the database, the rates for display and the market's settings. */
export function marketDeps(ctx: BotContext): MarketDeps {
  return { ...ctx.deps.payments, rates: ctx.deps.displayRates ?? ctx.deps.payments.rates, market: ctx.deps.market ?? DEFAULT_MARKET_SETTINGS };
}

/** The currency this buyer sees prices in: their choice, else their language's (ru → RUB, else USD). */
export function buyerCurrency(ctx: BotContext): string {
  return displayCurrencyFor(ctx.account, marketDeps(ctx).market);
}

export function marketLocale(ctx: BotContext): FormatLocale {
  return formatLocale(ctx.t('market-locale'));
}

/** "1.50 USD" or "5.00 USD / 1000" when the price is per more than one unit. */
export function perUnits(ctx: BotContext, price: string, currency: string, priceUnit: bigint): string {
  const text = formatUnitPrice(price, currency, marketLocale(ctx));
  return priceUnit === 1n ? text : ctx.t('market-price-per', { price: text, unit: priceUnit.toString() });
}

export function platformName(ctx: BotContext, platform: LotPlatform): string {
  return ctx.t(`market-platform-${platform.toLowerCase()}`);
}

export function languageName(ctx: BotContext, language: LotLanguage): string {
  return ctx.t(`market-language-${language.toLowerCase()}`);
}

export function sortName(ctx: BotContext, sort: LotSort): string {
  return ctx.t(`market-sort-${sort.replace('_', '-')}`);
}

/** A seller's standing: "★ 4.75 (4 reviews) · 12 sales" or "no reviews yet · 0 sales". */
export function sellerStanding(ctx: BotContext, seller: { rating: number | null; reviews: number; sales: number }): string {
  const locale = marketLocale(ctx);
  const rating =
    seller.rating === null
      ? ctx.t('market-no-reviews')
      : ctx.t('market-rating', { rating: seller.rating.toLocaleString(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }), reviews: seller.reviews });
  return ctx.t('market-standing', { rating, sales: seller.sales });
}

/** Cuts a text to at most `max` UTF-16 units (what Telegram counts), whole characters, with "…". */
export function short(text: string, max = 40): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}
