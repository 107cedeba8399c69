import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { decodeListState, type ListState, MAX_PRICE_LENGTH, mkCb } from '../keyboards/market-buttons.js';
import { priceRangeText, showLotList } from '../screens/market-browse.js';
import { buyerCurrency } from '../screens/market-common.js';
import { recallSearch, rememberSearch } from '../screens/market-search.js';
import { show } from '../screens/show.js';
import { answerPress, type ProfileConversation, waitForAnswer } from './profile-steps.js';

export const MARKET_INPUT_CONVERSATION = 'market-browse-input';
export const MARKET_INPUTS = ['price', 'search'] as const;
export type MarketInput = (typeof MARKET_INPUTS)[number];

export type PriceRangeError = 'FORMAT' | 'DECIMALS' | 'TOO_LARGE' | 'ORDER';
export type SearchError = 'TOO_SHORT' | 'TOO_LONG';
export const SEARCH_MIN = 2;
export const SEARCH_MAX = 60;

/** A typed bound: digits with "." or "," and at most 4 decimals, normalized (no needless zeros). */
function parseBound(text: string): Result<string | undefined, PriceRangeError> {
  if (text === '') return ok(undefined);
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!m) return fail('FORMAT');
  const whole = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 4) return fail('DECIMALS');
  const value = fraction ? `${whole}.${fraction}` : whole;
  if (value.length > MAX_PRICE_LENGTH) return fail('TOO_LARGE');
  return ok(value === '0' ? undefined : value);
}

/**
 * A price range as typed: "10-50", "10 - 50", "1,5–3" (from and to), "10-" (from), "-50" (up to).
 * Zero bounds mean no bound; at least one bound is needed, and from ≤ to.
 */
export function parsePriceRange(input: string): Result<{ minPrice?: string; maxPrice?: string }, PriceRangeError> {
  const m = /^\s*([\d.,]*)\s*[-–—]\s*([\d.,]*)\s*$/.exec(input);
  if (!m) return fail('FORMAT');
  const min = parseBound(m[1] ?? '');
  if (!min.ok) return min;
  const max = parseBound(m[2] ?? '');
  if (!max.ok) return max;
  if (min.value === undefined && max.value === undefined) return fail('FORMAT');
  if (min.value !== undefined && max.value !== undefined && Number(min.value) > Number(max.value)) return fail('ORDER');
  return ok({ ...(min.value !== undefined ? { minPrice: min.value } : {}), ...(max.value !== undefined ? { maxPrice: max.value } : {}) });
}

/** A search text: spaces collapsed, SEARCH_MIN..SEARCH_MAX characters. */
export function parseSearch(input: string): Result<string, SearchError> {
  const text = input.trim().replace(/\s+/g, ' ');
  const length = [...text].length;
  if (length < SEARCH_MIN) return fail('TOO_SHORT');
  if (length > SEARCH_MAX) return fail('TOO_LONG');
  return ok(text);
}

/**
 * The lot list's typed-in inputs, price range and search: asks, and on a refused answer says why
 * and asks again (the list unchanged), until a valid answer opens the list with it, Clear removes
 * it, or Cancel (or any other button or command) leaves the list as it was.
 */
export async function askMarketInput(conversation: ProfileConversation, _ctx: ConversationContext, kindArg: unknown, stateArg: unknown): Promise<void> {
  const kind = z.enum(MARKET_INPUTS).parse(kindArg);
  const state = decodeListState(z.string().parse(stateArg));
  if (!state) throw new Error('the market input was entered with a bad list state');
  await conversation.external((ctx) => ask(ctx, kind, state));
  for (;;) {
    const answer = await waitForAnswer(conversation, [mkCb.cancel, mkCb.clear]);
    const pressed = answer.callbackQuery?.data;
    if (pressed !== undefined) {
      const clear = mkCb.clear.parse(pressed) !== undefined;
      await conversation.external(async (ctx) => {
        await answerPress(ctx);
        await showLotList(ctx, clear ? cleared(state, kind) : state, clear ? undefined : ctx.t('market-input-cancelled'));
      });
      return;
    }
    const text = answer.message?.text;
    const done = await conversation.external((ctx) => (text === undefined ? askAgain(ctx, kind, state, ctx.t('market-input-expect-text')) : apply(ctx, kind, state, text)));
    if (done) return;
  }
}

function cleared(state: ListState, kind: MarketInput): ListState {
  const { minPrice, maxPrice, search, ...rest } = state;
  const kept = kind === 'price' ? { ...(search !== undefined ? { search } : {}) } : { ...(minPrice ? { minPrice } : {}), ...(maxPrice ? { maxPrice } : {}) };
  return { ...rest, ...kept, page: 1 };
}

async function apply(ctx: BotContext, kind: MarketInput, state: ListState, text: string): Promise<boolean> {
  if (kind === 'price') {
    const range = parsePriceRange(text);
    if (!range.ok) return askAgain(ctx, kind, state, ctx.t(`market-price-error-${range.code.toLowerCase().replace('_', '-')}`));
    const { minPrice: _min, maxPrice: _max, ...rest } = state;
    await showLotList(ctx, { ...rest, ...range.value, page: 1 });
    return true;
  }
  const search = parseSearch(text);
  if (!search.ok) {
    const error = search.code === 'TOO_SHORT' ? ctx.t('market-search-error-too-short', { min: SEARCH_MIN }) : ctx.t('market-search-error-too-long', { max: SEARCH_MAX });
    return askAgain(ctx, kind, state, error);
  }
  await showLotList(ctx, { ...state, search: rememberSearch(ctx, search.value), page: 1 });
  return true;
}

function question(ctx: BotContext, kind: MarketInput, state: ListState): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  let text: string;
  if (kind === 'price') {
    const currency = buyerCurrency(ctx);
    const current = state.minPrice || state.maxPrice ? priceRangeText(ctx, state.minPrice, state.maxPrice, currency) : ctx.t('market-any');
    text = ctx.t('market-ask-price', { currency, current });
    if (state.minPrice || state.maxPrice) keyboard.text(ctx.t('market-button-clear-price'), mkCb.clear.build());
  } else {
    const current = state.search === undefined ? undefined : recallSearch(ctx, state.search);
    text = current ? ctx.t('market-ask-search-current', { current }) : ctx.t('market-ask-search');
    if (current) keyboard.text(ctx.t('market-button-clear-search'), mkCb.clear.build());
  }
  keyboard.text(ctx.t('button-cancel'), mkCb.cancel.build());
  return { text, keyboard };
}

async function ask(ctx: BotContext, kind: MarketInput, state: ListState): Promise<void> {
  const { text, keyboard } = question(ctx, kind, state);
  await show(ctx, text, { reply_markup: keyboard });
}

async function askAgain(ctx: BotContext, kind: MarketInput, state: ListState, reason: string): Promise<false> {
  const { text, keyboard } = question(ctx, kind, state);
  await show(ctx, `${reason}\n\n${text}`, { reply_markup: keyboard });
  return false;
}
