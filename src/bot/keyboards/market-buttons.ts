import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import type { LotLanguage, LotPlatform } from '../../generated/prisma/client.js';
import type { LotSort } from '../../core/market/list-lots.js';
import { defineCallback, idArg, pageArg } from '../callback-data.js';

/**
 * A lot list's whole state, carried in its buttons' callback data so that every button of an old
 * message still means what it showed (the 64-byte limit makes it compact; see encodeListState).
 * The search text itself is too long for callback data: `search` numbers one of the chat's last
 * searches kept in the session (src/bot/screens/market-search.ts).
 */
export interface ListState {
  categoryId: number;
  page: number;
  sort: LotSort;
  platform?: LotPlatform;
  language?: LotLanguage;
  leagueId?: number;
  /** Price per one unit in the display currency, inclusive, as normalized decimal strings. */
  minPrice?: string;
  maxPrice?: string;
  search?: number;
}

const SORT_CODES: Record<LotSort, string> = { price: 'p', price_desc: 'd', newest: 'n', rating: 'r' };
const PLATFORM_CODES: Record<LotPlatform, string> = { PC: 'c', IOS: 'i', ANDROID: 'a' };
const LANGUAGE_CODES: Record<LotLanguage, string> = { EN: 'e', RU: 'r' };
const invert = <K extends string>(codes: Record<K, string>) => new Map(Object.entries(codes).map(([k, v]) => [v as string, k as K]));
const SORTS = invert(SORT_CODES);
const PLATFORMS = invert(PLATFORM_CODES);
const LANGUAGES = invert(LANGUAGE_CODES);

export const MAX_ID = 2_147_483_647;
/** Pages a list can be paged to (4 digits in the data). */
export const MAX_PAGE = 9999;
/** A typed price bound above zero, normalized: at most 9 characters, 4 decimals (a unit can cost a fraction of a cent). */
export const PRICE_PATTERN = /^(?:0\.\d{0,3}[1-9]|[1-9]\d{0,8}(?:\.\d{0,3}[1-9])?)$/;
export const MAX_PRICE_LENGTH = 9;
/** Search numbers in the data: 1..36³-1 (three base-36 digits), then they wrap around. */
export const MAX_SEARCH = 36 ** 3 - 1;

const id36 = '[1-9a-z][0-9a-z]{0,5}';
const price = '\\d[\\d.]{0,8}';
const STATE = new RegExp(`^(${id36})_([1-9]\\d{0,3})_([pdnr])([xcia])([xer])_((?:${id36})?)_((?:${price})?)_((?:${price})?)_((?:[1-9a-z][0-9a-z]{0,2})?)$`);

/**
 * The state as `<category>_<page>_<sort><platform><language>_<league>_<min>_<max>_<search>`: ids
 * and the search number in base 36, one letter per choice (x: any), empty fields for no filter.
 * `3_1_pxx____` is category 3's first page by price; the longest, 46 bytes, leaves room for
 * `mk.lot:<10-digit lot id>:` in front.
 */
export function encodeListState(state: ListState): string {
  return [
    state.categoryId.toString(36),
    String(state.page),
    `${SORT_CODES[state.sort]}${state.platform ? PLATFORM_CODES[state.platform] : 'x'}${state.language ? LANGUAGE_CODES[state.language] : 'x'}`,
    state.leagueId?.toString(36) ?? '',
    state.minPrice ?? '',
    state.maxPrice ?? '',
    state.search?.toString(36) ?? '',
  ].join('_');
}

/** The state from callback data; undefined for anything encodeListState would not have written. */
export function decodeListState(text: string): ListState | undefined {
  const m = STATE.exec(text);
  if (!m) return undefined;
  const [, cat = '', page = '', sort = '', platform = '', language = '', league = '', min = '', max = '', search = ''] = m;
  const categoryId = Number.parseInt(cat, 36);
  const leagueId = league ? Number.parseInt(league, 36) : undefined;
  if (categoryId > MAX_ID || (leagueId !== undefined && leagueId > MAX_ID)) return undefined;
  if ((min && !PRICE_PATTERN.test(min)) || (max && !PRICE_PATTERN.test(max))) return undefined;
  if (min && max && Number(min) > Number(max)) return undefined;
  const state: ListState = { categoryId, page: Number(page), sort: SORTS.get(sort)! };
  if (platform !== 'x') state.platform = PLATFORMS.get(platform);
  if (language !== 'x') state.language = LANGUAGES.get(language);
  if (leagueId !== undefined) state.leagueId = leagueId;
  if (min) state.minPrice = min;
  if (max) state.maxPrice = max;
  if (search) state.search = Number.parseInt(search, 36);
  return state;
}

