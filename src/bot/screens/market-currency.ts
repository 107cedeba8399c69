import { InlineKeyboard } from 'grammy';
import { cb } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { mkCb } from '../keyboards/market-buttons.js';
import { buyerCurrency, marketDeps } from './market-common.js';
import { show } from './show.js';

/** Profile → Display currency: the current one and a button per currency the market converts to. */
export async function showCurrencyScreen(ctx: BotContext, notice?: string): Promise<void> {
  const current = buyerCurrency(ctx);
  const keyboard = new InlineKeyboard();
  for (const [i, currency] of marketDeps(ctx).market.currencies.entries()) {
    keyboard.text(currency === current ? `✅ ${currency}` : currency, mkCb.setCurrency.build(currency));
    if (i % 3 === 2) keyboard.row();
  }
  keyboard.row().text(ctx.t('button-back'), cb.profile.build());
  const text = ctx.t('market-currency-screen', { currency: current });
  await show(ctx, notice ? `${notice}\n\n${text}` : text, { reply_markup: keyboard });
}
