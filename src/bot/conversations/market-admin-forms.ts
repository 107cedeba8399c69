import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { LotPlatform, LotType } from '../../generated/prisma/client.js';
import { createCategory } from '../../core/market/admin/create-category.js';
import { createLeague } from '../../core/market/admin/create-league.js';
import { createMarket } from '../../core/market/admin/create-market.js';
import { renameCategory } from '../../core/market/admin/rename-category.js';
import { renameLeague } from '../../core/market/admin/rename-league.js';
import { editMarket, type MarketField } from '../../core/market/admin/edit-market.js';
import { type FormField, parseFeePercent, parseFormFields, parseLongText, parseMinimum, parseName, parseTitle } from '../../core/market/admin/market-fields.js';
import { setFeeRule } from '../../core/market/admin/set-fee-rule.js';
import { decideSellerApplication } from '../../core/market/sellers/decide-seller-application.js';
import { markWithdrawalPaid } from '../../core/market/withdrawals/mark-withdrawal-paid.js';
import { rejectWithdrawal } from '../../core/market/withdrawals/reject-withdrawal.js';
import { formatMinor } from '../../core/money.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { marketAdminCb } from '../keyboards/selling-buttons.js';
import { sellErrorText } from '../keyboards/selling-screens.js';
import { tellUser } from '../notifications-market.js';
import { isAdmin } from '../roles.js';
import { askValid, type Choice, choiceOnly, type Reply, STEP_WAIT_MS, type StepConversation } from './lot-ask.js';

export const MARKET_NEW = 'market-admin-new';
export const MARKET_EDIT = 'market-admin-edit';
export const CATEGORY_NEW = 'market-admin-category';
export const LEAGUE_NEW = 'market-admin-league';
export const CATEGORY_RENAME = 'market-admin-category-rename';
export const LEAGUE_RENAME = 'market-admin-league-rename';
export const FEE_SET = 'market-admin-fee';
export const SELLER_REJECT = 'market-admin-seller-reject';
export const WITHDRAWAL_DECIDE = 'market-admin-withdrawal';

const SKIP = 'skip';

function text<T>(ctx: ConversationContext, parse: (text: string) => Result<T, string>, skipped?: T) {
  return (reply: Reply): { value: T } | { problem: string } => {
    if ('choice' in reply && skipped !== undefined) return { value: skipped };
    if (!('text' in reply)) return { problem: ctx.t('sell-text-only') };
    const parsed = parse(reply.text);
    return parsed.ok ? { value: parsed.value } : { problem: sellErrorText(ctx, parsed.code) };
  };
}

const nonEmpty = (max: number, code: 'REASON_INVALID' | 'REFERENCE_INVALID' = 'REASON_INVALID') => (t: string): Result<string, typeof code> => {
  const v = t.trim();
  return v.length > 0 && v.length <= max ? ok(v) : fail(code);
};

/** The admin check again at the write: rights may have been revoked during the questions. */
async function asAdmin<T extends Result<unknown, string>>(conversation: StepConversation, write: (outer: BotContext, adminId: number) => Promise<T>) {
  return conversation.external(async (outer): Promise<T | Result<never, 'NOT_ALLOWED'>> =>
    isAdmin(outer) && outer.account ? write(outer, outer.account.id) : fail('NOT_ALLOWED'),
  );
}

async function done(ctx: ConversationContext, result: Result<unknown, string>, success: string, back: { label: string; data: string }) {
  await ctx.reply(result.ok ? success : sellErrorText(ctx, result.code), { reply_markup: new InlineKeyboard().text(back.label, back.data) });
}

const skipChoice = (ctx: ConversationContext): Choice => ({ label: ctx.t('sell-button-skip'), value: SKIP });

/** Title → description → help for buyers → help for sellers → poster photo → a new market. */
async function newMarket(conversation: StepConversation, ctx: ConversationContext): Promise<void> {
  const back = { label: ctx.t('mka-button-markets'), data: marketAdminCb.markets.build() };
  const title = await askValid(conversation, ctx, ctx.t('mka-ask-title'), { backTo: back }, text(ctx, parseTitle));
  const longText = (key: string) => askValid(conversation, ctx, ctx.t(key), { choices: [skipChoice(ctx)], backTo: back }, text(ctx, parseLongText, ''));
  const description = await longText('mka-ask-description');
  const buyerHelp = await longText('mka-ask-buyer-help');
  const sellerHelp = await longText('mka-ask-seller-help');
  const poster = await askValid<string | null>(conversation, ctx, ctx.t('mka-ask-poster'), { choices: [skipChoice(ctx)], photo: true, backTo: back }, (reply) =>
    'photo' in reply ? { value: reply.photo } : 'choice' in reply ? { value: null } : { problem: ctx.t('mka-error-photo') },
  );
  const created = await asAdmin(conversation, (outer) => createMarket(outer.deps.core, { title, description, buyerHelp, sellerHelp, posterFileId: poster }));
  const open = created.ok ? { label: ctx.t('mka-button-open-market'), data: marketAdminCb.market.build(created.value.marketId) } : back;
  await done(ctx, created, ctx.t('mka-market-created', { title }), open);
}

