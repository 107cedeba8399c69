import { getAddress, id as keccakId } from 'ethers';
import type { ChainSettings } from '../../core/crypto/assets.js';
import { NATIVE } from '../../core/crypto/assets.js';
import { lastScannedBlock, recordScan, rollbackBlocks, type ScannedBlock, type SeenTransfer, storedBlock } from '../../core/crypto/chain-cursor.js';
import { confirmTransfers } from '../../core/crypto/confirm-transfers.js';
import { type DepositNotice, settleDeposits } from '../../core/crypto/settle-deposits.js';
import { type WatchedDeposit, watchedDeposits } from '../../core/crypto/watched-deposits.js';
import type { CoreDeps } from '../../core/deps.js';
import { type JsonRpc, toQuantity } from './rpc-client.js';

export const TRANSFER_TOPIC = keccakId('Transfer(address,address,uint256)');

interface RpcBlock {
  number: string;
  hash: string;
  parentHash: string;
  transactions: { hash: string; from: string; to: string | null; value: string }[];
}
interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  removed?: boolean;
}

export interface WatcherOptions {
  rpc: JsonRpc;
  /** The payment token's contract (ERC-20 payments), if any. */
  tokenAddress?: string;
  /** Where the very first scan starts; default: ETH_CONFIRMATIONS blocks below the head. */
  startBlock?: bigint;
  /** Blocks fetched per JSON-RPC batch. */
  batchBlocks?: number;
  /** Told after commit: credits, what a buyer still owes, surpluses. */
  onNotice?: (notice: DepositNotice) => Promise<void>;
}

export interface ScanReport {
  scanned: number;
  tip: bigint | null;
  reorgs: number;
  confirmed: number;
  notices: DepositNotice[];
}

/**
 * Follows the chain over JSON-RPC for transfers to deposit addresses. Each run scans from the
 * block after the newest stored one (so a restarted watcher resumes there) up to the head, in
 * batches: blocks with their transactions (native ETH to a deposit address, from a successful
 * transaction) and the token's Transfer logs for the same range (matched on `to` in memory). A
 * block whose parent is not the stored block below it is a reorg: the stored blocks are walked
 * back until they agree with the node, forgetting unconfirmed transfers of orphaned blocks. Then
 * transfers ETH_CONFIRMATIONS deep are confirmed and the deposits settled (credit, shortfall,
 * surplus). Several watchers may run: the stored blocks are the claim (a block is stored once),
 * and credits go through the payment state machine with one event id per payment.
 */
