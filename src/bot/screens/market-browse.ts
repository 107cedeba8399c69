import { InlineKeyboard } from 'grammy';
import { getBrowseCategory, type BrowseCategory } from '../../core/market/get-browse-category.js';
import { getMarketCard } from '../../core/market/get-market-card.js';
import { type LotCard, listLots, LOT_SORTS } from '../../core/market/list-lots.js';
import { listMarkets } from '../../core/market/list-markets.js';
import { cb } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { addPager, type FilterMenu, isFiltered, type ListState, initialListState, listData, encodeListState, mkCb, pageOf } from '../keyboards/market-buttons.js';
import { mkoCb } from '../keyboards/market-order-buttons.js';
import { formatDecimalText, formatInteger } from '../format.js';
import { buyerCurrency, languageName, marketDeps, marketLocale, perUnits, platformName, sellerStanding, short, sortName } from './market-common.js';
import { recallSearch } from './market-search.js';
import { show } from './show.js';

/** Lots per page of a list: a screen's worth of buttons. */
export const LIST_PAGE_SIZE = 5;

/** Answers a button whose data no longer matches anything (an old message, forged data): nothing changes. */
export async function staleButton(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('stale-button') });
  else await ctx.reply(ctx.t('stale-button'));
}

const pagerLabels = (ctx: BotContext) => ({ prev: ctx.t('button-prev'), next: ctx.t('button-next') });
const pageLine = (ctx: BotContext, page: { page: number; pages: number }) => (page.pages > 1 ? `\n${ctx.t('market-choice-page', page)}` : '');

/** Market → the games, a button each, CHOICE_PAGE_SIZE a page. */
export async function showMarkets(ctx: BotContext, options: { fresh?: boolean; page?: number } = {}): Promise<void> {
  const markets = await listMarkets(ctx.deps.core);
  const page = pageOf(markets, options.page ?? 1);
  const keyboard = new InlineKeyboard();
  for (const market of page.items) keyboard.text(short(market.title), mkCb.market.build(market.id)).row();
  addPager(keyboard, pagerLabels(ctx), page, (n) => (n === 1 ? mkCb.markets.build() : mkCb.marketsPage.build(n)));
  keyboard.text(ctx.t('mko-button-my-orders'), mkoCb.mine.build(1)).row();
  keyboard.text(ctx.t('menu-back'), cb.menu.build());
  const text = markets.length ? ctx.t('market-markets') + pageLine(ctx, page) : ctx.t('market-markets-empty');
  await show(ctx, text, { reply_markup: keyboard }, options);
}

/** A game's card: its description and help for buyers, and its categories, CHOICE_PAGE_SIZE a page. */
export async function showMarketCard(ctx: BotContext, marketId: number, pageNumber = 1): Promise<void> {
  const result = await getMarketCard(ctx.deps.core, { marketId });
  if (!result.ok) return staleButton(ctx);
  const { market, categories } = result.value;
  const parts = [`🎮 ${market.title}`];
  // Both may be 4000 characters; a message takes 4096.
  if (market.description) parts.push(short(market.description, 1800));
  if (market.buyerHelp) parts.push(ctx.t('market-buyer-help', { help: short(market.buyerHelp, 1800) }));
  const page = pageOf(categories, pageNumber);
  parts.push(categories.length ? ctx.t('market-choose-category') + pageLine(ctx, page) : ctx.t('market-no-categories'));
  const keyboard = new InlineKeyboard();
  for (const category of page.items) {
    keyboard.text(ctx.t('market-category-button', { name: short(category.name, 32), count: category.lotCount }), listData(initialListState(category.id))).row();
  }
  addPager(keyboard, pagerLabels(ctx), page, (n) => (n === 1 ? mkCb.market.build(market.id) : mkCb.marketPage.build(market.id, n)));
  keyboard.text(ctx.t('button-back'), mkCb.markets.build());
  await show(ctx, parts.join('\n\n'), { reply_markup: keyboard });
}

/** The category and its market, or the stale notice when the state points at nothing (archived, forged). */
async function loadList(ctx: BotContext, state: ListState): Promise<{ browse: BrowseCategory; search?: string } | undefined> {
  const found = await getBrowseCategory(ctx.deps.core, { categoryId: state.categoryId });
  if (!found.ok) return undefined;
  if (state.leagueId !== undefined && !found.value.leagues.some((l) => l.id === state.leagueId)) return undefined;
  if (state.search === undefined) return { browse: found.value };
  const search = recallSearch(ctx, state.search);
  return search === undefined ? undefined : { browse: found.value, search };
}

/**
 * A page of a category's lots through the market core's listing (filters, sort and search in the
 * buyer's display currency), a button per lot, paging, and the filter buttons.
 */
