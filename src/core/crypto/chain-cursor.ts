import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import type { ChainSettings } from './assets.js';

type ChainDeps = CoreDeps & { chain: ChainSettings };

export interface StoredBlock {
  number: bigint;
  hash: string;
}

/** The newest block the watcher scanned on this chain (where it resumes), or null before the first scan. */
export async function lastScannedBlock(deps: ChainDeps): Promise<StoredBlock | null> {
  const row = await deps.db.cryptoBlock.findFirst({ where: { chainId: deps.chain.chainId }, orderBy: { number: 'desc' }, select: { number: true, hash: true } });
  return row ?? null;
}

/** The stored hash of block `number`, or null when it is not (or no longer) kept. */
export async function storedBlock(deps: ChainDeps, number: bigint): Promise<StoredBlock | null> {
  return deps.db.cryptoBlock.findUnique({ where: { chainId_number: { chainId: deps.chain.chainId, number } }, select: { number: true, hash: true } });
}

/**
 * A reorg replaced blocks from `from` on: they are forgotten, and so are the transfers seen in them
 * that had not been confirmed (they are found again if the new chain carries them). A confirmed
 * transfer is kept (its credit cannot be undone here) and reported, so the reorg deeper than
 * ETH_CONFIRMATIONS is looked at by hand.
 */
export async function rollbackBlocks(deps: ChainDeps, from: bigint): Promise<{ droppedTransfers: number; confirmedInOrphans: number }> {
  const chainId = deps.chain.chainId;
  return deps.db.$transaction(async (tx) => {
    const dropped = await tx.cryptoTransfer.deleteMany({ where: { chainId, status: 'SEEN', blockNumber: { gte: from } } });
    const confirmedInOrphans = await tx.cryptoTransfer.count({ where: { chainId, status: 'CONFIRMED', blockNumber: { gte: from } } });
    await tx.cryptoBlock.deleteMany({ where: { chainId, number: { gte: from } } });
    if (confirmedInOrphans) deps.logger.error({ chainId, from: String(from), confirmedInOrphans }, 'reorg deeper than ETH_CONFIRMATIONS: confirmed transfers were in orphaned blocks');
    if (dropped.count) deps.logger.warn({ chainId, from: String(from), dropped: dropped.count }, 'reorg: unconfirmed transfers from orphaned blocks dropped');
    return { droppedTransfers: dropped.count, confirmedInOrphans };
  });
}

export interface ScannedBlock {
  number: bigint;
  hash: string;
  parentHash: string;
}

export interface SeenTransfer {
  txHash: string;
  /** The log's index; -1 for a native ETH transfer (the transaction's value to its `to`). */
  logIndex: number;
  depositId: number;
  asset: string;
  from: string;
  value: bigint;
  blockNumber: bigint;
  blockHash: string;
}

/** How many scanned blocks are kept beyond the confirmation depth (to find where a reorg forked). */
const KEEP_EXTRA_BLOCKS = 128n;

/**
 * Stores a run of consecutive scanned blocks and the transfers to deposit addresses in them, in one
 * transaction. The run must continue the stored chain (its first parent is the newest stored block,
 * or nothing is stored yet) and no other watcher may have stored these blocks: otherwise nothing is
 * written and the answer is false (the caller rereads the chain and tries again). A transfer already
 * recorded ((chain, tx, log) is unique) is left as it is.
 */
export async function recordScan(deps: ChainDeps, input: { blocks: ScannedBlock[]; transfers: SeenTransfer[] }): Promise<boolean> {
  const { blocks, transfers } = input;
  if (blocks.length === 0) return true;
  const chainId = deps.chain.chainId;
  const now = deps.clock.now();
  try {
    return await deps.db.$transaction(async (tx) => {
      const first = blocks[0]!;
      const tip = await tx.cryptoBlock.findFirst({ where: { chainId }, orderBy: { number: 'desc' }, select: { number: true, hash: true } });
      if (tip && (tip.number !== first.number - 1n || tip.hash !== first.parentHash)) throw new CursorMoved();
      const inserted = await tx.$queryRaw<{ number: bigint }[]>(Prisma.sql`
        INSERT INTO crypto_blocks (chain_id, number, hash, parent_hash, scanned_at)
        SELECT ${chainId}, n, h, p, ${now} FROM unnest(${blocks.map((b) => b.number.toString())}::text[]::bigint[], ${blocks.map((b) => b.hash)}::text[], ${blocks.map((b) => b.parentHash)}::text[]) AS s(n, h, p)
        ON CONFLICT (chain_id, number) DO NOTHING
        RETURNING number`);
      if (inserted.length !== blocks.length) throw new CursorMoved();
      if (transfers.length) {
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO crypto_transfers (chain_id, tx_hash, log_index, deposit_id, asset, from_address, value, block_number, block_hash, status, seen_at)
          SELECT ${chainId}, t, l, d, a, f, v, n, h, 'SEEN', ${now}
          FROM unnest(
            ${transfers.map((t) => t.txHash)}::text[], ${transfers.map((t) => t.logIndex)}::int[], ${transfers.map((t) => t.depositId)}::int[],
            ${transfers.map((t) => t.asset)}::text[], ${transfers.map((t) => t.from)}::text[], ${transfers.map((t) => t.value.toString())}::text[]::numeric[],
            ${transfers.map((t) => t.blockNumber.toString())}::text[]::bigint[], ${transfers.map((t) => t.blockHash)}::text[]
          ) AS s(t, l, d, a, f, v, n, h)
          ON CONFLICT (chain_id, tx_hash, log_index) DO NOTHING`);
      }
      const last = blocks[blocks.length - 1]!.number;
      await tx.cryptoBlock.deleteMany({ where: { chainId, number: { lt: last - BigInt(deps.chain.confirmations) - KEEP_EXTRA_BLOCKS } } });
      return true;
    });
  } catch (error) {
    if (error instanceof CursorMoved) return false;
    // Two watchers inserting the same block at once: the loser's unique violation is the same news.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
}

class CursorMoved extends Error {}
