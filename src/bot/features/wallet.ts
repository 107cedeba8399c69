import { type Api, Composer, InlineKeyboard, type Middleware } from 'grammy';
import { z } from 'zod';
import type { CoreDeps } from '../../core/deps.js';
import { issueWalletLink } from '../../core/wallets/issue-wallet-link.js';
import type { LinkedWalletResult } from '../../core/wallets/link-wallet.js';
import { type LinkedWallet, linkedWallet } from '../../core/wallets/linked-wallet.js';
import { unlinkWallet } from '../../core/wallets/unlink-wallet.js';
import { pickLanguage } from '../../core/users/language.js';
import { cb, defineCallback, idArg, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { formatDate, formatLocale, type Translate } from '../format.js';
import { createI18n } from '../i18n.js';
import { show } from '../screens/show.js';

/** The wallet's buttons: Unlink asks first; the answer names the wallet, so an old button cannot unlink a newer one. */
export const walletCb = {
  unlink: defineCallback('wal.unl', z.tuple([idArg])),
  unlinkConfirmed: defineCallback('wal.unl.ok', z.tuple([idArg])),
};

/**
 * The Wallet entry of the menu: the linked wallet with Unlink, or a one-time link to the wallet
 * page (MetaMask, Sign-In with Ethereum) as a URL button, and as a Mini App button when the page
 * is served over https (Telegram opens only https Mini Apps).
 */
export const walletFeature = new Composer<BotContext>();

onCallback(walletFeature, cb.wallet, (ctx) => showWallet(ctx));

onCallback(walletFeature, walletCb.unlink, async (ctx, walletId) => {
  const wallet = await linkedWallet(ctx.deps.core.db, account(ctx).id);
  if (!wallet || wallet.id !== walletId) return showWallet(ctx);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('wallet-button-unlink-confirm'), walletCb.unlinkConfirmed.build(wallet.id))
    .text(ctx.t('button-cancel'), cb.wallet.build());
  await show(ctx, ctx.t('wallet-unlink-confirm', { address: wallet.address }), { reply_markup: keyboard, parse_mode: 'HTML' });
});

onCallback(walletFeature, walletCb.unlinkConfirmed, async (ctx, walletId) => {
  const unlinked = await unlinkWallet(ctx.deps.core, { userId: account(ctx).id, walletId });
  if (unlinked.ok) await ctx.answerCallbackQuery({ text: ctx.t('wallet-unlinked', { address: unlinked.value.address }) });
  else await ctx.answerCallbackQuery({ text: ctx.t('wallet-unlink-gone') });
  await showWallet(ctx);
});

/** The conversations this feature registers (createConversation), installed before any feature. */
export function walletConversations(): Middleware<BotContext>[] {
  return [];
}

async function showWallet(ctx: BotContext): Promise<void> {
  const user = account(ctx);
  const wallet = await linkedWallet(ctx.deps.core.db, user.id);
  if (wallet) {
    const keyboard = new InlineKeyboard().text(ctx.t('wallet-button-unlink'), walletCb.unlink.build(wallet.id)).row().text(ctx.t('menu-back'), cb.menu.build());
    await show(ctx, linkedText(ctx.t.bind(ctx), wallet, formatLocale(user.language)), { reply_markup: keyboard, parse_mode: 'HTML' });
    return;
  }
  const publicUrl = ctx.deps.wallet?.publicUrl;
  if (!publicUrl) {
    await show(ctx, ctx.t('wallet-needs-public-url'), { reply_markup: new InlineKeyboard().text(ctx.t('menu-back'), cb.menu.build()) });
    return;
  }
  const link = await issueWalletLink(ctx.deps.core, { userId: user.id, ttlMs: ctx.deps.wallet?.linkTtlMs });
  const url = walletPageUrl(publicUrl, link.token);
  const keyboard = new InlineKeyboard().url(ctx.t('wallet-button-link'), url).row();
  if (url.startsWith('https://')) keyboard.webApp(ctx.t('wallet-button-mini-app'), url).row();
  keyboard.text(ctx.t('menu-back'), cb.menu.build());
  const minutes = Math.round((link.expiresAt.getTime() - ctx.deps.core.clock.now().getTime()) / 60_000);
  await show(ctx, ctx.t('wallet-link-intro', { minutes }), { reply_markup: keyboard });
}

/** `${PUBLIC_URL}/wallet?link=<token>`, whether PUBLIC_URL ends with a slash or not. */
export function walletPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/wallet?link=${encodeURIComponent(token)}`;
}

function linkedText(t: Translate, wallet: LinkedWallet, locale: 'en' | 'ru'): string {
  return t('wallet-linked', {
    address: wallet.address,
    date: formatDate(wallet.linkedAt, locale),
    kind: t(wallet.kind === 'CONTRACT' ? 'wallet-kind-contract' : 'wallet-kind-eoa'),
  });
}

function account(ctx: BotContext): NonNullable<BotContext['account']> {
  // Every update from a person registers them before any feature runs.
  if (!ctx.account) throw new Error('a wallet screen without a registered sender');
  return ctx.account;
}

// Static translations for messages sent outside an update: loaded once, on the first notice.
let translations: ReturnType<typeof createI18n> | undefined;

/**
 * Tells the user, in their language, that the wallet page linked their wallet: what the API calls
 * (its `onLinked`) once the link is committed. A Telegram failure (the user blocked the bot) is
 * logged and reported as false, never thrown: the wallet is linked either way.
 */
export async function notifyWalletLinked(
  api: Pick<Api, 'sendMessage'>,
  deps: { core: Pick<CoreDeps, 'db'>; logger: Pick<CoreDeps['logger'], 'warn'> },
  linked: Pick<LinkedWalletResult, 'userId' | 'address' | 'replaced'>,
): Promise<boolean> {
  const user = await deps.core.db.user.findUnique({ where: { id: linked.userId }, select: { telegramId: true, language: true } });
  if (!user) return false;
  translations ??= createI18n();
  const i18n = translations;
  const locale = pickLanguage(user.language);
  const t: Translate = (key, variables) => i18n.t(locale, key, variables);
  const text = linked.replaced
    ? t('wallet-notice-replaced', { address: linked.address, previous: linked.replaced })
    : t('wallet-notice-linked', { address: linked.address });
  const keyboard = new InlineKeyboard().text(t('menu-wallet'), cb.wallet.build());
  try {
    await api.sendMessage(Number(user.telegramId), text, { parse_mode: 'HTML', reply_markup: keyboard });
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, userId: linked.userId }, 'could not tell the user their wallet was linked');
    return false;
  }
}