export function createWatcher(deps: CoreDeps & { chain: ChainSettings }, options: WatcherOptions) {
  const { rpc } = options;
  const batchBlocks = options.batchBlocks ?? 50;
  const token = options.tokenAddress ? getAddress(options.tokenAddress) : undefined;

  async function header(number: bigint): Promise<{ hash: string; parentHash: string } | null> {
    return rpc.call('eth_getBlockByNumber', [toQuantity(number), false]);
  }

  /** Walks the stored tip back while the node has another block at its height. True when it moved. */
  async function unwindReorg(): Promise<boolean> {
    let moved = false;
    for (;;) {
      const last = await lastScannedBlock(deps);
      if (!last) return moved;
      const onChain = await header(last.number);
      if (onChain?.hash === last.hash) return moved;
      await rollbackBlocks(deps, last.number);
      moved = true;
    }
  }

  async function scanRange(from: bigint, to: bigint, parent: { hash: string } | null, watched: Map<string, WatchedDeposit>) {
    const numbers: bigint[] = [];
    for (let n = from; n <= to; n++) numbers.push(n);
    const calls = numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [toQuantity(n), true] }));
    if (token) calls.push({ method: 'eth_getLogs', params: [{ fromBlock: toQuantity(from), toBlock: toQuantity(to), address: token, topics: [TRANSFER_TOPIC] }] as never });
    const answers = await rpc.batch<unknown>(calls);
    const rpcBlocks = answers.slice(0, numbers.length) as (RpcBlock | null)[];
    const logs = (token ? answers[numbers.length] : []) as RpcLog[];

    // The consecutive run that continues the stored chain; a break is a reorg under our feet.
    const blocks: ScannedBlock[] = [];
    let expectParent = parent?.hash;
    for (const block of rpcBlocks) {
      if (!block || (expectParent !== undefined && block.parentHash !== expectParent)) break;
      blocks.push({ number: BigInt(block.number), hash: block.hash, parentHash: block.parentHash });
      expectParent = block.hash;
    }
    const hashAt = new Map(blocks.map((b) => [b.number, b.hash]));
    const transfers: SeenTransfer[] = [];
    const native: SeenTransfer[] = [];
    for (const block of rpcBlocks.slice(0, blocks.length) as RpcBlock[]) {
      for (const tx of block.transactions) {
        if (!tx.to) continue;
        const deposit = watched.get(tx.to.toLowerCase());
        if (!deposit || deposit.asset !== NATIVE || BigInt(tx.value) === 0n) continue;
        native.push({ txHash: tx.hash, logIndex: -1, depositId: deposit.depositId, asset: NATIVE, from: getAddress(tx.from), value: BigInt(tx.value), blockNumber: BigInt(block.number), blockHash: block.hash });
      }
    }
    if (native.length) {
      // A reverted transaction moves no ETH: only successful ones count.
      const receipts = await rpc.batch<{ status: string; blockHash: string } | null>(native.map((t) => ({ method: 'eth_getTransactionReceipt', params: [t.txHash] })));
      native.forEach((t, i) => {
        if (receipts[i]?.status === '0x1' && receipts[i]?.blockHash === t.blockHash) transfers.push(t);
      });
    }
    for (const log of logs) {
      if (log.removed || log.topics.length !== 3 || log.topics[0] !== TRANSFER_TOPIC) continue;
      const number = BigInt(log.blockNumber);
      const hash = hashAt.get(number);
      if (!hash) continue; // beyond the consistent run: scanned again next time
      if (hash !== log.blockHash) return { blocks: [], transfers: [] }; // the node moved between calls: rescan
      const to = `0x${log.topics[2]!.slice(26)}`;
      const deposit = watched.get(to.toLowerCase());
      if (!deposit || deposit.asset !== token) continue;
      transfers.push({
        txHash: log.transactionHash, logIndex: Number(log.logIndex), depositId: deposit.depositId, asset: token, from: getAddress(`0x${log.topics[1]!.slice(26)}`),
        value: BigInt(log.data), blockNumber: number, blockHash: log.blockHash,
      });
    }
    return { blocks, transfers };
  }

  /** One pass: catch up with the head, confirm, settle, tell. */
  async function scanOnce(): Promise<ScanReport> {
    const head = BigInt(await rpc.call<string>('eth_blockNumber', []));
    const watched = await watchedDeposits(deps);
    let scanned = 0;
    let reorgs = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      if (await unwindReorg()) reorgs++;
      const last = await lastScannedBlock(deps);
      const from = last ? last.number + 1n : (options.startBlock ?? maxBig(0n, head - BigInt(deps.chain.confirmations)));
      if (from > head) break;
      const to = minBig(head, from + BigInt(batchBlocks) - 1n);
      const { blocks, transfers } = await scanRange(from, to, last, watched);
      if (blocks.length === 0) {
        // The block after our tip does not continue it (or vanished): unwind on the next loop.
        if (last) {
          const onChain = await header(from);
          if (onChain && onChain.parentHash !== last.hash) {
            await rollbackBlocks(deps, last.number);
            reorgs++;
            continue;
          }
        }
        break;
      }
      if (await recordScan(deps, { blocks, transfers })) scanned += blocks.length;
    }
    const tip = await lastScannedBlock(deps);
    const confirmed = tip ? await confirmTransfers(deps, { tip: tip.number }) : 0;
    const notices = await settleDeposits(deps);
    for (const notice of notices) {
      try {
        await options.onNotice?.(notice);
      } catch (error) {
        deps.logger.error({ err: error, notice: notice.kind }, 'crypto payments: a notice could not be sent');
      }
    }
    return { scanned, tip: tip?.number ?? null, reorgs, confirmed, notices };
  }

  return { scanOnce, storedBlock: (n: bigint) => storedBlock(deps, n) };
}

export type Watcher = ReturnType<typeof createWatcher>;

const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);
const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Runs the watcher every `intervalMs`, one pass at a time (a slow pass delays the next rather than
 * overlapping it); a failed pass (node unreachable) is logged and retried next time.
 */
export function runWatcher(watcher: Watcher, options: { intervalMs: number; logger: CoreDeps['logger'] }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = watcher
      .scanOnce()
      .then((report) => {
        if (report.scanned || report.reorgs) options.logger.info({ scanned: report.scanned, tip: String(report.tip), reorgs: report.reorgs, confirmed: report.confirmed }, 'chain watcher pass');
      })
      .catch((error) => options.logger.error({ err: error }, 'chain watcher pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
