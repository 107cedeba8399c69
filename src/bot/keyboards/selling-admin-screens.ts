import type { I18nFlavor } from '@grammyjs/i18n';
import { InlineKeyboard } from 'grammy';
import type { FeeRule, Market } from '../../generated/prisma/client.js';
import type { adminCategory, adminLeague, adminMarket } from '../../core/market/admin/admin-catalog.js';
import { formFieldsOf } from '../../core/market/admin/market-fields.js';
import type { pendingApplications } from '../../core/market/sellers/seller-queries.js';
import type { pendingWithdrawals } from '../../core/market/withdrawals/seller-proceeds.js';
import { formatMinor } from '../../core/money.js';
import { cb } from '../callback-data.js';
import { marketAdminCb } from './selling-buttons.js';
import type { Screen } from './selling-screens.js';

type Ctx = I18nFlavor;

const withNotice = (text: string, notice?: string) => (notice ? `${notice}\n\n${text}` : text);

export function marketAdminHome(ctx: Ctx, notice?: string): Screen {
  return {
    text: withNotice(ctx.t('mka-home'), notice),
    keyboard: new InlineKeyboard()
      .text(ctx.t('mka-button-markets'), marketAdminCb.markets.build())
      .row()
      .text(ctx.t('mka-button-applications'), marketAdminCb.applications.build())
      .text(ctx.t('mka-button-withdrawals'), marketAdminCb.withdrawals.build())
      .row()
      .text(ctx.t('admin-button-back'), cb.admin.build()),
  };
}

export function marketsScreen(ctx: Ctx, markets: Market[], notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  for (const m of markets) keyboard.text(`${m.archivedAt ? '🗄 ' : ''}${m.title}`, marketAdminCb.market.build(m.id)).row();
  keyboard.text(ctx.t('mka-button-new-market'), marketAdminCb.newMarket.build()).row().text(ctx.t('button-back'), marketAdminCb.home.build());
  return { text: withNotice(markets.length === 0 ? ctx.t('mka-markets-empty') : ctx.t('mka-markets-title'), notice), keyboard };
}

function feeText(ctx: Ctx, rule: FeeRule | undefined): string {
  return rule
    ? ctx.t('mka-fee', { percent: rule.percent.toString(), minimum: `${formatMinor(rule.minMinor, rule.minCurrency)} ${rule.minCurrency}` })
    : ctx.t('mka-fee-none');
}

export function marketScreen(ctx: Ctx, market: NonNullable<Awaited<ReturnType<typeof adminMarket>>>, notice?: string): Screen {
  const marketFee = market.feeRules.find((r) => r.categoryId === null);
  const lines = [
    ctx.t('mka-market-title', { title: market.title, slug: market.slug }),
    market.archivedAt ? ctx.t('mka-market-archived') : ctx.t('mka-market-live'),
    ctx.t('mka-market-counts', { categories: market.categories.length, leagues: market.leagues.length, lots: market.lots }),
    feeText(ctx, marketFee),
    market.posterFileId ? ctx.t('mka-poster-set') : ctx.t('mka-poster-none'),
  ];
  if (market.description) lines.push('', market.description);
  const keyboard = new InlineKeyboard();
  for (const c of market.categories) {
    keyboard.text(`${c.archivedAt ? '🗄 ' : ''}${c.name} · ${c.lotType === 'FORM' ? ctx.t('mka-type-form') : ctx.t('mka-type-multiple')}`, marketAdminCb.category.build(c.id)).row();
  }
  keyboard
    .text(ctx.t('mka-button-new-category'), marketAdminCb.newCategory.build(market.id))
    .text(ctx.t('mka-button-leagues'), marketAdminCb.leagues.build(market.id))
    .row()
    .text(ctx.t('mka-button-fee'), marketAdminCb.fee.build(market.id, 0));
  if (marketFee) keyboard.text(ctx.t('mka-button-fee-remove'), marketAdminCb.removeFee.build(market.id, 0));
  keyboard
    .row()
    .text(ctx.t('mka-field-title'), marketAdminCb.edit.build(market.id, 'title'))
    .text(ctx.t('mka-field-description'), marketAdminCb.edit.build(market.id, 'description'))
    .row()
    .text(ctx.t('mka-field-buyerHelp'), marketAdminCb.edit.build(market.id, 'buyerHelp'))
    .text(ctx.t('mka-field-sellerHelp'), marketAdminCb.edit.build(market.id, 'sellerHelp'))
    .row()
    .text(ctx.t('mka-field-poster'), marketAdminCb.edit.build(market.id, 'poster'))
    .text(
      market.archivedAt ? ctx.t('mka-button-unarchive') : ctx.t('mka-button-archive'),
      marketAdminCb.archive.build(market.id, market.archivedAt ? 'off' : 'on'),
    )
    .row()
    .text(ctx.t('mka-button-delete'), marketAdminCb.remove.build(market.id))
    .text(ctx.t('mka-button-markets'), marketAdminCb.markets.build());
  return { text: withNotice(lines.join('\n'), notice), keyboard };
}

