import type { Api, InlineKeyboard } from 'grammy';
import { type OrderNotice, orderNotice } from '../core/tokens/order-notice.js';
import { pickLanguage } from '../core/users/language.js';
import type { BotDeps } from './context.js';
import { formatMoney, type Translate } from './format.js';
import { createI18n } from './i18n.js';
import { buyAgainKeyboard } from './keyboards/buy-buttons.js';
import { localeOf, tokensText } from './screens/sale-screen.js';

/** What became of a notice: sent, nothing to say for this status (or no such order), or Telegram refused. */
export type NoticeOutcome = 'sent' | 'skipped' | 'failed';

// The translations are static files: loaded once, on the first notice, for every bot instance.
let translations: ReturnType<typeof createI18n> | undefined;
/** Texts in a user's language for messages sent outside an update (no ctx.t there). */
export function translatorFor(language: string): Translate {
  translations ??= createI18n();
  const i18n = translations;
  const locale = pickLanguage(language);
  return (key, variables) => i18n.t(locale, key, variables);
}

/**
 * Tells the buyer, in their language, what happened to their order: the reservation expired
 * (with a button to buy again), the payment was confirmed (tokens credited, new balance), the
 * order was cancelled, or a late payment must be refunded. Called after the change is committed
 * (the reservation sweep, payment webhooks). A Telegram failure (the buyer blocked the bot, a
 * network error) is logged and reported as 'failed', never thrown: one unreachable buyer must not
 * stop a sweep. Database failures do throw, as everywhere.
 */
export async function notifyOrderStatus(api: Api, deps: Pick<BotDeps, 'core' | 'logger'>, input: { orderId: number }): Promise<NoticeOutcome> {
  const notice = await orderNotice(deps.core.db, input.orderId);
  if (!notice) {
    deps.logger.warn({ orderId: input.orderId }, 'order notice: no such order');
    return 'skipped';
  }
  const message = noticeMessage(translatorFor(notice.buyer.language), notice);
  if (!message) return 'skipped';
  try {
    await api.sendMessage(Number(notice.buyer.telegramId), message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
    return 'sent';
  } catch (error) {
    deps.logger.warn({ err: error, orderId: notice.orderId, userId: notice.buyer.userId }, 'could not send the order notice');
    return 'failed';
  }
}

/** The message for the order's current status, or nothing for a status the buyer caused (PENDING). */
export function noticeMessage(t: Translate, notice: OrderNotice): { text: string; keyboard?: InlineKeyboard } | undefined {
  const locale = localeOf(t);
  const order = String(notice.orderId);
  const tokens = tokensText(t, notice.amount, locale);
  const total = formatMoney(notice.priceMinor, notice.currency, locale);
  switch (notice.status) {
    case 'EXPIRED':
      return { text: t('buy-notice-expired', { order, tokens }), keyboard: buyAgainKeyboard(t) };
    case 'PAID':
      return { text: t('buy-notice-paid', { order, tokens, balance: tokensText(t, notice.balance, locale) }) };
    case 'CANCELLED':
      return { text: t('buy-notice-cancelled', { order, tokens }) };
    case 'REFUND_REQUIRED':
      return { text: t('buy-notice-refund-required', { order, total }) };
    case 'REFUNDED':
      return { text: t('buy-notice-refunded', { order, total }) };
    case 'PENDING':
      return undefined;
  }
}

/**
 * Tells every admin (ADMIN_TELEGRAM_IDS and the ADMIN role) that a payment is on hold: it was paid,
 * but not the amount or currency asked, so nothing was credited and someone must decide.
 */
export async function notifyAdmins(
  api: Api,
  deps: Pick<BotDeps, 'core' | 'logger' | 'adminIds'>,
  held: { paymentId?: number; orderId?: number; lotOrderId?: number; holdReason?: string },
): Promise<void> {
  const admins = await deps.core.db.user.findMany({ where: { roles: { has: 'ADMIN' } }, select: { telegramId: true, language: true } });
  const recipients = new Map<bigint, string>(deps.adminIds.map((id) => [id, 'en']));
  for (const admin of admins) recipients.set(admin.telegramId, admin.language);
  for (const [telegramId, language] of recipients) {
    const t = translatorFor(language);
    const text = t('notice-payment-on-hold', { payment: String(held.paymentId ?? '?'), order: String(held.orderId ?? held.lotOrderId ?? '?'), reason: held.holdReason ?? '' });
    await api.sendMessage(Number(telegramId), text).catch((error) => deps.logger.warn({ err: error, telegramId: String(telegramId) }, 'could not tell an admin'));
  }
}
