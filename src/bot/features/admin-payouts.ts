import { Composer } from 'grammy';
import { createPayouts, type PayoutCreation } from '../../core/payouts/create-payouts.js';
import { type PayoutOverview, payoutOverview } from '../../core/payouts/payout-overview.js';
import { runPayouts } from '../../core/payouts/run-payouts.js';
import { onCallback } from '../callback-data.js';
import type { BotContext, PayoutBotSettings } from '../context.js';
import { formatTokens } from '../format.js';
import { payoutCb } from '../keyboards/payout-buttons.js';
import { chooseUserScreen, openPayoutsScreen, payoutsOffScreen, payoutsScreen, type Screen, skipReasonText } from '../keyboards/payout-screens.js';
import { tellAboutPayouts } from '../payout-notices.js';
import { isAdmin } from '../roles.js';
import { localeOf } from '../screens/sale-screen.js';
import { show } from '../screens/show.js';

/**
 * Admin → Payouts: pay token balances out to the users' confirmed wallets, for everyone ready or
 * for one user; send now; see what is on its way (and what is stuck). Non-admins pressing these
 * buttons are refused by the admin feature (every `adm.` button), before this composer.
 */
export const adminPayoutsFeature = new Composer<BotContext>();
const admins = adminPayoutsFeature.filter((ctx) => ctx.chat?.type === 'private').filter(isAdmin);

const render = (ctx: BotContext, screen: Screen) => show(ctx, screen.text, { reply_markup: screen.keyboard });

/** Runs `then` with the payout settings and the overview; says "off" or "no token" otherwise. */
async function withPayouts(ctx: BotContext, then: (payouts: PayoutBotSettings, overview: PayoutOverview) => Promise<unknown>): Promise<unknown> {
  const payouts = ctx.deps.payouts;
  if (!payouts) return render(ctx, payoutsOffScreen(ctx.t.bind(ctx)));
  const overview = await payoutOverview(payouts.deps);
  if (!overview) return ctx.answerCallbackQuery({ text: ctx.t('payouts-error-token'), show_alert: true });
  return then(payouts, overview);
}

/** The Payouts screen again, freshly counted, headed by `notice`. */
async function payoutsWith(ctx: BotContext, payouts: PayoutBotSettings, notice: string): Promise<unknown> {
  const overview = await payoutOverview(payouts.deps);
  return overview ? render(ctx, payoutsScreen(ctx.t.bind(ctx), overview, notice)) : undefined;
}

function creationNotice(ctx: BotContext, creation: PayoutCreation): string {
  const locale = localeOf(ctx.t.bind(ctx));
  const total = creation.created.reduce((sum, c) => sum + c.amount, 0n);
  const lines = [
    creation.created.length
      ? ctx.t('payouts-created', { count: creation.created.length, total: formatTokens(total, locale), symbol: creation.asset })
      : ctx.t('payouts-created-none'),
  ];
  if (creation.skipped.length) {
    const counts = new Map<string, number>();
    for (const s of creation.skipped) counts.set(skipReasonText(ctx.t.bind(ctx), s.reason), (counts.get(skipReasonText(ctx.t.bind(ctx), s.reason)) ?? 0) + 1);
    const reasons = [...counts].map(([reason, count]) => `${reason} (${count})`).join(', ');
    lines.push(ctx.t('payouts-skipped', { count: creation.skipped.length, reasons }));
  }
  return lines.join('\n');
}

onCallback(admins, payoutCb.screen, (ctx) => withPayouts(ctx, (_payouts, overview) => render(ctx, payoutsScreen(ctx.t.bind(ctx), overview))));

onCallback(admins, payoutCb.users, (ctx) => withPayouts(ctx, (_payouts, overview) => render(ctx, chooseUserScreen(ctx.t.bind(ctx), overview))));

onCallback(admins, payoutCb.open, (ctx) => withPayouts(ctx, (_payouts, overview) => render(ctx, openPayoutsScreen(ctx.t.bind(ctx), overview))));

async function create(ctx: BotContext, userId?: number): Promise<unknown> {
  return withPayouts(ctx, async (payouts) => {
    const created = await createPayouts(payouts.deps, { ...(userId === undefined ? {} : { userId }), ...(ctx.account ? { createdById: ctx.account.id } : {}) });
    if (!created.ok) {
      return ctx.answerCallbackQuery({ text: ctx.t(created.code === 'USER_NOT_FOUND' ? 'payouts-error-user' : 'payouts-error-token'), show_alert: true });
    }
    return payoutsWith(ctx, payouts, creationNotice(ctx, created.value));
  });
}

onCallback(admins, payoutCb.all, (ctx) => create(ctx));
onCallback(admins, payoutCb.one, (ctx, userId) => create(ctx, userId));

onCallback(admins, payoutCb.run, (ctx) =>
  withPayouts(ctx, async (payouts) => {
    // The chain may take a while: the button is answered first, so Telegram does not show a spinner for long.
    await ctx.answerCallbackQuery();
    let notice: string;
    try {
      const report = await runPayouts(payouts.deps, { signPending: true });
      notice = ctx.t('payouts-ran', {
        sent: report.sent.length,
        signed: report.signed.length,
        confirmed: report.confirmed.length,
        failed: report.failed.length,
        stuck: report.stuck.length,
        waiting: report.waiting,
      });
      await tellAboutPayouts(ctx.api, { ...ctx.deps, payouts }, report);
    } catch (error) {
      ctx.log.error({ err: error }, 'payout run failed');
      notice = ctx.t('payouts-run-failed');
    }
    return payoutsWith(ctx, payouts, notice);
  }),
);