export async function showLotList(ctx: BotContext, state: ListState, notice?: string): Promise<void> {
  const loaded = await loadList(ctx, state);
  if (!loaded) return staleButton(ctx);
  const { browse, search } = loaded;
  const deps = marketDeps(ctx);
  const query = (page: number) =>
    listLots(deps, {
      categoryId: state.categoryId,
      ...(state.platform ? { platform: state.platform } : {}),
      ...(state.language ? { language: state.language } : {}),
      ...(state.leagueId !== undefined ? { leagueId: state.leagueId } : {}),
      ...(state.minPrice ? { minPrice: state.minPrice } : {}),
      ...(state.maxPrice ? { maxPrice: state.maxPrice } : {}),
      ...(search ? { q: search } : {}),
      sort: state.sort,
      page,
      pageSize: LIST_PAGE_SIZE,
      displayCurrency: buyerCurrency(ctx),
    });
  let listed = await query(state.page);
  // Past the end (lots sold since the button was drawn): the first page instead.
  if (listed.ok && listed.value.items.length === 0 && state.page > 1) {
    state = { ...state, page: 1 };
    listed = await query(1);
  }
  if (!listed.ok) throw new Error(`listing refused the display currency: ${listed.code}`);
  const page = listed.value;
  const pages = Math.max(1, Math.ceil(page.total / LIST_PAGE_SIZE));
  const locale = marketLocale(ctx);

  const lines = [
    ctx.t('market-list-header', { market: browse.market.title, category: browse.category.name }),
    ctx.t('market-list-summary', { currency: page.displayCurrency, sort: sortName(ctx, state.sort) }),
  ];
  const filters = filterSummary(ctx, state, browse, search);
  if (filters) lines.push(ctx.t('market-list-filters', { filters }));
  if (page.unconvertible.length && (state.minPrice || state.maxPrice || state.sort === 'price' || state.sort === 'price_desc')) {
    lines.push(ctx.t('market-list-unconvertible', { currencies: page.unconvertible.join(', ') }));
  }
  const parts = [lines.join('\n')];
  if (page.items.length) {
    parts.push(ctx.t('market-list-page', { page: state.page, pages, total: formatInteger(BigInt(page.total), locale) }));
    parts.push(page.items.map((lot, i) => lotLine(ctx, lot, (state.page - 1) * LIST_PAGE_SIZE + i + 1, page.displayCurrency)).join('\n\n'));
  } else {
    parts.push(isFiltered(state) ? ctx.t('market-list-empty-filtered') : ctx.t('market-list-empty'));
  }
  if (notice) parts.unshift(notice);

  const keyboard = new InlineKeyboard();
  for (const [i, lot] of page.items.entries()) {
    keyboard.text(`${(state.page - 1) * LIST_PAGE_SIZE + i + 1}. ${short(lot.shortDescription, 36)}`, mkCb.lot.build(lot.id, encodeListState(state))).row();
  }
  if (state.page > 1) keyboard.text(ctx.t('button-prev'), listData({ ...state, page: state.page - 1 }));
  if (state.page < pages) keyboard.text(ctx.t('button-next'), listData({ ...state, page: state.page + 1 }));
  if (state.page > 1 || state.page < pages) keyboard.row();
  // The menus and inputs come back to this page; a choice made in them opens the first page.
  const at = encodeListState(state);
  keyboard
    .text(ctx.t('market-button-sort', { sort: sortName(ctx, state.sort) }), mkCb.filter.build('sort', at))
    .text(ctx.t('market-button-platform', { value: state.platform ? platformName(ctx, state.platform) : ctx.t('market-any') }), mkCb.filter.build('plat', at))
    .row();
  if (browse.leagues.length) {
    const league = browse.leagues.find((l) => l.id === state.leagueId);
    keyboard.text(ctx.t('market-button-league', { value: league ? short(league.name, 20) : ctx.t('market-any') }), mkCb.filter.build('league', at));
  }
  keyboard
    .text(ctx.t('market-button-language', { value: state.language ? languageName(ctx, state.language) : ctx.t('market-any') }), mkCb.filter.build('lang', at))
    .row()
    .text(ctx.t('market-button-price'), mkCb.price.build(at))
    .text(ctx.t('market-button-search'), mkCb.search.build(at))
    .row();
  if (isFiltered(state)) keyboard.text(ctx.t('market-button-reset'), listData({ ...initialListState(state.categoryId), sort: state.sort })).row();
  keyboard.text(ctx.t('button-back'), mkCb.market.build(browse.market.id));
  await show(ctx, parts.join('\n\n'), { reply_markup: keyboard });
}

