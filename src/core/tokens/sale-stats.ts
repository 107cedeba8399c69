import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';

export interface PerRound {
  roundId: number;
  name: string;
  amount: bigint;
}

export interface Totals {
  total: bigint;
  perRound: PerRound[];
}

/** Tokens sold (paid orders) in total and per round, every round listed. */
export async function tokensSold(db: Db, tokenId: number): Promise<Totals> {
  const rows = await db.$queryRaw<{ round_id: number; name: string; amount: bigint }[]>(Prisma.sql`
    SELECT r.id AS round_id, r.name, r.sold AS amount
    FROM token_rounds r WHERE r.token_id = ${tokenId} ORDER BY r.position`);
  return totals(rows);
}

/** Referral rewards issued in total and per round of the orders that earned them. */
export async function rewardsIssued(db: Db, tokenId: number): Promise<Totals> {
  const rows = await db.$queryRaw<{ round_id: number; name: string; amount: bigint }[]>(Prisma.sql`
    SELECT r.id AS round_id, r.name, coalesce(sum(rw.amount), 0)::bigint AS amount
    FROM token_rounds r
    LEFT JOIN token_orders o ON o.round_id = r.id
    LEFT JOIN referral_rewards rw ON rw.order_id = o.id
    WHERE r.token_id = ${tokenId}
    GROUP BY r.id, r.name, r.position ORDER BY r.position`);
  return totals(rows);
}

/** Buyers with at least one paid order, and how many users came by referral and bought. */
export async function buyerStats(db: Db, tokenId: number): Promise<{ users: number; buyers: number; referred: number; referredBuyers: number }> {
  const [row] = await db.$queryRaw<{ users: bigint; buyers: bigint; referred: bigint; referred_buyers: bigint }[]>(Prisma.sql`
    WITH buyers AS (
      SELECT DISTINCT o.buyer_id FROM token_orders o JOIN token_rounds r ON r.id = o.round_id
      WHERE r.token_id = ${tokenId} AND o.status = 'PAID'
    )
    SELECT (SELECT count(*) FROM users) AS users,
           (SELECT count(*) FROM buyers) AS buyers,
           (SELECT count(*) FROM users WHERE referrer_id IS NOT NULL) AS referred,
           (SELECT count(*) FROM users u JOIN buyers b ON b.buyer_id = u.id WHERE u.referrer_id IS NOT NULL) AS referred_buyers`);
  return {
    users: Number(row?.users ?? 0),
    buyers: Number(row?.buyers ?? 0),
    referred: Number(row?.referred ?? 0),
    referredBuyers: Number(row?.referred_buyers ?? 0),
  };
}

function totals(rows: { round_id: number; name: string; amount: bigint }[]): Totals {
  const perRound = rows.map((r) => ({ roundId: r.round_id, name: r.name, amount: r.amount }));
  return { total: perRound.reduce((sum, r) => sum + r.amount, 0n), perRound };
}
