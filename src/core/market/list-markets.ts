import type { Db } from '../deps.js';

export interface MarketSummary {
  id: number;
  slug: string;
  title: string;
  description: string;
  buyerHelp: string;
  sellerHelp: string;
  posterFileId: string | null;
  posterUrl: string | null;
}

/** The markets buyers see (not archived), in the admins' order. One query. */
export async function listMarkets(deps: { db: Db }): Promise<MarketSummary[]> {
  return deps.db.market.findMany({
    where: { archivedAt: null },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, slug: true, title: true, description: true, buyerHelp: true, sellerHelp: true, posterFileId: true, posterUrl: true },
  });
}
