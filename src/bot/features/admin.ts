import { Composer, type Middleware } from 'grammy';
import { activateRound } from '../../core/tokens/activate-round.js';
import { completeRound } from '../../core/tokens/complete-round.js';
import { type RoundView, type SaleOverview, saleOverview } from '../../core/tokens/sale-overview.js';
import { saleReport } from '../../core/tokens/sale-report.js';
import { grantRole, revokeRole } from '../../core/users/grant-role.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { FIND_USER, roleConversations, roleHolderView } from '../conversations/admin-roles.js';
import { EDIT_ROUND, NEW_ROUND, plainRound, roundConversations } from '../conversations/admin-round.js';
import { adminCb } from '../keyboards/admin-buttons.js';
import {
  activateQuestion,
  adminMenu,
  completeQuestion,
  roleErrorText,
  roleName,
  roleScreen,
  roundErrorText,
  roundScreen,
  roundsScreen,
  type Screen,
  statsScreen,
} from '../keyboards/admin-screens.js';
import { isAdmin } from '../roles.js';
import { show } from '../screens/show.js';

/**
 * The admin area: sales statistics, the token's rounds (create, edit drafts, activate, complete)
 * and roles. Admins only (the ADMIN role or ADMIN_TELEGRAM_IDS): everyone else who types /admin
 * or sends an admin button, forged or old, is told "not allowed" and nothing happens.
 */
export const adminFeature = new Composer<BotContext>();
const privateChat = adminFeature.filter((ctx) => ctx.chat?.type === 'private');
const admins = privateChat.filter(isAdmin);

const notAdmins = privateChat.drop(isAdmin);
notAdmins.command('admin', (ctx) => ctx.reply(ctx.t('not-allowed')));
notAdmins.callbackQuery(/^adm(?:[.:]|$)/, (ctx) => ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true }));

const render = (ctx: BotContext, screen: Screen, fresh = false) => show(ctx, screen.text, { reply_markup: screen.keyboard }, { fresh });

admins.command('admin', (ctx) => render(ctx, adminMenu(ctx), true));
onCallback(admins, cb.admin, (ctx) => render(ctx, adminMenu(ctx)));

onCallback(admins, adminCb.stats, async (ctx) => {
  const report = await saleReport(ctx.deps.core.db, ctx.deps.tokenId);
  if (!report) return ctx.answerCallbackQuery({ text: ctx.t('admin-error-token-not-found'), show_alert: true });
  return render(ctx, statsScreen(ctx, report));
});

/** Loads the sale for a screen of it; a missing token is said here, once. */
async function withOverview(ctx: BotContext, then: (overview: SaleOverview) => Promise<unknown>): Promise<unknown> {
  const overview = await saleOverview(ctx.deps.core.db, ctx.deps.tokenId);
  if (!overview) return ctx.answerCallbackQuery({ text: ctx.t('admin-error-token-not-found'), show_alert: true });
  return then(overview);
}

/** The same for one round: an id that is not among the token's rounds shows the list instead. */
function withRound(ctx: BotContext, roundId: number, then: (view: RoundView, overview: SaleOverview) => Promise<unknown>): Promise<unknown> {
  return withOverview(ctx, (overview) => {
    const view = overview.rounds.find((r) => r.round.id === roundId);
    return view ? then(view, overview) : render(ctx, roundsScreen(ctx, overview, `⚠️ ${ctx.t('admin-error-round-not-found')}`));
  });
}

/** The rounds list headed by what just happened to them. */
function roundsWithNotice(ctx: BotContext, notice: (name: (roundId: number | null) => string) => string): Promise<unknown> {
  return withOverview(ctx, (overview) => {
    const name = (roundId: number | null) => overview.rounds.find((r) => r.round.id === roundId)?.round.name ?? '';
    return render(ctx, roundsScreen(ctx, overview, notice(name)));
  });
}

