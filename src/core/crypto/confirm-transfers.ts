import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import type { ChainSettings } from './assets.js';

/**
 * Confirms the transfers that are now ETH_CONFIRMATIONS deep below `tip` (the newest block the
 * watcher has checked is on the canonical chain) and still in a canonical block (their block hash
 * is the stored one for that height: the stored blocks are linked parent to child up to `tip`),
 * and adds them to their deposits' received sums, in one statement. Returns how many it confirmed.
 */
export async function confirmTransfers(deps: CoreDeps & { chain: ChainSettings }, input: { tip: bigint }): Promise<number> {
  const deepest = input.tip - BigInt(deps.chain.confirmations) + 1n;
  const rows = await deps.db.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    WITH confirmed AS (
      UPDATE crypto_transfers t SET status = 'CONFIRMED', confirmed_at = ${deps.clock.now()}
      FROM crypto_blocks b
      WHERE t.chain_id = ${deps.chain.chainId} AND t.status = 'SEEN' AND t.block_number <= ${deepest}
        AND b.chain_id = t.chain_id AND b.number = t.block_number AND b.hash = t.block_hash
      RETURNING t.deposit_id, t.value
    ), sums AS (
      UPDATE crypto_deposits d SET received_base_units = d.received_base_units + s.total
      FROM (SELECT deposit_id, sum(value) AS total FROM confirmed GROUP BY deposit_id) s
      WHERE d.id = s.deposit_id
      RETURNING d.id
    )
    SELECT (SELECT count(*) FROM confirmed) AS count`);
  return Number(rows[0]?.count ?? 0);
}
