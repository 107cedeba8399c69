import { Composer, type Middleware } from 'grammy';
import { deleteLot } from '../../core/market/lots/delete-lot.js';
import { sellerLot, sellerLots, sellerSales } from '../../core/market/lots/seller-lots.js';
import { setLotActive } from '../../core/market/lots/set-lot-active.js';
import { sellerProfile } from '../../core/market/sellers/seller-queries.js';
import { sellerProceeds, sellerWithdrawals } from '../../core/market/withdrawals/seller-proceeds.js';
import { onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { LOT_CREATE, lotCreateConversations } from '../conversations/lot-create.js';
import { LOT_EDIT, lotEditConversations } from '../conversations/lot-edit.js';
import { WITHDRAW, withdrawConversations } from '../conversations/lot-withdrawal.js';
import { SELLER_APPLY, sellerApplyConversations } from '../conversations/seller-apply.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import {
  deleteQuestion,
  lotScreen,
  lotsScreen,
  proceedsScreen,
  salesScreen,
  type Screen,
  sellErrorText,
  sellHome,
} from '../keyboards/selling-screens.js';
import { show } from '../screens/show.js';

/**
 * The seller's side of the market: the Sell entry (apply, or the seller's menu), My lots with
 * create / edit / pause / resume / delete, My sales (each opens the order screen), proceeds per
 * currency and withdrawal requests. Everything but applying is for approved sellers only.
 */
export const sellingFeature = new Composer<BotContext>();
const chat = sellingFeature.filter((ctx) => ctx.chat?.type === 'private' && ctx.account !== undefined);

const render = (ctx: BotContext, screen: Screen, fresh = false) => show(ctx, screen.text, { reply_markup: screen.keyboard }, { fresh });
const accountId = (ctx: BotContext) => ctx.account!.id;

async function home(ctx: BotContext, notice?: string): Promise<void> {
  await render(ctx, sellHome(ctx, await sellerProfile(ctx.deps.core.db, accountId(ctx)), notice));
}

onCallback(chat, sellCb.home, (ctx) => home(ctx));
chat.command('sell', async (ctx) => render(ctx, sellHome(ctx, await sellerProfile(ctx.deps.core.db, accountId(ctx))), true));

// Asks "about you" first, unless there is nothing to apply for (the core checks again at the write).
onCallback(chat, sellCb.apply, async (ctx) => {
  const profile = await sellerProfile(ctx.deps.core.db, accountId(ctx));
  if (profile?.status === 'APPLIED' || profile?.status === 'APPROVED') {
    return home(ctx, `⚠️ ${sellErrorText(ctx, profile.status === 'APPROVED' ? 'ALREADY_SELLER' : 'ALREADY_APPLIED')}`);
  }
  await enter(ctx, SELLER_APPLY);
});

/** Runs `then` for approved sellers; anyone else sees the Sell entry (apply or wait) instead. */
async function asSeller(ctx: BotContext, then: (sellerId: number) => Promise<unknown>): Promise<unknown> {
  const profile = await sellerProfile(ctx.deps.core.db, accountId(ctx));
  if (profile?.status !== 'APPROVED') {
    await ctx.answerCallbackQuery({ text: ctx.t('sell-error-not-a-seller'), show_alert: true });
    return render(ctx, sellHome(ctx, profile));
  }
  return then(profile.userId);
}

async function enter(ctx: BotContext, id: string, ...args: unknown[]): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(id, ...args);
}

async function showLot(ctx: BotContext, sellerId: number, lotId: number, notice?: string): Promise<unknown> {
  const lot = await sellerLot(ctx.deps.core.db, sellerId, lotId);
  if (!lot) return render(ctx, lotsScreen(ctx, 1, await sellerLots(ctx.deps.core.db, sellerId, 1)));
  return render(ctx, lotScreen(ctx, lot, notice));
}

