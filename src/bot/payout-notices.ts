import { type Api, InlineKeyboard } from 'grammy';
import type { FailedPayout, PayoutOutcome } from '../core/payouts/payout-outcome.js';
import type { BotDeps, PayoutBotSettings } from './context.js';
import { formatLocale, formatTokens } from './format.js';
import { failReasonText } from './keyboards/payout-screens.js';
import { translatorFor } from './notifications.js';

export interface PayoutNews {
  confirmed: PayoutOutcome[];
  failed: FailedPayout[];
  stuck: PayoutOutcome[];
}

type NoticeDeps = Pick<BotDeps, 'core' | 'logger' | 'adminIds'> & { payouts: PayoutBotSettings };

/** The explorer page of a transaction, from the ETH_EXPLORER_TX_URL template. */
export function explorerLink(template: string | undefined, hash: string): string | undefined {
  return template?.replaceAll('{hash}', hash);
}

/**
 * After a payout run has committed: each user whose payout was confirmed hears it in their
 * language, with the explorer link; the admins hear about failed and stuck payouts. A Telegram
 * failure is logged, never thrown: one blocked chat must not stop the others.
 */
export async function tellAboutPayouts(api: Api, deps: NoticeDeps, news: PayoutNews): Promise<void> {
  for (const payout of news.confirmed) await tellUser(api, deps, payout);
  if (news.failed.length === 0 && news.stuck.length === 0) return;
  const admins = await deps.core.db.user.findMany({ where: { roles: { has: 'ADMIN' } }, select: { telegramId: true, language: true } });
  const recipients = new Map<bigint, string>(deps.adminIds.map((id) => [id, 'en']));
  for (const admin of admins) recipients.set(admin.telegramId, admin.language);
  const stuckMinutes = Math.round(deps.payouts.deps.payouts.stuckAfterMs / 60_000);
  for (const [telegramId, language] of recipients) {
    const t = translatorFor(language);
    const locale = formatLocale(language);
    const common = (p: PayoutOutcome) => ({ id: String(p.payoutId), amount: formatTokens(p.amount, locale), symbol: p.asset, address: p.toAddress, hash: p.txHash ?? '—' });
    const texts = [
      ...news.failed.map((p) => t('payout-admin-failed', { ...common(p), reason: failReasonText(t, p.reason) })),
      ...news.stuck.map((p) => t('payout-admin-stuck', { ...common(p), minutes: stuckMinutes })),
    ];
    for (const text of texts) {
      await api.sendMessage(Number(telegramId), text).catch((error) => deps.logger.warn({ err: error, telegramId: String(telegramId) }, 'could not tell an admin about a payout'));
    }
  }
}

async function tellUser(api: Api, deps: NoticeDeps, payout: PayoutOutcome): Promise<void> {
  const user = await deps.core.db.user.findUnique({ where: { id: payout.userId }, select: { telegramId: true, language: true } });
  if (!user || !payout.txHash) return;
  const t = translatorFor(user.language);
  const link = explorerLink(deps.payouts.explorerTxUrl, payout.txHash);
  const text = t('payout-notice-confirmed', {
    amount: formatTokens(payout.amount, formatLocale(user.language)),
    symbol: payout.asset,
    address: payout.toAddress,
    link: link ?? payout.txHash,
  });
  const keyboard = link ? new InlineKeyboard().url(t('payout-notice-button'), link) : undefined;
  try {
    await api.sendMessage(Number(user.telegramId), text, { link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (error) {
    deps.logger.warn({ err: error, payoutId: payout.payoutId, userId: payout.userId }, 'could not send the payout notice');
  }
}
