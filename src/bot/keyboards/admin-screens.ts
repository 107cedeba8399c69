import type { I18nFlavor } from '@grammyjs/i18n';
import { InlineKeyboard } from 'grammy';
import type { RoundStatus } from '../../generated/prisma/client.js';
import type { ActivateRoundError } from '../../core/tokens/activate-round.js';
import type { CompleteRoundError } from '../../core/tokens/complete-round.js';
import type { CreateRoundError } from '../../core/tokens/create-round.js';
import type { EditRoundError } from '../../core/tokens/edit-round.js';
import type { RoundView, SaleOverview } from '../../core/tokens/sale-overview.js';
import type { SaleReport } from '../../core/tokens/sale-report.js';
import type { GrantRoleError } from '../../core/users/grant-role.js';
import { cb } from '../callback-data.js';
import { mkoCb } from './market-order-buttons.js';
import { payCb } from './payment-buttons.js';
import { marketAdminCb } from './selling-buttons.js';
import { adminCb, ROUND_FIELDS, type RoundField } from './admin-buttons.js';
import { payoutCb } from './payout-buttons.js';

/** A screen of the admin area: its text and its buttons. Works inside conversations too. */
export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

type Ctx = I18nFlavor;

export function adminMenu(ctx: Ctx): Screen {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('admin-button-stats'), adminCb.stats.build())
    .text(ctx.t('admin-button-rounds'), adminCb.rounds.build())
    .row()
    .text(ctx.t('admin-button-roles'), adminCb.roles.build())
    // Pages are edited from the page itself (the pages feature shows admins an Edit button there).
    .text(ctx.t('admin-button-help-page'), cb.page.build('help'))
    .row()
    .text(ctx.t('admin-button-refunds'), payCb.refunds.build())
    .text(ctx.t('admin-button-payouts'), payoutCb.screen.build())
    .text(ctx.t('admin-button-disputes'), mkoCb.disputes.build(1))
    .row()
    .text(ctx.t('admin-button-market'), marketAdminCb.home.build())
    .row()
    .text(ctx.t('menu-back'), cb.menu.build());
  return { text: ctx.t('admin-menu'), keyboard };
}

function backToAdmin(ctx: Ctx): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('admin-button-back'), cb.admin.build());
}

export function statsScreen(ctx: Ctx, report: SaleReport): Screen {
  const perRound = (rows: { name: string; amount: bigint }[]) =>
    rows.map((r) => ctx.t('admin-stats-round', { name: r.name, amount: r.amount.toString() })).join('\n');
  const conversion =
    report.referralConversion === null
      ? ctx.t('admin-stats-conversion-none')
      : ctx.t('admin-stats-conversion', { percent: report.referralConversion, bought: report.referredBuyers, referred: report.referred });
  const text = ctx.t('admin-stats', {
    symbol: report.symbol,
    sold: report.sold.total.toString(),
    soldRounds: perRound(report.sold.perRound),
    rewards: report.rewards.total.toString(),
    rewardRounds: perRound(report.rewards.perRound),
    buyers: report.buyers,
    users: report.users,
    conversion,
  });
  return { text, keyboard: backToAdmin(ctx) };
}

export function statusText(ctx: Ctx, status: RoundStatus): string {
  switch (status) {
    case 'DRAFT':
      return ctx.t('admin-status-draft');
    case 'ACTIVE':
      return ctx.t('admin-status-active');
    case 'COMPLETE':
      return ctx.t('admin-status-complete');
  }
}

