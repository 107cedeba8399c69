import { InlineKeyboard } from 'grammy';
import { getLotDetails, type LotDetails } from '../../core/market/get-lot-details.js';
import type { BotContext } from '../context.js';
import { formatInteger, formatMoney } from '../format.js';
import { mkoCb } from '../keyboards/market-order-buttons.js';
import { initialListState, type ListState, listData } from '../keyboards/market-buttons.js';
import { priceWithDisplay, staleButton } from './market-browse.js';
import { buyerCurrency, languageName, marketDeps, marketLocale, platformName, sellerStanding, short } from './market-common.js';
import { show } from './show.js';

/** The lot's shareable deep link: opening it starts the bot on this lot's card. */
export function lotLink(ctx: BotContext, lotId: number): string {
  return `https://t.me/${ctx.me.username}?start=lot_${lotId}`;
}

/**
 * A lot's card: the descriptions, the details, the price in the lot's currency and in the buyer's
 * display currency, the price with the platform's fee, the seller's standing; Buy, Share and Back
 * (to the list it was opened from, or the category's list for a deep link).
 * Returns false (and shows nothing) when the lot is unknown or no longer on sale.
 */
export async function showLotCard(
  ctx: BotContext,
  lotId: number,
  back: ListState | undefined,
  options: { fresh?: boolean } = {},
): Promise<'ok' | 'LOT_NOT_FOUND' | 'LOT_UNAVAILABLE'> {
  const result = await getLotDetails(marketDeps(ctx), { lotId, displayCurrency: buyerCurrency(ctx) });
  if (!result.ok) {
    if (result.code === 'BAD_DISPLAY_CURRENCY') throw new Error('the buyer currency is not one the market offers');
    return result.code;
  }
  const lot = result.value;
  const link = lotLink(ctx, lot.id);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('market-button-buy'), mkoCb.buy.build(lot.id))
    .url(ctx.t('market-button-share'), `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(lot.shortDescription)}`)
    .row()
    .text(ctx.t('button-back'), listData(back ?? initialListState(lot.category.id)));
  await show(ctx, lotCardText(ctx, lot, link), { reply_markup: keyboard }, options);
  return 'ok';
}

/** The lot card for a button press: an unknown or sold-out lot answers as an out-of-date button. */
export async function openLotFromList(ctx: BotContext, lotId: number, back: ListState): Promise<void> {
  const shown = await showLotCard(ctx, lotId, back);
  if (shown === 'LOT_NOT_FOUND') return staleButton(ctx);
  if (shown === 'LOT_UNAVAILABLE') await ctx.answerCallbackQuery({ text: ctx.t('market-lot-unavailable'), show_alert: true });
}

export function lotCardText(ctx: BotContext, lot: LotDetails, link: string): string {
  const locale = marketLocale(ctx);
  const head = [`🏷 ${lot.shortDescription}`, ctx.t('market-list-header', { market: lot.market.title, category: lot.category.name })];
  const parts = [head.join('\n')];

  const details: string[] = lot.fields.map((f) => `${f.label}: ${short(f.value, 100)}`);
  if (lot.platform) details.push(ctx.t('market-lot-platform', { value: platformName(ctx, lot.platform) }));
  if (lot.league) details.push(ctx.t('market-lot-league', { value: lot.league.name }));
  if (lot.characterLevel !== null) details.push(ctx.t('market-lot-level', { value: lot.characterLevel }));
  if (lot.language) details.push(ctx.t('market-lot-language', { value: languageName(ctx, lot.language) }));
  details.push(ctx.t('market-lot-available', { value: formatInteger(lot.quantity, locale) }));
  parts.push(details.join('\n'));

  const price = [ctx.t('market-lot-price', { price: priceWithDisplay(ctx, lot.price, lot.currency, lot.priceUnit, lot.displayPrice, lot.displayCurrency) })];
  if (lot.currency !== lot.displayCurrency && lot.displayPrice === null) {
    price.push(ctx.t('market-lot-conversion-unavailable', { currency: lot.displayCurrency, original: lot.currency }));
  }
  if (lot.withFee) {
    const total = formatMoney(lot.withFee.totalMinor, lot.currency, locale);
    const converted = lot.currency !== lot.displayCurrency && lot.withFeeDisplayMinor !== null ? formatMoney(lot.withFeeDisplayMinor, lot.displayCurrency, locale) : null;
    const withFee = converted ? ctx.t('market-price-converted', { price: total, converted }) : total;
    price.push(
      lot.priceUnit === 1n
        ? ctx.t('market-lot-with-fee', { price: withFee })
        : ctx.t('market-lot-with-fee-units', { price: withFee, unit: formatInteger(lot.priceUnit, locale) }),
    );
  } else {
    price.push(ctx.t('market-lot-fee-unavailable'));
  }
  parts.push(price.join('\n'));
  parts.push(ctx.t('market-lot-seller', { name: lot.seller.name, standing: sellerStanding(ctx, lot.seller) }));
  parts.push(ctx.t('market-lot-link', { link }));
  // Telegram takes 4096 characters a message: the description gets what the rest leaves.
  if (lot.description) {
    const room = MESSAGE_LIMIT - parts.join('\n\n').length - 2;
    if (room > 20) parts.splice(1, 0, short(lot.description, room));
  }
  return parts.join('\n\n');
}

const MESSAGE_LIMIT = 4096;
