import type { Db } from '../../deps.js';
import { isSupportedCurrency } from '../../money.js';

export interface CurrencyProceeds {
  currency: string;
  /** What can be withdrawn now (requested withdrawals already taken off). */
  availableMinor: bigint;
  /** Held in escrow on paid orders not yet confirmed ("<CUR>:held"). */
  heldMinor: bigint;
  /** Requested withdrawals not yet paid or rejected. */
  requestedMinor: bigint;
}

/**
 * A seller's proceeds per currency, from the ledger's cached balances: the currency assets
 * (sale proceeds less withdrawals) and their "<CUR>:held" escrow, plus requests in flight.
 */
export async function sellerProceeds(db: Db, sellerId: number): Promise<CurrencyProceeds[]> {
  const [balances, requested] = await Promise.all([
    db.balance.findMany({ where: { userId: sellerId } }),
    db.withdrawal.groupBy({ by: ['currency'], where: { sellerId, status: 'REQUESTED' }, _sum: { amountMinor: true } }),
  ]);
  const byCurrency = new Map<string, CurrencyProceeds>();
  const entry = (currency: string) => {
    let found = byCurrency.get(currency);
    if (!found) {
      found = { currency, availableMinor: 0n, heldMinor: 0n, requestedMinor: 0n };
      byCurrency.set(currency, found);
    }
    return found;
  };
  for (const b of balances) {
    const [currency = '', suffix] = b.asset.split(':');
    if (!isSupportedCurrency(currency) || b.amount === 0n) continue;
    if (suffix === undefined) entry(currency).availableMinor += b.amount;
    else if (suffix === 'held') entry(currency).heldMinor += b.amount;
  }
  for (const r of requested) entry(r.currency).requestedMinor += r._sum.amountMinor ?? 0n;
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The seller's withdrawals, newest first. */
export function sellerWithdrawals(db: Db, sellerId: number, take = 10) {
  return db.withdrawal.findMany({ where: { sellerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
}

/** Requested withdrawals for admins, oldest first. */
export function pendingWithdrawals(db: Db, take = 20) {
  return db.withdrawal.findMany({
    where: { status: 'REQUESTED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
    include: { seller: { select: { id: true, firstName: true, username: true } } },
  });
}