/** Every round of the token, one line each, with a button to open it. */
export function roundsScreen(ctx: Ctx, overview: SaleOverview, notice?: string): Screen {
  const lines = overview.rounds.map(({ round, progress }) =>
    ctx.t('admin-round-line', {
      position: round.position,
      name: round.name,
      status: statusText(ctx, round.status),
      price: round.unitPrice.toString(),
      currency: round.currency.trim(),
      sold: round.sold.toString(),
      cap: round.cap.toString(),
      progress: progress.toFixed(2),
    }),
  );
  const body = lines.length ? lines.join('\n\n') : ctx.t('admin-rounds-empty');
  const text = [notice, ctx.t('admin-rounds-title', { symbol: overview.token.symbol }), body].filter(Boolean).join('\n\n');
  const keyboard = new InlineKeyboard();
  overview.rounds.forEach(({ round }, i) => {
    keyboard.text(ctx.t('admin-button-round', { position: round.position, name: round.name }), adminCb.round.build(round.id));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t('admin-button-new-round'), adminCb.newRound.build()).row().text(ctx.t('admin-button-back'), cb.admin.build());
  return { text, keyboard };
}

/** "2026-03-01 12:00 UTC", the format admins type dates in. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One round in full; a draft offers its fields to edit and activation, the active one completion. */
export function roundScreen(ctx: Ctx, view: RoundView, notice?: string): Screen {
  const { round } = view;
  const card = ctx.t('admin-round-card', {
    position: round.position,
    name: round.name,
    status: statusText(ctx, round.status),
    price: round.unitPrice.toString(),
    currency: round.currency.trim(),
    cap: round.cap.toString(),
    sold: round.sold.toString(),
    progress: view.progress.toFixed(2),
    reserved: round.reserved.toString(),
    referral: round.referralPercent.toString(),
    min: round.minPurchase.toString(),
    max: round.maxPurchase === null ? ctx.t('admin-round-no-max') : round.maxPurchase.toString(),
    start: round.startsAt ? formatUtc(round.startsAt) : ctx.t('admin-round-no-date'),
    end: round.endsAt ? formatUtc(round.endsAt) : ctx.t('admin-round-no-date'),
  });
  const keyboard = new InlineKeyboard();
  const parts = [notice, card];
  if (round.status === 'DRAFT') {
    parts.push(ctx.t('admin-round-edit-hint'));
    ROUND_FIELDS.forEach((field, i) => {
      keyboard.text(fieldLabel(ctx, field), adminCb.edit.build(round.id, field));
      if (i % 3 === 2) keyboard.row();
    });
    keyboard.row().text(ctx.t('admin-button-activate'), adminCb.activate.build(round.id));
  } else if (round.status === 'ACTIVE') {
    keyboard.text(ctx.t('admin-button-complete'), adminCb.complete.build(round.id));
  }
  keyboard.row().text(ctx.t('admin-button-rounds-back'), adminCb.rounds.build());
  return { text: parts.filter(Boolean).join('\n\n'), keyboard };
}

export function fieldLabel(ctx: Ctx, field: RoundField): string {
  switch (field) {
    case 'name':
      return ctx.t('admin-field-name');
    case 'currency':
      return ctx.t('admin-field-currency');
    case 'price':
      return ctx.t('admin-field-price');
    case 'cap':
      return ctx.t('admin-field-cap');
    case 'ref':
      return ctx.t('admin-field-ref');
    case 'min':
      return ctx.t('admin-field-min');
    case 'max':
      return ctx.t('admin-field-max');
    case 'start':
      return ctx.t('admin-field-start');
    case 'end':
      return ctx.t('admin-field-end');
  }
}

/** "Activate X? The active Y will be completed." with the confirming button. */
export function activateQuestion(ctx: Ctx, view: RoundView, active: RoundView | null): Screen {
  const consequence = active
    ? ctx.t('admin-activate-replaces', { name: active.round.name })
    : ctx.t('admin-activate-none-active');
  const keyboard = new InlineKeyboard()
    .text(ctx.t('admin-button-confirm-activate'), adminCb.activateConfirmed.build(view.round.id))
    .row()
    .text(ctx.t('button-back'), adminCb.round.build(view.round.id));
  return { text: `${ctx.t('admin-activate-question', { name: view.round.name })}\n${consequence}`, keyboard };
}

export function completeQuestion(ctx: Ctx, view: RoundView): Screen {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('admin-button-confirm-complete'), adminCb.completeConfirmed.build(view.round.id))
    .row()
    .text(ctx.t('button-back'), adminCb.round.build(view.round.id));
  return { text: ctx.t('admin-complete-question', { name: view.round.name, left: view.left.toString() }), keyboard };
}

