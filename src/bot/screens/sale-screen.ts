import type { Context, InlineKeyboard } from 'grammy';
import type { AppFlavor } from '../context.js';
import { show } from './show.js';
import { type FormatLocale, formatLocale, formatTokens, type Translate } from '../format.js';

/** A rendered screen of the sale: what to say and the buttons under it. */
export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

/** Shows a sale screen: edits the pressed message or sends a new one (screens/show.ts). */
export function present(ctx: Context & AppFlavor, screen: Screen): Promise<void> {
  return show(ctx, screen.text, { reply_markup: screen.keyboard });
}

/** The locale the translations are in, so numbers and dates match the language of the words. */
export function localeOf(t: Translate): FormatLocale {
  return formatLocale(t('buy-locale'));
}

/** "1,000 tokens" / "1 000 токенов", with the plural the language needs. */
export function tokensText(t: Translate, amount: bigint, locale: FormatLocale = localeOf(t)): string {
  return t('buy-tokens', { count: Number(amount), amount: formatTokens(amount, locale) });
}
