import { createConversation } from '@grammyjs/conversations';
import { Composer, type Middleware } from 'grammy';
import { setDisplayCurrency } from '../../core/users/display-currency.js';
import { onCallback } from '../callback-data.js';
import type { BotContext, ConversationContext } from '../context.js';
import { askMarketInput, MARKET_INPUT_CONVERSATION, type MarketInput } from '../conversations/market-browse-input.js';
import { accountId } from '../conversations/profile-steps.js';
import { decodeListState, encodeListState, type ListState, mkCb } from '../keyboards/market-buttons.js';
import { showFilterMenu, showLotList, showMarketCard, showMarkets, staleButton } from '../screens/market-browse.js';
import { marketDeps } from '../screens/market-common.js';
import { showCurrencyScreen } from '../screens/market-currency.js';
import { openLotFromList } from '../screens/market-lot.js';
import { recallSearch } from '../screens/market-search.js';

/**
 * The buyer's browsing: Market → games → a game's card → its categories → lots, a page at a time,
 * with filters, sorting and search, → a lot's card with Buy and Share. Each list button carries the
 * list's whole state (market-buttons.ts); data that does not decode is answered as out of date and
 * changes nothing. The display currency is chosen from Profile.
 */
export const marketFeature = new Composer<BotContext>();

onCallback(marketFeature, mkCb.markets, (ctx) => showMarkets(ctx));
onCallback(marketFeature, mkCb.marketsPage, (ctx, page) => showMarkets(ctx, { page }));
marketFeature.chatType('private').command('market', (ctx) => showMarkets(ctx, { fresh: true }));
onCallback(marketFeature, mkCb.market, (ctx, marketId) => showMarketCard(ctx, marketId));
onCallback(marketFeature, mkCb.marketPage, (ctx, marketId, page) => showMarketCard(ctx, marketId, page));
onCallback(marketFeature, mkCb.list, (ctx, state) => withState(ctx, state, (s) => showLotList(ctx, s)));
onCallback(marketFeature, mkCb.filter, (ctx, menu, state) => withState(ctx, state, (s) => showFilterMenu(ctx, menu, s)));
onCallback(marketFeature, mkCb.leaguePage, (ctx, page, state) => withState(ctx, state, (s) => showFilterMenu(ctx, 'league', s, page)));
onCallback(marketFeature, mkCb.price, (ctx, state) => withState(ctx, state, (s) => enterInput(ctx, 'price', s)));
onCallback(marketFeature, mkCb.search, (ctx, state) => withState(ctx, state, (s) => enterInput(ctx, 'search', s)));
onCallback(marketFeature, mkCb.lot, (ctx, lotId, state) => withState(ctx, state, (s) => openLotFromList(ctx, lotId, s)));
// Cancel or Clear of an input that is over (answered, or left for another screen): nothing to do.
onCallback(marketFeature, mkCb.cancel, (ctx) => staleButton(ctx));
onCallback(marketFeature, mkCb.clear, (ctx) => staleButton(ctx));

onCallback(marketFeature, mkCb.currencies, (ctx) => showCurrencyScreen(ctx));
onCallback(marketFeature, mkCb.setCurrency, async (ctx, currency) => {
  const result = await setDisplayCurrency(ctx.deps.core, { userId: accountId(ctx), currency, currencies: marketDeps(ctx).market.currencies });
  if (!result.ok) return staleButton(ctx);
  if (ctx.account) ctx.account = { ...ctx.account, displayCurrency: result.value.displayCurrency };
  await showCurrencyScreen(ctx, ctx.t('market-currency-saved', { currency: result.value.displayCurrency }));
});

async function withState(ctx: BotContext, encoded: string, then: (state: ListState) => Promise<unknown>): Promise<void> {
  const state = decodeListState(encoded);
  if (!state) return staleButton(ctx);
  await then(state);
}

async function enterInput(ctx: BotContext, kind: MarketInput, state: ListState): Promise<void> {
  // A search an old button refers to that the chat no longer has: out of date, as in the list.
  if (state.search !== undefined && recallSearch(ctx, state.search) === undefined) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(MARKET_INPUT_CONVERSATION, kind, encodeListState(state));
}

// An input left open this long is over: a later message is not taken as the answer.
const INPUT_TIMEOUT_MS = 30 * 60 * 1000;

/** The conversations this feature registers, installed before any feature. */
export function marketConversations(): Middleware<BotContext>[] {
  return [createConversation<BotContext, ConversationContext>(askMarketInput, { id: MARKET_INPUT_CONVERSATION, maxMillisecondsToWait: INPUT_TIMEOUT_MS })];
}
