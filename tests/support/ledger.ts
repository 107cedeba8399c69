import { expect } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

/**
 * The books balance: every cached balance equals the sum of that user's ledger entries for the
 * asset, no entry lacks its cached balance, and every paid order has exactly one purchase entry.
 */
export async function expectBooksBalance(db: PrismaClient): Promise<void> {
  const mismatched = await db.$queryRaw<{ user_id: number; asset: string; cached: bigint | null; summed: bigint | null }[]>`
    WITH summed AS (SELECT user_id, asset, sum(amount)::bigint AS amount FROM ledger_entries GROUP BY user_id, asset)
    SELECT coalesce(b.user_id, s.user_id) AS user_id, coalesce(b.asset, s.asset) AS asset, b.amount AS cached, s.amount AS summed
    FROM balances b FULL JOIN summed s ON s.user_id = b.user_id AND s.asset = b.asset
    WHERE b.amount IS DISTINCT FROM s.amount AND NOT (b.amount = 0 AND s.amount IS NULL)`;
  expect(mismatched).toEqual([]);
  const orders = await db.$queryRaw<{ id: number; entries: bigint }[]>`
    SELECT o.id, count(l.id) AS entries FROM token_orders o
    LEFT JOIN ledger_entries l ON l.kind = 'PURCHASE' AND l.source = 'token_order:' || o.id
    WHERE o.status = 'PAID' GROUP BY o.id HAVING count(l.id) <> 1`;
  expect(orders).toEqual([]);
  const rounds = await db.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM token_rounds r
    WHERE r.sold <> (SELECT coalesce(sum(amount), 0) FROM token_orders WHERE round_id = r.id AND status = 'PAID')
       OR r.reserved <> (SELECT coalesce(sum(amount), 0) FROM token_orders WHERE round_id = r.id AND status = 'PENDING')`;
  expect(rounds).toEqual([]);
}