/** A category's list as it opens: first page, cheapest first, no filters. */
export function initialListState(categoryId: number): ListState {
  return { categoryId, page: 1, sort: 'price' };
}

/** True when a filter or a search narrows the list (the sort does not). */
export function isFiltered(state: ListState): boolean {
  return Boolean(state.platform || state.language || state.leagueId || state.minPrice || state.maxPrice || state.search);
}

const stateArg = z.string().regex(/^[0-9a-z_.]{1,46}$/);
export const FILTER_MENUS = ['sort', 'plat', 'lang', 'league'] as const;
export type FilterMenu = (typeof FILTER_MENUS)[number];

// The buyer's browsing. The menu's entry is `mk`; every list button carries the list's state.
export const mkCb = {
  markets: defineCallback('mk', z.tuple([])),
  /** A page of the games (`mk` is the first). */
  marketsPage: defineCallback('mk.ms', z.tuple([pageArg])),
  market: defineCallback('mk.m', z.tuple([idArg])),
  /** A page of a game's categories (`mk.m` is the first). */
  marketPage: defineCallback('mk.m.p', z.tuple([idArg, pageArg])),
  list: defineCallback('mk.l', z.tuple([stateArg])),
  filter: defineCallback('mk.f', z.tuple([z.enum(FILTER_MENUS), stateArg])),
  /** A page of the league filter's choices (`mk.f:league` is the first): at most 57 bytes. */
  leaguePage: defineCallback('mk.lg', z.tuple([pageArg, stateArg])),
  /** Typed-in inputs (a conversation): the price range and the search text. */
  price: defineCallback('mk.pr', z.tuple([stateArg])),
  search: defineCallback('mk.q', z.tuple([stateArg])),
  /** Inside a typed-in input: leave it unchanged, or remove the range / the search. */
  cancel: defineCallback('mk.x', z.tuple([])),
  clear: defineCallback('mk.x.clr', z.tuple([])),
  lot: defineCallback('mk.lot', z.tuple([idArg, stateArg])),
  /** Profile → Display currency, and the choice of one. */
  currencies: defineCallback('mk.cur', z.tuple([])),
  setCurrency: defineCallback('mk.cur.set', z.tuple([z.string().regex(/^[A-Z]{3,4}$/)])),
};

/** Games, categories and leagues per page of a choice: Telegram refuses keyboards of ~100 buttons. */
export const CHOICE_PAGE_SIZE = 10;

/** One page of `items` (a page past the end shows the last one), and how many pages there are. */
export function pageOf<T>(items: readonly T[], page: number, size = CHOICE_PAGE_SIZE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(1, page), pages);
  return { items: items.slice((at - 1) * size, at * size), page: at, pages };
}

/** ◀ / ▶ on one row, as the other paged lists have them; nothing on a single page. */
export function addPager(keyboard: InlineKeyboard, labels: { prev: string; next: string }, page: { page: number; pages: number }, data: (page: number) => string): InlineKeyboard {
  if (page.page > 1) keyboard.text(labels.prev, data(page.page - 1));
  if (page.page < page.pages) keyboard.text(labels.next, data(page.page + 1));
  if (page.pages > 1) keyboard.row();
  return keyboard;
}

/** Builds a list button's data from a state. */
export const listData = (state: ListState) => mkCb.list.build(encodeListState(state));

/** The keyboard's back button to a list, for screens opened from one. */
export function backToList(label: string, state: ListState): InlineKeyboard {
  return new InlineKeyboard().text(label, listData(state));
}
