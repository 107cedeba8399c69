import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type MarketFieldError, parseLongText, parseTitle, slugFromTitle } from './market-fields.js';

export interface MarketInput {
  title: string;
  description: string;
  buyerHelp: string;
  sellerHelp: string;
  /** A Telegram photo's file id (what the bot sends as the poster). */
  posterFileId: string | null;
}

/**
 * Adds a market (a game) after the last one. Its slug comes from the title, made unique with a
 * number ("dota-2", "dota-2-2"): a unique-key race between two admins retries with the next one.
 */
export async function createMarket(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: MarketInput,
): Promise<Result<{ marketId: number; slug: string }, MarketFieldError>> {
  const title = parseTitle(input.title);
  if (!title.ok) return title;
  for (const text of [input.description, input.buyerHelp, input.sellerHelp]) {
    const checked = parseLongText(text);
    if (!checked.ok) return checked;
  }
  const base = slugFromTitle(title.value);
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await deps.db.market.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const used = new Set(taken.map((m) => m.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    const last = await deps.db.market.aggregate({ _max: { position: true } });
    try {
      const market = await deps.db.market.create({
        data: {
          slug,
          title: title.value,
          description: input.description.trim(),
          buyerHelp: input.buyerHelp.trim(),
          sellerHelp: input.sellerHelp.trim(),
          posterFileId: input.posterFileId,
          position: (last._max.position ?? 0) + 1,
          createdAt: deps.clock.now(),
        },
      });
      return ok({ marketId: market.id, slug });
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
  }
  return fail('TITLE_INVALID');
}