onCallback(chat, sellCb.lots, (ctx, page) =>
  asSeller(ctx, async (sellerId) => {
    const list = await sellerLots(ctx.deps.core.db, sellerId, page);
    return render(ctx, lotsScreen(ctx, Math.min(page, list.pages), page > list.pages ? await sellerLots(ctx.deps.core.db, sellerId, list.pages) : list));
  }),
);
onCallback(chat, sellCb.lot, (ctx, lotId) => asSeller(ctx, (sellerId) => showLot(ctx, sellerId, lotId)));
onCallback(chat, sellCb.newLot, (ctx) => asSeller(ctx, () => enter(ctx, LOT_CREATE)));
onCallback(chat, sellCb.edit, (ctx, lotId, field) =>
  asSeller(ctx, async (sellerId) => {
    const lot = await sellerLot(ctx.deps.core.db, sellerId, lotId);
    if (!lot) return showLot(ctx, sellerId, lotId);
    return enter(ctx, LOT_EDIT, lotId, field);
  }),
);

for (const [kind, active] of [
  [sellCb.pause, false],
  [sellCb.resume, true],
] as const) {
  onCallback(chat, kind, (ctx, lotId) =>
    asSeller(ctx, async (sellerId) => {
      const result = await setLotActive(ctx.deps.core, { sellerId, lotId, active });
      if (!result.ok) await ctx.answerCallbackQuery({ text: sellErrorText(ctx, result.code), show_alert: true });
      else await ctx.answerCallbackQuery({ text: ctx.t(active ? 'sell-lot-resumed' : 'sell-lot-paused-now') });
      return showLot(ctx, sellerId, lotId);
    }),
  );
}

onCallback(chat, sellCb.remove, (ctx, lotId) =>
  asSeller(ctx, async (sellerId) => {
    const lot = await sellerLot(ctx.deps.core.db, sellerId, lotId);
    if (!lot) return showLot(ctx, sellerId, lotId);
    return render(ctx, deleteQuestion(ctx, lotId, lot.shortDescription));
  }),
);
onCallback(chat, sellCb.removeConfirmed, (ctx, lotId) =>
  asSeller(ctx, async (sellerId) => {
    const result = await deleteLot(ctx.deps.core, { sellerId, lotId });
    if (!result.ok) return showLot(ctx, sellerId, lotId, `⚠️ ${sellErrorText(ctx, result.code)}`);
    const list = await sellerLots(ctx.deps.core.db, sellerId, 1);
    const screen = lotsScreen(ctx, 1, list);
    return render(ctx, { ...screen, text: `${ctx.t('sell-lot-deleted')}\n\n${screen.text}` });
  }),
);

onCallback(chat, sellCb.sales, (ctx, page) =>
  asSeller(ctx, async (sellerId) => render(ctx, salesScreen(ctx, page, await sellerSales(ctx.deps.core.db, sellerId, page)))),
);

onCallback(chat, sellCb.proceeds, (ctx) =>
  asSeller(ctx, async (sellerId) => {
    const [proceeds, withdrawals] = await Promise.all([sellerProceeds(ctx.deps.core.db, sellerId), sellerWithdrawals(ctx.deps.core.db, sellerId)]);
    return render(ctx, proceedsScreen(ctx, proceeds, withdrawals));
  }),
);
onCallback(chat, sellCb.withdraw, (ctx, currency) =>
  asSeller(ctx, async (sellerId) => {
    const proceeds = await sellerProceeds(ctx.deps.core.db, sellerId);
    const available = proceeds.find((p) => p.currency === currency)?.availableMinor ?? 0n;
    if (available <= 0n) {
      const withdrawals = await sellerWithdrawals(ctx.deps.core.db, sellerId);
      return render(ctx, proceedsScreen(ctx, proceeds, withdrawals, `⚠️ ${ctx.t('sell-error-insufficient-proceeds')}`));
    }
    return enter(ctx, WITHDRAW, currency);
  }),
);

/** The conversations this feature registers, installed before any feature. */
export function sellingConversations(): Middleware<BotContext>[] {
  return [...sellerApplyConversations(), ...lotCreateConversations(), ...lotEditConversations(), ...withdrawConversations()];
}
