import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { LotLanguage, LotPlatform, LotType } from '../../generated/prisma/client.js';
import { type FormField, formFieldsOf } from '../../core/market/admin/market-fields.js';
import { type CreateLotError, createLot } from '../../core/market/lots/create-lot.js';
import {
  type LotDraft,
  parseDescription,
  parseFieldValue,
  parseGoods,
  parseLevel,
  parseLotCurrency,
  parsePrice,
  parsePriceUnit,
  parseQuantity,
  parseShortDescription,
} from '../../core/market/lots/lot-fields.js';
import { fail, type Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import { marketDeps } from '../screens/market-common.js';
import { backToSelling, sellErrorText } from '../keyboards/selling-screens.js';
import { askValid, type Choice, choiceOnly, type Reply, STEP_WAIT_MS, type StepConversation } from './lot-ask.js';

export const LOT_CREATE = 'selling-lot-create';

interface CatalogMarket {
  id: number;
  title: string;
  categories: { id: number; name: string; lotType: LotType; formFields: FormField[] }[];
  leagues: { id: number; name: string; platform: LotPlatform | null }[];
}

const SKIP = 'skip';

/** A parser's result as askValid wants it. */
function read<T>(ctx: ConversationContext, parsed: Result<T, string>): { value: T } | { problem: string } {
  return parsed.ok ? { value: parsed.value } : { problem: sellErrorText(ctx, parsed.code) };
}

/** Typed text read by `parse`, or the Skip button (→ `skipped`). */
function textOrSkip<T>(ctx: ConversationContext, parse: (text: string) => Result<T, string>, skipped: T) {
  return (reply: Reply) => {
    if ('choice' in reply) return { value: skipped };
    if ('text' in reply) return read(ctx, parse(reply.text));
    return { problem: ctx.t('sell-text-only') };
  };
}

/** Typed text read by `parse`, or a button whose value is itself typed text ("1000"). */
function textOrChoice<T>(ctx: ConversationContext, parse: (text: string) => Result<T, string>) {
  return (reply: Reply) => {
    if ('choice' in reply) return read(ctx, parse(reply.choice));
    if ('text' in reply) return read(ctx, parse(reply.text));
    return { problem: ctx.t('sell-text-only') };
  };
}

/**
 * A new lot, step by step: market → category → league, platform, level, language → short and
 * long description → price, price unit, currency → quantity (MULTIPLE) or the form's fields (FORM)
 * → auto-delivery goods → deactivate after sale → summary → publish. Each typed value is checked
 * where it is typed (a clear reason and the same question again) and once more by createLot.
 */
async function lotCreate(conversation: StepConversation, ctx: ConversationContext): Promise<void> {
  const back = backToSelling(ctx);
  const markets = await conversation.external(async (outer): Promise<CatalogMarket[]> => {
    const rows = await outer.deps.core.db.market.findMany({
      where: { archivedAt: null },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      include: {
        categories: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
        leagues: { where: { archivedAt: null }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
      },
    });
    return rows
      .filter((m) => m.categories.length > 0)
      .map((m) => ({
        id: m.id,
        title: m.title,
        categories: m.categories.map((c) => ({ id: c.id, name: c.name, lotType: c.lotType, formFields: formFieldsOf(c.formFields) })),
        leagues: m.leagues.map((l) => ({ id: l.id, name: l.name, platform: l.platform })),
      }));
  });
  if (markets.length === 0) {
    await ctx.reply(ctx.t('sell-no-markets'), { reply_markup: new InlineKeyboard().text(back.label, back.data) });
    return;
  }
  const currencies = await conversation.external((outer) => [...marketDeps(outer).market.currencies]);
  const steps = (n: number) => ctx.t('sell-step', { step: n });
  const mustPick = ctx.t('sell-pick-a-button');

  const marketId = await askValid(conversation, ctx, `${steps(1)}\n${ctx.t('sell-ask-market')}`, { choices: markets.map((m) => ({ label: m.title, value: `m${m.id}` })), backTo: back }, choiceOnly(mustPick));
  const market = markets.find((m) => `m${m.id}` === marketId)!;
  const categoryChoice = await askValid(
    conversation,
    ctx,
    `${steps(2)}\n${ctx.t('sell-ask-category', { market: market.title })}`,
    { choices: market.categories.map((c) => ({ label: c.name, value: `c${c.id}` })), backTo: back },
    choiceOnly(mustPick),
  );
  const category = market.categories.find((c) => `c${c.id}` === categoryChoice)!;
  const skip: Choice = { label: ctx.t('sell-button-skip'), value: SKIP };

  let leagueId: number | null = null;
  if (market.leagues.length > 0) {
    const leagueChoice = await askValid(
      conversation,
      ctx,
      `${steps(3)}\n${ctx.t('sell-ask-league')}`,
      { choices: [...market.leagues.map((l) => ({ label: l.platform ? `${l.name} (${l.platform})` : l.name, value: `l${l.id}` })), skip], backTo: back },
      choiceOnly(mustPick),
    );
    leagueId = leagueChoice === SKIP ? null : Number(leagueChoice.slice(1));
  }
  const platformChoice = await askValid(
    conversation,
    ctx,
    `${steps(4)}\n${ctx.t('sell-ask-platform')}`,
    { choices: [...(['PC', 'IOS', 'ANDROID'] as const).map((p) => ({ label: p, value: p })), skip], backTo: back },
    choiceOnly(mustPick),
  );
  const platform = platformChoice === SKIP ? null : (platformChoice as LotPlatform);
  const characterLevel = await askValid(conversation, ctx, `${steps(5)}\n${ctx.t('sell-ask-level')}`, { choices: [skip], backTo: back }, textOrSkip<number | null>(ctx, parseLevel, null));
  const languageChoice = await askValid(
    conversation,
    ctx,
    `${steps(6)}\n${ctx.t('sell-ask-language')}`,
    { choices: [{ label: 'EN', value: 'EN' }, { label: 'RU', value: 'RU' }, skip], columns: 3, backTo: back },
    choiceOnly(mustPick),
  );
  const language = languageChoice === SKIP ? null : (languageChoice as LotLanguage);
  const shortDescription = await askValid(conversation, ctx, `${steps(7)}\n${ctx.t('sell-ask-short')}`, { backTo: back }, textOrChoice(ctx, parseShortDescription));
  const description = await askValid(conversation, ctx, `${steps(8)}\n${ctx.t('sell-ask-description')}`, { choices: [skip], backTo: back }, textOrSkip(ctx, parseDescription, ''));
  const price = await askValid(conversation, ctx, `${steps(9)}\n${ctx.t('sell-ask-price')}`, { backTo: back }, textOrChoice(ctx, parsePrice));
  const priceUnit = await askValid(
    conversation,
    ctx,
    `${steps(10)}\n${ctx.t('sell-ask-unit', { price })}`,
    { choices: ['1', '100', '1000', '1000000'].map((u) => ({ label: u, value: u })), columns: 4, backTo: back },
    textOrChoice(ctx, parsePriceUnit),
  );
  const currency = await askValid(
    conversation,
    ctx,
    `${steps(11)}\n${ctx.t('sell-ask-currency')}`,
    { choices: currencies.map((c) => ({ label: c, value: c })), columns: 3, backTo: back },
    textOrChoice(ctx, (text) => {
      const parsed = parseLotCurrency(text);
      return parsed.ok && !currencies.includes(parsed.value) ? fail('CURRENCY_NOT_OFFERED') : parsed;
    }),
  );

  let quantity = '1';
  const fields: Record<string, string> = {};
  if (category.lotType === 'MULTIPLE') {
    quantity = await askValid(conversation, ctx, `${steps(12)}\n${ctx.t('sell-ask-quantity', { unit: priceUnit })}`, { backTo: back }, textOrChoice(ctx, parseQuantity));
  } else {
    for (const field of category.formFields) {
      const question = `${steps(12)}\n${ctx.t(field.required ? 'sell-ask-field' : 'sell-ask-field-optional', { label: field.label })}`;
      const value = await askValid(conversation, ctx, question, { choices: field.required ? [] : [skip], backTo: back }, textOrSkip<string | null>(ctx, parseFieldValue, null));
      if (value !== null) fields[field.key] = value;
    }
  }
  const goods = await askValid(
    conversation,
    ctx,
    `${steps(13)}\n${ctx.t(category.lotType === 'FORM' ? 'sell-ask-goods-form' : 'sell-ask-goods', { quantity })}`,
    { choices: [{ label: ctx.t('sell-button-no-auto'), value: SKIP }], backTo: back },
    textOrSkip<string[]>(ctx, (text) => parseGoods(text, category.lotType, BigInt(quantity)), []),
  );
  const deactivate = await askValid(
    conversation,
    ctx,
    `${steps(14)}\n${ctx.t('sell-ask-deactivate')}`,
    { choices: [{ label: ctx.t('sell-yes'), value: 'yes' }, { label: ctx.t('sell-no'), value: 'no' }], backTo: back },
    choiceOnly(mustPick),
  );
  const draft: LotDraft = {
    categoryId: category.id,
    leagueId,
    platform,
    characterLevel,
    language,
    shortDescription,
    description,
    price,
    priceUnit,
    currency,
    quantity,
    fields,
    goods,
    deactivateAfterSale: deactivate === 'yes',
  };
  const league = market.leagues.find((l) => l.id === leagueId);
  const summary = [
    ctx.t('sell-summary-title'),
    ctx.t('sell-lot-where', { market: market.title, category: category.name }),
    shortDescription,
    ctx.t('sell-price', { price, currency, unit: priceUnit }),
    category.lotType === 'MULTIPLE' ? ctx.t('sell-lot-quantity', { quantity }) : ctx.t('sell-lot-form'),
    ...category.formFields.filter((f) => fields[f.key]).map((f) => `${f.label}: ${fields[f.key]}`),
    ...(league ? [ctx.t('sell-lot-league', { league: league.name })] : []),
    ...(platform ? [ctx.t('sell-lot-platform', { platform })] : []),
    ...(characterLevel !== null ? [ctx.t('sell-lot-level', { level: characterLevel })] : []),
    ...(language ? [ctx.t('sell-lot-language', { language })] : []),
    ...(goods.length > 0 ? [ctx.t('sell-lot-auto', { left: goods.length })] : []),
    ...(draft.deactivateAfterSale ? [ctx.t('sell-lot-deactivate')] : []),
    ...(description ? ['', description] : []),
  ].join('\n');
  await askValid(conversation, ctx, summary, { choices: [{ label: ctx.t('sell-button-publish'), value: 'publish' }], backTo: back }, choiceOnly(mustPick));
  const created = await conversation.external(async (outer): Promise<Result<{ lotId: number }, CreateLotError | 'NOT_ALLOWED'>> => {
    const sellerId = outer.account?.id;
    return sellerId === undefined ? fail('NOT_ALLOWED') : createLot(marketDeps(outer), { sellerId, draft });
  });
  if (!created.ok) {
    await ctx.reply(sellErrorText(ctx, created.code), { reply_markup: new InlineKeyboard().text(back.label, back.data) });
    return;
  }
  await ctx.reply(ctx.t('sell-lot-published', { id: created.value.lotId }), {
    reply_markup: new InlineKeyboard().text(ctx.t('sell-button-open-lot'), sellCb.lot.build(created.value.lotId)).text(back.label, back.data),
  });
}

export function lotCreateConversations() {
  return [createConversation<BotContext, ConversationContext>(lotCreate, { id: LOT_CREATE, maxMillisecondsToWait: STEP_WAIT_MS })];
}
