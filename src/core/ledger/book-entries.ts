import { Prisma } from '../../generated/prisma/client.js';

/**
 * The two CTE steps every booking ends with, for a statement that starts `WITH …,`:
 * - `entries` inserts the ledger rows `select` yields (columns: user_id, kind, asset, amount,
 *   source, created_at), skipping any whose (kind, source) is booked already, so a replayed event
 *   books nothing twice;
 * - `credited` adds exactly what was inserted to the cached balances, in the same statement, so
 *   the cache never disagrees with the ledger.
 * The statement then ends with its own SELECT.
 */
export function bookEntries(select: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    entries AS (
      INSERT INTO ledger_entries (user_id, kind, asset, amount, source, created_at)
      ${select}
      ON CONFLICT (kind, source) DO NOTHING
      RETURNING user_id, asset, amount
    ),
    credited AS (
      INSERT INTO balances (user_id, asset, amount)
      SELECT user_id, asset, sum(amount)::bigint FROM entries GROUP BY user_id, asset
      ON CONFLICT (user_id, asset) DO UPDATE SET amount = balances.amount + excluded.amount
      RETURNING user_id
    )`;
}
