import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type MarketFieldError, parseLongText, parseTitle } from './market-fields.js';

export const MARKET_FIELDS = ['title', 'description', 'buyerHelp', 'sellerHelp', 'poster'] as const;
export type MarketField = (typeof MARKET_FIELDS)[number];

/** One field of a market; the poster takes a photo's file id, or null to remove it. */
export async function editMarket(
  deps: Pick<CoreDeps, 'db'>,
  input: { marketId: number; field: MarketField; value: string | null },
): Promise<Result<{ marketId: number }, MarketFieldError | 'MARKET_NOT_FOUND'>> {
  let data: Record<string, string | null>;
  if (input.field === 'poster') data = { posterFileId: input.value };
  else if (input.field === 'title') {
    const title = parseTitle(input.value ?? '');
    if (!title.ok) return title;
    data = { title: title.value };
  } else {
    const text = parseLongText(input.value ?? '');
    if (!text.ok) return text;
    data = { [input.field]: text.value };
  }
  const updated = await deps.db.market.updateMany({ where: { id: input.marketId }, data });
  return updated.count === 1 ? ok({ marketId: input.marketId }) : fail('MARKET_NOT_FOUND');
}