/** Why a round could not be created, edited, activated or completed: the one place codes become texts. */
export function roundErrorText(ctx: Ctx, code: CreateRoundError | EditRoundError | ActivateRoundError | CompleteRoundError): string {
  switch (code) {
    case 'ROUND_NAME_INVALID':
      return ctx.t('admin-error-round-name');
    case 'CURRENCY_INVALID':
      return ctx.t('admin-error-currency');
    case 'PRICE_INVALID':
      return ctx.t('admin-error-price');
    case 'CAP_INVALID':
      return ctx.t('admin-error-cap');
    case 'REFERRAL_PERCENT_INVALID':
      return ctx.t('admin-error-referral');
    case 'MIN_PURCHASE_INVALID':
      return ctx.t('admin-error-min');
    case 'MAX_PURCHASE_INVALID':
      return ctx.t('admin-error-max');
    case 'DATE_INVALID':
      return ctx.t('admin-error-date');
    case 'MIN_ABOVE_CAP':
      return ctx.t('admin-error-min-above-cap');
    case 'MAX_BELOW_MIN':
      return ctx.t('admin-error-max-below-min');
    case 'END_NOT_AFTER_START':
      return ctx.t('admin-error-end-before-start');
    case 'TOKEN_NOT_FOUND':
      return ctx.t('admin-error-token-not-found');
    case 'ROUND_NOT_FOUND':
      return ctx.t('admin-error-round-not-found');
    case 'ROUND_NOT_DRAFT':
      return ctx.t('admin-error-round-not-draft');
    case 'ROUND_NOT_ACTIVE':
      return ctx.t('admin-error-round-not-active');
    case 'ROUND_ENDED':
      return ctx.t('admin-error-round-ended');
  }
}

/** A user and their roles as the role screen shows them; JSON-safe (it leaves a conversation). */
export interface RoleHolderView {
  userId: number;
  telegramId: string;
  username: string | null;
  firstName: string;
  roles: string[];
}

export function roleName(ctx: Ctx, role: string): string {
  switch (role) {
    case 'SELLER':
      return ctx.t('admin-role-seller');
    case 'SUPPORT':
      return ctx.t('admin-role-support');
    case 'ADMIN':
      return ctx.t('admin-role-admin');
    default:
      return ctx.t('admin-role-buyer');
  }
}

/** Who the user is, their roles, and a toggle per assignable role. */
export function roleScreen(ctx: Ctx, holder: RoleHolderView, notice?: string): Screen {
  const who = holder.username
    ? ctx.t('admin-roles-who', { name: holder.firstName, username: holder.username, id: holder.telegramId })
    : ctx.t('admin-roles-who-no-username', { name: holder.firstName, id: holder.telegramId });
  // BUYER is everyone's: listed first whatever the stored array says.
  const roles = ['BUYER', ...holder.roles.filter((r) => r !== 'BUYER')].map((r) => roleName(ctx, r)).join(', ');
  const text = [notice, ctx.t('admin-roles-card', { who, roles })].filter(Boolean).join('\n\n');
  const keyboard = new InlineKeyboard();
  for (const role of ['SELLER', 'SUPPORT', 'ADMIN'] as const) {
    const has = holder.roles.includes(role);
    const label = has ? ctx.t('admin-role-on', { role: roleName(ctx, role) }) : ctx.t('admin-role-off', { role: roleName(ctx, role) });
    keyboard.text(label, adminCb.role.build(holder.userId, role, has ? 'off' : 'on'));
  }
  keyboard.row().text(ctx.t('admin-button-another-user'), adminCb.roles.build()).row().text(ctx.t('admin-button-back'), cb.admin.build());
  return { text, keyboard };
}

export function roleErrorText(ctx: Ctx, code: GrantRoleError): string {
  switch (code) {
    case 'USER_NOT_FOUND':
      return ctx.t('admin-error-user-not-found');
    case 'ROLE_NOT_ASSIGNABLE':
      return ctx.t('admin-error-role');
    case 'SELF_ADMIN_REVOKE':
      return ctx.t('admin-error-self-admin');
  }
}
