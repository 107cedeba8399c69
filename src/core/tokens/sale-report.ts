import type { Db } from '../deps.js';
import { Dec } from '../money.js';
import { buyerStats, rewardsIssued, type Totals, tokensSold } from './sale-stats.js';

export interface SaleReport {
  symbol: string;
  sold: Totals;
  rewards: Totals;
  users: number;
  buyers: number;
  referred: number;
  referredBuyers: number;
  /** Referred users who bought, as a percent of referred users ("66.67"); null when nobody was referred. */
  referralConversion: string | null;
}

/** The sale's figures for the admins: sold and rewarded in total and per round, buyers, conversion. */
export async function saleReport(db: Db, tokenId: number): Promise<SaleReport | null> {
  const token = await db.token.findUnique({ where: { id: tokenId }, select: { symbol: true } });
  if (!token) return null;
  const [sold, rewards, people] = await Promise.all([tokensSold(db, tokenId), rewardsIssued(db, tokenId), buyerStats(db, tokenId)]);
  const referralConversion =
    people.referred === 0 ? null : new Dec(people.referredBuyers).times(100).div(people.referred).toDecimalPlaces(2).toFixed(2);
  return { symbol: token.symbol, sold, rewards, ...people, referralConversion };
}