export function deleteMarketQuestion(ctx: Ctx, market: Market): Screen {
  return {
    text: ctx.t('mka-delete-question', { title: market.title }),
    keyboard: new InlineKeyboard()
      .text(ctx.t('mka-button-delete-confirm'), marketAdminCb.removeConfirmed.build(market.id))
      .text(ctx.t('button-back'), marketAdminCb.market.build(market.id)),
  };
}

export function categoryScreen(ctx: Ctx, category: NonNullable<Awaited<ReturnType<typeof adminCategory>>>, notice?: string): Screen {
  const rule = category.feeRules[0];
  const fields = formFieldsOf(category.formFields);
  const lines = [
    ctx.t('mka-category-title', { name: category.name, market: category.market.title }),
    category.lotType === 'FORM' ? ctx.t('mka-type-form') : ctx.t('mka-type-multiple'),
    ...fields.map((f) => `• ${f.label}${f.required ? '' : ` (${ctx.t('mka-optional')})`}`),
    // The lot type is not editable: lots were listed (and bought) under it.
    category._count.lots > 0 ? ctx.t('mka-category-type-fixed') : ctx.t('mka-category-type-recreate'),
    category.archivedAt ? ctx.t('mka-category-archived') : ctx.t('mka-category-live'),
    ctx.t('mka-category-lots', { lots: category._count.lots }),
    feeText(ctx, rule),
  ];
  const keyboard = new InlineKeyboard().text(ctx.t('mka-button-fee'), marketAdminCb.fee.build(category.marketId, category.id));
  if (rule) keyboard.text(ctx.t('mka-button-fee-remove'), marketAdminCb.removeFee.build(category.marketId, category.id));
  keyboard
    .row()
    .text(ctx.t('mka-button-rename'), marketAdminCb.renameCategory.build(category.id))
    .text(
      category.archivedAt ? ctx.t('mka-button-unarchive') : ctx.t('mka-button-archive'),
      marketAdminCb.archiveCategory.build(category.id, category.archivedAt ? 'off' : 'on'),
    )
    .row()
    .text(ctx.t('mka-button-delete'), marketAdminCb.removeCategory.build(category.id))
    .text(ctx.t('mka-button-open-market'), marketAdminCb.market.build(category.marketId));
  return { text: withNotice(lines.join('\n'), notice), keyboard };
}

export function leaguesScreen(ctx: Ctx, market: NonNullable<Awaited<ReturnType<typeof adminMarket>>>, notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  for (const l of market.leagues) {
    keyboard.text(`${l.archivedAt ? '🗄 ' : ''}${l.name} · ${l.platform ?? ctx.t('mka-platform-all')}`, marketAdminCb.league.build(l.id)).row();
  }
  keyboard.text(ctx.t('mka-button-new-league'), marketAdminCb.newLeague.build(market.id)).text(ctx.t('mka-button-open-market'), marketAdminCb.market.build(market.id));
  const text = market.leagues.length === 0 ? ctx.t('mka-leagues-empty', { title: market.title }) : ctx.t('mka-leagues-title', { title: market.title });
  return { text: withNotice(text, notice), keyboard };
}

