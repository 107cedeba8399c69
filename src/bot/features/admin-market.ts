import { Composer } from 'grammy';
import { adminCategory, adminLeague, adminMarket, adminMarkets } from '../../core/market/admin/admin-catalog.js';
import { setCategoryArchived } from '../../core/market/admin/archive-category.js';
import { setLeagueArchived } from '../../core/market/admin/archive-league.js';
import { setMarketArchived } from '../../core/market/admin/archive-market.js';
import { deleteCategory } from '../../core/market/admin/delete-category.js';
import { deleteLeague } from '../../core/market/admin/delete-league.js';
import { deleteMarket } from '../../core/market/admin/delete-market.js';
import { removeFeeRule } from '../../core/market/admin/remove-fee-rule.js';
import { decideSellerApplication } from '../../core/market/sellers/decide-seller-application.js';
import { pendingApplications } from '../../core/market/sellers/seller-queries.js';
import { pendingWithdrawals } from '../../core/market/withdrawals/seller-proceeds.js';
import { onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { CATEGORY_NEW, CATEGORY_RENAME, FEE_SET, LEAGUE_NEW, LEAGUE_RENAME, MARKET_EDIT, MARKET_NEW, SELLER_REJECT, WITHDRAWAL_DECIDE } from '../conversations/market-admin-forms.js';
import { marketAdminCb } from '../keyboards/selling-buttons.js';
import {
  applicationsScreen,
  categoryScreen,
  deleteMarketQuestion,
  leagueScreen,
  leaguesScreen,
  marketAdminHome,
  marketScreen,
  marketsScreen,
  withdrawalsScreen,
} from '../keyboards/selling-admin-screens.js';
import { type Screen, sellErrorText } from '../keyboards/selling-screens.js';
import { tellUser } from '../notifications-market.js';
import { isAdmin } from '../roles.js';
import { show } from '../screens/show.js';

/**
 * The admin's market area (/admin → Market): markets (create, edit, archive, delete when nothing
 * depends on it), their categories, leagues and fee rules, seller applications and withdrawal
 * requests. Admins only; everyone else's `adm.*` presses are refused by the admin feature, and
 * again here.
 */
export const adminMarketFeature = new Composer<BotContext>();
const privateChat = adminMarketFeature.filter((ctx) => ctx.chat?.type === 'private');
privateChat.drop(isAdmin).callbackQuery(/^adm\.mk(?:[.:]|$)/, (ctx) => ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true }));
const admins = privateChat.filter(isAdmin);

const render = (ctx: BotContext, screen: Screen) => show(ctx, screen.text, { reply_markup: screen.keyboard });
const db = (ctx: BotContext) => ctx.deps.core.db;
const problem = (ctx: BotContext, code: string) => `⚠️ ${sellErrorText(ctx, code)}`;

async function enter(ctx: BotContext, id: string, ...args: unknown[]): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(id, ...args);
}

async function showMarket(ctx: BotContext, marketId: number, notice?: string): Promise<unknown> {
  const market = await adminMarket(db(ctx), marketId);
  if (!market) return render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)), problem(ctx, 'MARKET_NOT_FOUND')));
  return render(ctx, marketScreen(ctx, market, notice));
}

