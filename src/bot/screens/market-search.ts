import type { BotContext } from '../context.js';
import { MAX_SEARCH } from '../keyboards/market-buttons.js';

/** How many of a chat's searches its lists' buttons can refer to. */
const KEPT = 10;

/**
 * Keeps a search text in the chat's session and returns its number for the lists' callback data.
 * An old button whose search has since dropped out of the last KEPT is out of date.
 */
export function rememberSearch(ctx: BotContext, text: string): number {
  const store = ctx.session.marketSearches ?? { next: 1, items: [] };
  const existing = store.items.find(([, q]) => q === text);
  if (existing) return existing[0];
  const number = store.next;
  ctx.session.marketSearches = { next: number >= MAX_SEARCH ? 1 : number + 1, items: [...store.items.filter(([n]) => n !== number), [number, text] as [number, string]].slice(-KEPT) };
  return number;
}

/** The text of search `number`, or undefined when this chat has no such search (any more). */
export function recallSearch(ctx: BotContext, number: number): string | undefined {
  return ctx.session.marketSearches?.items.find(([n]) => n === number)?.[1];
}