onCallback(admins, adminCb.rounds, (ctx) => withOverview(ctx, (overview) => render(ctx, roundsScreen(ctx, overview))));

onCallback(admins, adminCb.round, (ctx, roundId) => withRound(ctx, roundId, (view) => render(ctx, roundScreen(ctx, view))));

onCallback(admins, adminCb.activate, (ctx, roundId) =>
  withRound(ctx, roundId, (view, overview) =>
    render(
      ctx,
      view.round.status === 'DRAFT'
        ? activateQuestion(ctx, view, overview.active)
        : roundScreen(ctx, view, `⚠️ ${ctx.t('admin-error-round-not-draft')}`),
    ),
  ),
);

onCallback(admins, adminCb.complete, (ctx, roundId) =>
  withRound(ctx, roundId, (view) =>
    render(ctx, view.round.status === 'ACTIVE' ? completeQuestion(ctx, view) : roundScreen(ctx, view, `⚠️ ${ctx.t('admin-error-round-not-active')}`)),
  ),
);

onCallback(admins, adminCb.activateConfirmed, async (ctx, roundId) => {
  const result = await activateRound(ctx.deps.core, { tokenId: ctx.deps.tokenId, roundId });
  if (!result.ok) return ctx.answerCallbackQuery({ text: roundErrorText(ctx, result.code), show_alert: true });
  const { activated, completed } = result.value;
  return roundsWithNotice(ctx, (name) =>
    completed === null
      ? ctx.t('admin-activated', { name: name(activated) })
      : ctx.t('admin-activated-replacing', { name: name(activated), previous: name(completed) }),
  );
});

onCallback(admins, adminCb.completeConfirmed, async (ctx, roundId) => {
  const result = await completeRound(ctx.deps.core, { tokenId: ctx.deps.tokenId, roundId });
  if (!result.ok) return ctx.answerCallbackQuery({ text: roundErrorText(ctx, result.code), show_alert: true });
  const { completed, activated } = result.value;
  return roundsWithNotice(ctx, (name) =>
    activated === null
      ? ctx.t('admin-completed-last', { name: name(completed) })
      : ctx.t('admin-completed-next', { name: name(completed), next: name(activated) }),
  );
});

/** Conversations start clean: a question left open elsewhere in this chat is dropped. */
async function enter(ctx: BotContext, id: string, ...args: unknown[]): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(id, ...args);
}

onCallback(admins, adminCb.newRound, (ctx) => enter(ctx, NEW_ROUND));

// A stale Edit button (the round went on sale meanwhile) is refused here, before any question.
onCallback(admins, adminCb.edit, (ctx, roundId, field) =>
  withRound(ctx, roundId, (view) =>
    view.round.status === 'DRAFT'
      ? enter(ctx, EDIT_ROUND, plainRound(view.round), field)
      : render(ctx, roundScreen(ctx, view, `⚠️ ${ctx.t('admin-error-round-not-draft')}`)),
  ),
);

onCallback(admins, adminCb.roles, (ctx) => enter(ctx, FIND_USER));

onCallback(admins, adminCb.role, async (ctx, userId, role, state) => {
  const actorId = ctx.account?.id;
  if (actorId === undefined) return ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true });
  const change = state === 'on' ? grantRole : revokeRole;
  const result = await change(ctx.deps.core, { actorId, target: { userId }, role });
  if (!result.ok) return ctx.answerCallbackQuery({ text: roleErrorText(ctx, result.code), show_alert: true });
  const notice =
    state === 'on' ? ctx.t('admin-role-granted', { role: roleName(ctx, role) }) : ctx.t('admin-role-revoked', { role: roleName(ctx, role) });
  await ctx.answerCallbackQuery({ text: notice });
  return render(ctx, roleScreen(ctx, roleHolderView(result.value)));
});

/** The conversations this feature registers (createConversation), installed before any feature. */
export function adminConversations(): Middleware<BotContext>[] {
  return [...roundConversations(), ...roleConversations()];
}
