import { I18n } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { AppFlavor } from './context.js';

export const LOCALES_DIR = new URL('./locales', import.meta.url).pathname;

/**
 * Fluent translations from src/bot/locales/<lang>/*.ftl (one file per feature). The language is
 * the user's own (set from Telegram's language_code at the first start, changeable in Profile).
 */
export function createI18n<C extends Context & AppFlavor>(): I18n<C> {
  return new I18n<C>({
    defaultLocale: 'en',
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.account?.language ?? (ctx.from?.language_code?.startsWith('ru') ? 'ru' : 'en'),
  });
}
