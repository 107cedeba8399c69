import type { CoreDeps } from '../deps.js';
import type { ChainSettings } from './assets.js';

export interface WatchedDeposit {
  depositId: number;
  /** 'ETH', or the token contract's checksummed address. */
  asset: string;
}

/** How long after its creation a deposit address is still watched (late payments, top-ups). */
export const WATCH_DAYS = 7;

/**
 * The deposit addresses the watcher matches transfers against, keyed by lower-case address: every
 * deposit of the chain opened in the last WATCH_DAYS, whatever its payment's state, so a late
 * payment, a top-up after a partial one and money sent after the credit (a surplus) are all seen.
 */
export async function watchedDeposits(deps: CoreDeps & { chain: ChainSettings }): Promise<Map<string, WatchedDeposit>> {
  const since = new Date(deps.clock.now().getTime() - WATCH_DAYS * 86_400_000);
  const rows = await deps.db.cryptoDeposit.findMany({
    where: { chainId: deps.chain.chainId, createdAt: { gte: since } },
    select: { id: true, address: true, asset: true },
  });
  return new Map(rows.map((row) => [row.address.toLowerCase(), { depositId: row.id, asset: row.asset }]));
}