onCallback(admins, marketAdminCb.home, (ctx) => render(ctx, marketAdminHome(ctx)));
onCallback(admins, marketAdminCb.markets, async (ctx) => render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)))));
onCallback(admins, marketAdminCb.market, (ctx, marketId) => showMarket(ctx, marketId));
onCallback(admins, marketAdminCb.newMarket, (ctx) => enter(ctx, MARKET_NEW));
onCallback(admins, marketAdminCb.edit, async (ctx, marketId, field) =>
  (await adminMarket(db(ctx), marketId)) ? enter(ctx, MARKET_EDIT, marketId, field) : showMarket(ctx, marketId),
);
onCallback(admins, marketAdminCb.archive, async (ctx, marketId, state) => {
  const result = await setMarketArchived(ctx.deps.core, { marketId, archived: state === 'on' });
  return showMarket(ctx, marketId, result.ok ? ctx.t(state === 'on' ? 'mka-archived' : 'mka-unarchived') : problem(ctx, result.code));
});
onCallback(admins, marketAdminCb.remove, async (ctx, marketId) => {
  const market = await adminMarket(db(ctx), marketId);
  if (!market) return showMarket(ctx, marketId);
  // Refused before the question when lots depend on it; the core checks again at the delete.
  if (market.lots > 0) return render(ctx, marketScreen(ctx, market, problem(ctx, 'MARKET_IN_USE')));
  return render(ctx, deleteMarketQuestion(ctx, market));
});
onCallback(admins, marketAdminCb.removeConfirmed, async (ctx, marketId) => {
  const result = await deleteMarket(ctx.deps.core, { marketId });
  if (!result.ok) return showMarket(ctx, marketId, problem(ctx, result.code));
  return render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)), ctx.t('mka-market-deleted')));
});

async function showCategory(ctx: BotContext, categoryId: number, notice?: string): Promise<unknown> {
  const category = await adminCategory(db(ctx), categoryId);
  if (!category) return render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)), problem(ctx, 'CATEGORY_NOT_FOUND')));
  return render(ctx, categoryScreen(ctx, category, notice));
}
onCallback(admins, marketAdminCb.category, (ctx, categoryId) => showCategory(ctx, categoryId));
onCallback(admins, marketAdminCb.newCategory, async (ctx, marketId) =>
  (await adminMarket(db(ctx), marketId)) ? enter(ctx, CATEGORY_NEW, marketId) : showMarket(ctx, marketId),
);
onCallback(admins, marketAdminCb.removeCategory, async (ctx, categoryId) => {
  const result = await deleteCategory(ctx.deps.core, { categoryId });
  if (!result.ok) return showCategory(ctx, categoryId, problem(ctx, result.code));
  return showMarket(ctx, result.value.marketId, ctx.t('mka-category-deleted'));
});
onCallback(admins, marketAdminCb.renameCategory, async (ctx, categoryId) =>
  (await adminCategory(db(ctx), categoryId)) ? enter(ctx, CATEGORY_RENAME, categoryId) : showCategory(ctx, categoryId),
);
onCallback(admins, marketAdminCb.archiveCategory, async (ctx, categoryId, state) => {
  const result = await setCategoryArchived(ctx.deps.core, { categoryId, archived: state === 'on' });
  return showCategory(ctx, categoryId, result.ok ? ctx.t(state === 'on' ? 'mka-archived' : 'mka-unarchived') : undefined);
});

async function showLeagues(ctx: BotContext, marketId: number, notice?: string): Promise<unknown> {
  const market = await adminMarket(db(ctx), marketId);
  if (!market) return showMarket(ctx, marketId);
  return render(ctx, leaguesScreen(ctx, market, notice));
}
onCallback(admins, marketAdminCb.leagues, (ctx, marketId) => showLeagues(ctx, marketId));
onCallback(admins, marketAdminCb.newLeague, async (ctx, marketId) =>
  (await adminMarket(db(ctx), marketId)) ? enter(ctx, LEAGUE_NEW, marketId) : showMarket(ctx, marketId),
);
onCallback(admins, marketAdminCb.removeLeague, async (ctx, leagueId) => {
  const league = await db(ctx).lotLeague.findUnique({ where: { id: leagueId }, select: { marketId: true } });
  const result = await deleteLeague(ctx.deps.core, { leagueId });
  if (!league) return render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)), problem(ctx, 'LEAGUE_NOT_FOUND')));
  return showLeagues(ctx, league.marketId, result.ok ? ctx.t('mka-league-deleted') : problem(ctx, result.code));
});