/** One lot of a list: its title, price (and in the display currency), the seller's standing. */
function lotLine(ctx: BotContext, lot: LotCard, n: number, displayCurrency: string): string {
  return ctx.t('market-list-item', {
    n,
    title: lot.shortDescription,
    price: priceWithDisplay(ctx, lot.price, lot.currency, lot.priceUnit, lot.displayPrice?.price ?? null, displayCurrency),
    standing: sellerStanding(ctx, lot.seller),
  });
}

/** "1.50 USD ≈ 135.00 RUB", the original alone in the display currency, or with "no rate" when there is none. */
export function priceWithDisplay(ctx: BotContext, price: string, currency: string, priceUnit: bigint, displayPrice: string | null, displayCurrency: string): string {
  const original = perUnits(ctx, price, currency, priceUnit);
  if (currency === displayCurrency) return original;
  if (displayPrice === null) return ctx.t('market-price-no-rate', { price: original, currency: displayCurrency });
  return ctx.t('market-price-converted', { price: original, converted: perUnits(ctx, displayPrice, displayCurrency, priceUnit) });
}

function filterSummary(ctx: BotContext, state: ListState, browse: BrowseCategory, search: string | undefined): string {
  const parts: string[] = [];
  if (state.platform) parts.push(platformName(ctx, state.platform));
  const league = browse.leagues.find((l) => l.id === state.leagueId);
  if (league) parts.push(league.name);
  if (state.language) parts.push(languageName(ctx, state.language));
  if (state.minPrice || state.maxPrice) parts.push(priceRangeText(ctx, state.minPrice, state.maxPrice, buyerCurrency(ctx)));
  if (search) parts.push(ctx.t('market-filter-search', { text: search }));
  return parts.join(' · ');
}

export function priceRangeText(ctx: BotContext, min: string | undefined, max: string | undefined, currency: string): string {
  const locale = marketLocale(ctx);
  const fmt = (v: string) => formatDecimalText(v, locale);
  if (min && max) return ctx.t('market-range-between', { min: fmt(min), max: fmt(max), currency });
  if (min) return ctx.t('market-range-from', { min: fmt(min), currency });
  return ctx.t('market-range-to', { max: fmt(max ?? '0'), currency });
}

/**
 * A filter's choices, the current one ticked; each opens the list's first page with it. The
 * leagues come CHOICE_PAGE_SIZE a page ("any" on each), the page number beside the list's state.
 */
export async function showFilterMenu(ctx: BotContext, menu: FilterMenu, state: ListState, pageNumber = 1): Promise<void> {
  const loaded = await loadList(ctx, state);
  if (!loaded) return staleButton(ctx);
  const keyboard = new InlineKeyboard();
  const tick = (on: boolean, label: string) => (on ? `✅ ${label}` : label);
  const choose = (label: string, next: ListState, on: boolean) => keyboard.text(tick(on, label), listData({ ...next, page: 1 })).row();
  let question: string;
  switch (menu) {
    case 'sort':
      question = ctx.t('market-choose-sort');
      for (const sort of LOT_SORTS) choose(sortName(ctx, sort), { ...state, sort }, state.sort === sort);
      break;
    case 'plat': {
      question = ctx.t('market-choose-platform');
      const { platform: _, ...without } = state;
      choose(ctx.t('market-any'), without, !state.platform);
      for (const platform of ['PC', 'IOS', 'ANDROID'] as const) choose(platformName(ctx, platform), { ...state, platform }, state.platform === platform);
      break;
    }
    case 'lang': {
      question = ctx.t('market-choose-language');
      const { language: _, ...without } = state;
      choose(ctx.t('market-any'), without, !state.language);
      for (const language of ['EN', 'RU'] as const) choose(languageName(ctx, language), { ...state, language }, state.language === language);
      break;
    }
    case 'league': {
      question = ctx.t('market-choose-league');
      const { leagueId: _, ...without } = state;
      choose(ctx.t('market-any'), without, state.leagueId === undefined);
      const page = pageOf(loaded.browse.leagues, pageNumber);
      for (const league of page.items) {
        const label = league.platform ? `${league.name} (${platformName(ctx, league.platform)})` : league.name;
        choose(short(label), { ...state, leagueId: league.id }, state.leagueId === league.id);
      }
      question += pageLine(ctx, page);
      const at = encodeListState(state);
      addPager(keyboard, pagerLabels(ctx), page, (n) => (n === 1 ? mkCb.filter.build('league', at) : mkCb.leaguePage.build(n, at)));
      break;
    }
  }
  keyboard.text(ctx.t('button-back'), listData(state));
  await show(ctx, question, { reply_markup: keyboard });
}
