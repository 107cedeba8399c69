import type { Db } from '../deps.js';
import { Dec, toMinorUnitsFloor } from '../money.js';

/** The cached balance of one asset (kept in the same transaction as every ledger entry). */
export async function balanceOf(db: Db, userId: number, asset: string): Promise<bigint> {
  const row = await db.balance.findUnique({ where: { userId_asset: { userId, asset } } });
  return row?.amount ?? 0n;
}

/** The same balance summed from the ledger itself: the source of truth the cache must match. */
export async function ledgerSum(db: Db, userId: number, asset: string): Promise<bigint> {
  const sum = await db.ledgerEntry.aggregate({ where: { userId, asset }, _sum: { amount: true } });
  return sum._sum.amount ?? 0n;
}

export interface TokenBalance {
  tokens: bigint;
  /** What they are worth at the active round's price (rounded down), or null with no active round. */
  value: { amountMinor: bigint; currency: string } | null;
  /** Tokens in orders waiting for payment, not yet in the balance. */
  pending: bigint;
}

/** A user's token balance and its value in the active round's currency (the seed's token_balance_usd). */
export async function tokenBalance(db: Db, userId: number, tokenId: number): Promise<TokenBalance | null> {
  const token = await db.token.findUnique({
    where: { id: tokenId },
    include: { rounds: { where: { status: 'ACTIVE' }, take: 1 } },
  });
  if (!token) return null;
  const [tokens, pending] = await Promise.all([
    balanceOf(db, userId, token.symbol),
    db.tokenOrder.aggregate({ where: { buyerId: userId, status: 'PENDING', round: { tokenId } }, _sum: { amount: true } }),
  ]);
  const active = token.rounds[0];
  const currency = active?.currency.trim();
  return {
    tokens,
    value:
      active && currency
        ? { amountMinor: toMinorUnitsFloor(new Dec(active.unitPrice.toString()).times(tokens.toString()), currency), currency }
        : null,
    pending: pending._sum.amount ?? 0n,
  };
}