/** One field of a market (the poster: a new photo, or removed). */
async function editMarketField(conversation: StepConversation, ctx: ConversationContext, marketId: number, field: MarketField): Promise<void> {
  const back = { label: ctx.t('mka-button-open-market'), data: marketAdminCb.market.build(marketId) };
  let value: string | null;
  if (field === 'poster') {
    value = await askValid<string | null>(conversation, ctx, ctx.t('mka-ask-poster'), { choices: [{ label: ctx.t('mka-button-remove-poster'), value: SKIP }], photo: true, backTo: back }, (reply) =>
      'photo' in reply ? { value: reply.photo } : 'choice' in reply ? { value: null } : { problem: ctx.t('mka-error-photo') },
    );
  } else if (field === 'title') {
    value = await askValid(conversation, ctx, ctx.t('mka-ask-title'), { backTo: back }, text(ctx, parseTitle));
  } else {
    const key = field === 'description' ? 'mka-ask-description' : field === 'buyerHelp' ? 'mka-ask-buyer-help' : 'mka-ask-seller-help';
    value = await askValid(conversation, ctx, ctx.t(key), { choices: [{ label: ctx.t('sell-button-clear'), value: SKIP }], backTo: back }, text(ctx, parseLongText, ''));
  }
  const saved = await asAdmin(conversation, (outer) => editMarket(outer.deps.core, { marketId, field, value }));
  await done(ctx, saved, ctx.t('mka-saved'), back);
}

/** Name → lot type → (FORM) the form's fields → a new category. */
async function newCategory(conversation: StepConversation, ctx: ConversationContext, marketId: number): Promise<void> {
  const back = { label: ctx.t('mka-button-open-market'), data: marketAdminCb.market.build(marketId) };
  const name = await askValid(conversation, ctx, ctx.t('mka-ask-category-name'), { backTo: back }, text(ctx, parseName));
  const lotType = (await askValid(
    conversation,
    ctx,
    ctx.t('mka-ask-lot-type'),
    { choices: [{ label: ctx.t('mka-type-multiple'), value: 'MULTIPLE' }, { label: ctx.t('mka-type-form'), value: 'FORM' }], columns: 1, backTo: back },
    choiceOnly(ctx.t('sell-pick-a-button')),
  )) as LotType;
  const formFields: FormField[] = lotType === 'FORM' ? await askValid(conversation, ctx, ctx.t('mka-ask-form-fields'), { backTo: back }, text(ctx, parseFormFields)) : [];
  const created = await asAdmin(conversation, (outer) => createCategory(outer.deps.core, { marketId, name, lotType, formFields }));
  await done(ctx, created, ctx.t('mka-category-created', { name }), back);
}

/** Name → platform (or all) → a new league. */
async function newLeague(conversation: StepConversation, ctx: ConversationContext, marketId: number): Promise<void> {
  const back = { label: ctx.t('mka-button-leagues'), data: marketAdminCb.leagues.build(marketId) };
  const name = await askValid(conversation, ctx, ctx.t('mka-ask-league-name'), { backTo: back }, text(ctx, parseName));
  const platform = await askValid(
    conversation,
    ctx,
    ctx.t('mka-ask-platform'),
    { choices: [...['PC', 'IOS', 'ANDROID'].map((p) => ({ label: p, value: p })), { label: ctx.t('mka-platform-all'), value: 'ALL' }], backTo: back },
    choiceOnly(ctx.t('sell-pick-a-button')),
  );
  const created = await asAdmin(conversation, (outer) =>
    createLeague(outer.deps.core, { marketId, name, platform: platform === 'ALL' ? null : (platform as LotPlatform) }),
  );
  await done(ctx, created, ctx.t('mka-league-created', { name }), back);
}

/** A category's new name (its lot type stays: lots may have been listed with it). */
async function renameCategoryForm(conversation: StepConversation, ctx: ConversationContext, categoryId: number): Promise<void> {
  const back = { label: ctx.t('mka-button-open-category'), data: marketAdminCb.category.build(categoryId) };
  const name = await askValid(conversation, ctx, ctx.t('mka-ask-category-rename'), { backTo: back }, text(ctx, parseName));
  const renamed = await asAdmin(conversation, (outer) => renameCategory(outer.deps.core, { categoryId, name }));
  await done(ctx, renamed, ctx.t('mka-category-renamed', { name }), back);
}

/** A league's new name (unique in its market on its platform). */
async function renameLeagueForm(conversation: StepConversation, ctx: ConversationContext, leagueId: number): Promise<void> {
  const back = { label: ctx.t('mka-button-leagues'), data: marketAdminCb.league.build(leagueId) };
  const name = await askValid(conversation, ctx, ctx.t('mka-ask-league-rename'), { backTo: back }, text(ctx, parseName));
  const renamed = await asAdmin(conversation, (outer) => renameLeague(outer.deps.core, { leagueId, name }));
  await done(ctx, renamed, ctx.t('mka-league-renamed', { name }), back);
}

