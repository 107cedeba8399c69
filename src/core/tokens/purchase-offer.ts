import type { CoreDeps } from '../deps.js';
import { Dec } from '../money.js';
import { fail, ok, type Result } from '../result.js';
import { currentSale } from './current-sale.js';
import { tokensLeft } from './progress.js';

export type PurchaseOfferError = 'SALE_NOT_ACTIVE' | 'SALE_COMPLETE' | 'ROUND_NOT_STARTED' | 'ROUND_SOLD_OUT';

/** What a buyer may ask for in the active round now: the bounds of the amount step. */
export interface PurchaseOffer {
  roundId: number;
  roundName: string;
  unitPrice: Dec;
  currency: string;
  min: bigint;
  max: bigint | null;
  /** Tokens that can still be reserved (pending reservations are not for sale). */
  left: bigint;
}

/** The active round as an offer, or why nothing can be bought right now. */
export async function purchaseOffer(deps: Pick<CoreDeps, 'db' | 'clock'>, tokenId: number): Promise<Result<PurchaseOffer, PurchaseOfferError>> {
  const sale = await currentSale(deps, tokenId);
  if (sale?.saleComplete) return fail('SALE_COMPLETE');
  const round = sale?.active?.round;
  if (!round) return fail('SALE_NOT_ACTIVE');
  if (round.startsAt && round.startsAt > deps.clock.now()) return fail('ROUND_NOT_STARTED', { startsAt: round.startsAt.toISOString() });
  const left = tokensLeft(round);
  if (left === 0n || left < round.minPurchase) return fail('ROUND_SOLD_OUT');
  return ok({
    roundId: round.id,
    roundName: round.name,
    unitPrice: new Dec(round.unitPrice.toString()),
    currency: round.currency.trim(),
    min: round.minPurchase,
    max: round.maxPurchase,
    left,
  });
}