export function leagueScreen(ctx: Ctx, league: NonNullable<Awaited<ReturnType<typeof adminLeague>>>, notice?: string): Screen {
  const lines = [
    ctx.t('mka-league-title', { name: league.name, platform: league.platform ?? ctx.t('mka-platform-all'), market: league.market.title }),
    league.archivedAt ? ctx.t('mka-league-archived') : ctx.t('mka-league-live'),
    ctx.t('mka-category-lots', { lots: league._count.lots }),
  ];
  const keyboard = new InlineKeyboard()
    .text(ctx.t('mka-button-rename'), marketAdminCb.renameLeague.build(league.id))
    .text(
      league.archivedAt ? ctx.t('mka-button-unarchive') : ctx.t('mka-button-archive'),
      marketAdminCb.archiveLeague.build(league.id, league.archivedAt ? 'off' : 'on'),
    )
    .row()
    .text(ctx.t('mka-button-delete'), marketAdminCb.removeLeague.build(league.id))
    .text(ctx.t('mka-button-leagues'), marketAdminCb.leagues.build(league.marketId));
  return { text: withNotice(lines.join('\n'), notice), keyboard };
}

/**
 * An applicant's "about" on one line, cut to ABOUT_EXCERPT characters: twenty full ones would pass
 * Telegram's 4096-character message limit (the admins' notice of the application has it whole).
 */
export const ABOUT_EXCERPT = 150;
export function aboutExcerpt(about: string): string {
  const line = about.replace(/\s+/g, ' ').trim();
  return line.length <= ABOUT_EXCERPT ? line : `${line.slice(0, ABOUT_EXCERPT - 1).trimEnd()}…`;
}

export function applicationsScreen(ctx: Ctx, applications: Awaited<ReturnType<typeof pendingApplications>>, notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  const lines = [applications.length === 0 ? ctx.t('mka-applications-empty') : ctx.t('mka-applications-title')];
  for (const a of applications) {
    const name = a.user.username ? `@${a.user.username}` : a.user.firstName;
    lines.push(ctx.t('mka-application-line', { name, id: a.user.id }));
    lines.push(a.about ? ctx.t('mka-application-about', { about: aboutExcerpt(a.about) }) : ctx.t('mka-application-no-about'));
    keyboard
      .text(ctx.t('mka-button-approve', { name }), marketAdminCb.approve.build(a.userId))
      .text(ctx.t('mka-button-reject'), marketAdminCb.reject.build(a.userId))
      .row();
  }
  keyboard.text(ctx.t('button-back'), marketAdminCb.home.build());
  return { text: withNotice(lines.join('\n'), notice), keyboard };
}

export function withdrawalsScreen(ctx: Ctx, withdrawals: Awaited<ReturnType<typeof pendingWithdrawals>>, notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  const lines = [withdrawals.length === 0 ? ctx.t('mka-withdrawals-empty') : ctx.t('mka-withdrawals-title')];
  for (const w of withdrawals) {
    const name = w.seller.username ? `@${w.seller.username}` : w.seller.firstName;
    lines.push(ctx.t('mka-withdrawal-line', { id: w.id, name, amount: `${formatMinor(w.amountMinor, w.currency)} ${w.currency}`, destination: w.destination }));
    keyboard
      .text(ctx.t('mka-button-paid', { id: w.id }), marketAdminCb.paid.build(w.id))
      .text(ctx.t('mka-button-reject'), marketAdminCb.rejectWithdrawal.build(w.id))
      .row();
  }
  keyboard.text(ctx.t('button-back'), marketAdminCb.home.build());
  return { text: withNotice(lines.join('\n'), notice), keyboard };
}