/** Percent → minimum ("0.50 USD", or 0) → the market's or a category's fee rule. */
async function setFee(conversation: StepConversation, ctx: ConversationContext, marketId: number, categoryId: number): Promise<void> {
  const back =
    categoryId === 0
      ? { label: ctx.t('mka-button-open-market'), data: marketAdminCb.market.build(marketId) }
      : { label: ctx.t('mka-button-open-category'), data: marketAdminCb.category.build(categoryId) };
  const percent = await askValid(conversation, ctx, ctx.t('mka-ask-fee-percent'), { backTo: back }, text(ctx, parseFeePercent));
  const minimum = await askValid<{ minMinor: string; minCurrency: string }>(conversation, ctx, ctx.t('mka-ask-fee-minimum'), { backTo: back }, (reply) => {
    if (!('text' in reply)) return { problem: ctx.t('sell-text-only') };
    const parsed = parseMinimum(reply.text, 'USD');
    return parsed.ok ? { value: { minMinor: parsed.value.minMinor.toString(), minCurrency: parsed.value.minCurrency } } : { problem: sellErrorText(ctx, parsed.code) };
  });
  const saved = await asAdmin(conversation, (outer) =>
    setFeeRule(outer.deps.core, { marketId, categoryId: categoryId === 0 ? null : categoryId, percent, minMinor: BigInt(minimum.minMinor), minCurrency: minimum.minCurrency }),
  );
  const min = `${formatMinor(BigInt(minimum.minMinor), minimum.minCurrency)} ${minimum.minCurrency}`;
  await done(ctx, saved, ctx.t('mka-fee-saved', { percent, minimum: min }), back);
}

/** The reason, then the application rejected and the applicant told it. */
async function rejectSeller(conversation: StepConversation, ctx: ConversationContext, userId: number): Promise<void> {
  const back = { label: ctx.t('mka-button-applications'), data: marketAdminCb.applications.build() };
  const reason = await askValid(conversation, ctx, ctx.t('mka-ask-reject-reason'), { backTo: back }, text(ctx, nonEmpty(500)));
  const decided = await asAdmin(conversation, async (outer, adminId) => {
    const result = await decideSellerApplication(outer.deps.core, { adminId, userId, approve: false, reason });
    if (!result.ok) return result;
    await tellUser(outer, result.value, 'sell-notice-rejected', { reason });
    return ok({ userId });
  });
  await done(ctx, decided, ctx.t('mka-application-rejected'), back);
}

/** Paid (the reference) or rejected (the reason): the withdrawal decided and the seller told. */
async function decideWithdrawal(conversation: StepConversation, ctx: ConversationContext, withdrawalId: number, outcome: 'paid' | 'rejected'): Promise<void> {
  const back = { label: ctx.t('mka-button-withdrawals'), data: marketAdminCb.withdrawals.build() };
  const question = ctx.t(outcome === 'paid' ? 'mka-ask-paid-reference' : 'mka-ask-withdrawal-reason');
  const note = await askValid(conversation, ctx, question, { backTo: back }, text(ctx, outcome === 'paid' ? nonEmpty(200, 'REFERENCE_INVALID') : nonEmpty(500)));
  const decided = await asAdmin(conversation, async (outer, adminId) => {
    const result =
      outcome === 'paid'
        ? await markWithdrawalPaid(outer.deps.core, { withdrawalId, adminId, reference: note })
        : await rejectWithdrawal(outer.deps.core, { withdrawalId, adminId, reason: note });
    if (!result.ok) return result;
    const amount = `${formatMinor(result.value.amountMinor, result.value.currency)} ${result.value.currency}`;
    await tellUser(outer, result.value.seller, outcome === 'paid' ? 'sell-notice-withdrawal-paid' : 'sell-notice-withdrawal-rejected', {
      id: withdrawalId,
      amount,
      note,
    });
    return ok({ withdrawalId });
  });
  await done(ctx, decided, ctx.t(outcome === 'paid' ? 'mka-withdrawal-paid' : 'mka-withdrawal-rejected', { id: withdrawalId }), back);
}

export function marketAdminConversations() {
  const options = (id: string) => ({ id, maxMillisecondsToWait: STEP_WAIT_MS });
  return [
    createConversation<BotContext, ConversationContext>(newMarket, options(MARKET_NEW)),
    createConversation<BotContext, ConversationContext>(editMarketField, options(MARKET_EDIT)),
    createConversation<BotContext, ConversationContext>(newCategory, options(CATEGORY_NEW)),
    createConversation<BotContext, ConversationContext>(newLeague, options(LEAGUE_NEW)),
    createConversation<BotContext, ConversationContext>(renameCategoryForm, options(CATEGORY_RENAME)),
    createConversation<BotContext, ConversationContext>(renameLeagueForm, options(LEAGUE_RENAME)),
    createConversation<BotContext, ConversationContext>(setFee, options(FEE_SET)),
    createConversation<BotContext, ConversationContext>(rejectSeller, options(SELLER_REJECT)),
    createConversation<BotContext, ConversationContext>(decideWithdrawal, options(WITHDRAWAL_DECIDE)),
  ];
}
