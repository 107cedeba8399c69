import { Composer, InputFile, type Middleware } from 'grammy';
import { canEnterReferralCode } from '../../core/referrals/can-enter-referral-code.js';
import { type ReferralProgram, referralProgram } from '../../core/referrals/referral-program.js';
import { type RewardHistory, rewardHistory } from '../../core/referrals/reward-history.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { REFERRAL_CODE_CONVERSATION, referralCodeConversations } from '../conversations/referral-code.js';
import { referralProgramKeyboard, refCb, rewardHistoryKeyboard } from '../keyboards/referral-keyboards.js';
import { qrCodePng } from '../qr.js';
import { show } from '../screens/show.js';

/**
 * The referral program: the user's invite link (share it, or show it as a QR code), the reward
 * percents per level, how their referral tree buys and what it earned them, the rewards history,
 * and "I have a code" for users who came without an invite link.
 */
export const referralsFeature = new Composer<BotContext>();

onCallback(referralsFeature, cb.referrals, (ctx) => showProgram(ctx));
referralsFeature.chatType('private').command('invite', (ctx) => showProgram(ctx, { fresh: true }));

onCallback(referralsFeature, refCb.qr, async (ctx) => {
  const link = inviteLink(ctx, account(ctx).referralCode);
  await ctx.replyWithPhoto(new InputFile(await qrCodePng(link), 'invite.png'), { caption: ctx.t('referrals-qr-caption', { link }) });
});

onCallback(referralsFeature, refCb.history, async (ctx, page) => {
  const history = await rewardHistory(ctx.deps.core, { userId: account(ctx).id, tokenId: ctx.deps.tokenId, page });
  if (!history.ok) throw new Error(`rewards history: ${history.code}`);
  const { rewards } = history.value;
  await show(ctx, await historyText(ctx, history.value), { reply_markup: rewardHistoryKeyboard(ctx, rewards.page, rewards.pages) });
});

onCallback(referralsFeature, refCb.enterCode, async (ctx) => {
  // The button may be from before the user got a referrer or ordered: then it is gone for good.
  if (!(await canEnterReferralCode(ctx.deps.core.db, account(ctx).id))) {
    await ctx.answerCallbackQuery({ text: ctx.t('referrals-code-unavailable'), show_alert: true });
    await showProgram(ctx);
    return;
  }
  await ctx.conversation.enter(REFERRAL_CODE_CONVERSATION);
});

// Cancel leaves the code conversation (it lets every button through) and lands back here.
onCallback(referralsFeature, refCb.cancelCode, async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t('referrals-code-cancelled') });
  await showProgram(ctx);
});

/** The conversations this feature registers (createConversation), installed before any feature. */
export function referralsConversations(): Middleware<BotContext>[] {
  return referralCodeConversations();
}

async function showProgram(ctx: BotContext, options: { fresh?: boolean } = {}): Promise<void> {
  const program = await referralProgram(ctx.deps.core, { userId: account(ctx).id, tokenId: ctx.deps.tokenId });
  // Both failures mean a broken set-up (no such user or token), not something the user did.
  if (!program.ok) throw new Error(`referral program: ${program.code}`);
  const link = inviteLink(ctx, program.value.referralCode);
  const keyboard = referralProgramKeyboard(ctx, { link, codeEntryOffered: program.value.codeEntryOffered });
  await show(ctx, await programText(ctx, program.value, link), { reply_markup: keyboard }, options);
}

async function programText(ctx: BotContext, program: ReferralProgram, link: string): Promise<string> {
  const locale = await ctx.i18n.getLocale();
  const { symbol } = program;
  const lines = [ctx.t('referrals-intro', { link }), '', ctx.t('referrals-percents-title')];
  program.percents.forEach((percent, index) => {
    const level = index + 1;
    lines.push(
      percent === null
        ? ctx.t('referrals-percent-paused', { level })
        : ctx.t('referrals-percent-line', { level, percent: formatPercent(percent, locale) }),
    );
  });
  lines.push('', ctx.t('referrals-stats-title'));
  for (const level of program.levels) {
    lines.push(
      level.people === 0
        ? ctx.t('referrals-stats-empty', { level: level.level })
        : ctx.t('referrals-stats-line', {
            level: level.level,
            people: level.people,
            buyers: level.buyers,
            purchased: formatAmount(level.purchased, locale),
            rewards: formatAmount(level.rewards, locale),
            symbol,
          }),
    );
  }
  lines.push('', ctx.t('referrals-total', { total: formatAmount(program.totalRewards, locale), symbol }));
  return lines.join('\n');
}

async function historyText(ctx: BotContext, history: RewardHistory): Promise<string> {
  const { rewards, symbol } = history;
  if (rewards.total === 0) return ctx.t('referrals-history-empty');
  const locale = await ctx.i18n.getLocale();
  const lines = [ctx.t('referrals-history-title', { page: rewards.page, pages: rewards.pages }), ''];
  for (const reward of rewards.items) {
    lines.push(
      ctx.t('referrals-history-line', {
        date: formatDate(reward.createdAt, locale),
        amount: formatAmount(reward.amount, locale),
        symbol,
        level: reward.level,
        name: reward.fromName,
        status: reward.status,
      }),
    );
  }
  return lines.join('\n');
}

/** The start link that makes whoever opens it the user's referral (DESIGN: referral deep links). */
function inviteLink(ctx: BotContext, referralCode: string): string {
  return `https://t.me/${ctx.me.username}?start=${referralCode}`;
}

function account(ctx: BotContext): NonNullable<BotContext['account']> {
  // Every update from a person registers them before any feature runs.
  if (!ctx.account) throw new Error('a referral screen without a registered sender');
  return ctx.account;
}

// Small display helpers, local to this feature on purpose (see the issue note).

/** Whole token amounts with the locale's grouping: 12,500 / 12 500. */
function formatAmount(amount: bigint, locale: string): string {
  return new Intl.NumberFormat(locale).format(amount);
}

/** A stored percent ("2.5") the locale's way ("2.5" / "2,5"); two decimals at most, as stored. */
function formatPercent(percent: string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(percent));
}

/** The day a reward was booked. Users' time zones are unknown, so the day is UTC's. */
function formatDate(date: Date, locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    locale === 'ru' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone: 'UTC' }).format(date);
}