async function showLeague(ctx: BotContext, leagueId: number, notice?: string): Promise<unknown> {
  const league = await adminLeague(db(ctx), leagueId);
  if (!league) return render(ctx, marketsScreen(ctx, await adminMarkets(db(ctx)), problem(ctx, 'LEAGUE_NOT_FOUND')));
  return render(ctx, leagueScreen(ctx, league, notice));
}
onCallback(admins, marketAdminCb.league, (ctx, leagueId) => showLeague(ctx, leagueId));
onCallback(admins, marketAdminCb.renameLeague, async (ctx, leagueId) =>
  (await adminLeague(db(ctx), leagueId)) ? enter(ctx, LEAGUE_RENAME, leagueId) : showLeague(ctx, leagueId),
);
onCallback(admins, marketAdminCb.archiveLeague, async (ctx, leagueId, state) => {
  const result = await setLeagueArchived(ctx.deps.core, { leagueId, archived: state === 'on' });
  return showLeague(ctx, leagueId, result.ok ? ctx.t(state === 'on' ? 'mka-archived' : 'mka-unarchived') : undefined);
});

onCallback(admins, marketAdminCb.fee, async (ctx, marketId, categoryId) => {
  const market = await adminMarket(db(ctx), marketId);
  if (!market || (categoryId !== 0 && !market.categories.some((c) => c.id === categoryId))) return showMarket(ctx, marketId);
  return enter(ctx, FEE_SET, marketId, categoryId);
});
onCallback(admins, marketAdminCb.removeFee, async (ctx, marketId, categoryId) => {
  const result = await removeFeeRule(ctx.deps.core, { marketId, categoryId: categoryId === 0 ? null : categoryId });
  const notice = result.ok ? ctx.t('mka-fee-removed') : problem(ctx, result.code);
  return categoryId === 0 ? showMarket(ctx, marketId, notice) : showCategory(ctx, categoryId, notice);
});

async function showApplications(ctx: BotContext, notice?: string): Promise<unknown> {
  return render(ctx, applicationsScreen(ctx, await pendingApplications(db(ctx)), notice));
}
onCallback(admins, marketAdminCb.applications, (ctx) => showApplications(ctx));
onCallback(admins, marketAdminCb.approve, async (ctx, userId) => {
  const result = await decideSellerApplication(ctx.deps.core, { adminId: ctx.account!.id, userId, approve: true });
  if (!result.ok) return showApplications(ctx, problem(ctx, result.code));
  await tellUser(ctx, result.value, 'sell-notice-approved');
  return showApplications(ctx, ctx.t('mka-application-approved'));
});
onCallback(admins, marketAdminCb.reject, async (ctx, userId) => {
  const application = await db(ctx).sellerProfile.findUnique({ where: { userId }, select: { status: true } });
  if (application?.status !== 'APPLIED') return showApplications(ctx, problem(ctx, application ? 'ALREADY_DECIDED' : 'APPLICATION_NOT_FOUND'));
  return enter(ctx, SELLER_REJECT, userId);
});

async function showWithdrawals(ctx: BotContext, notice?: string): Promise<unknown> {
  return render(ctx, withdrawalsScreen(ctx, await pendingWithdrawals(db(ctx)), notice));
}
onCallback(admins, marketAdminCb.withdrawals, (ctx) => showWithdrawals(ctx));
for (const [kind, outcome] of [
  [marketAdminCb.paid, 'paid'],
  [marketAdminCb.rejectWithdrawal, 'rejected'],
] as const) {
  onCallback(admins, kind, async (ctx, withdrawalId) => {
    const withdrawal = await db(ctx).withdrawal.findUnique({ where: { id: withdrawalId }, select: { status: true } });
    if (withdrawal?.status !== 'REQUESTED') return showWithdrawals(ctx, problem(ctx, withdrawal ? 'WITHDRAWAL_ALREADY_DECIDED' : 'WITHDRAWAL_NOT_FOUND'));
    return enter(ctx, WITHDRAWAL_DECIDE, withdrawalId, outcome);
  });
}
