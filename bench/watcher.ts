/**
 * Chain watcher throughput: blocks per second one watcher pass scans (createWatcher.scanOnce: the
 * JSON-RPC batch of full blocks and the token's Transfer logs, matching against the deposit
 * addresses in memory, receipts of matched ETH transfers, one transaction storing blocks and
 * transfers, confirmation and settlement) with 1,000 watched deposit addresses, on the local
 * ganache chain of the tests, on PostgreSQL (fresh database) and PGlite in memory.
 *
 * Busy blocks: the miner is stopped while 120 transactions are queued from the chain's unlocked
 * accounts (60 ETH transfers, 60 token transfers; 10 of each to deposit addresses, the rest to
 * strangers), then one evm_mine puts them in one block. Beside it, empty blocks (the floor: the
 * RPC and bookkeeping per block). Each run scans the same blocks from a clean watcher state.
 * Correctness: every transfer to a deposit address is recorded once, none to a stranger.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getAddress, Interface } from 'ethers';
import type { CoreDeps } from '../src/core/deps.js';
import { createWatcher } from '../src/infra/chain/watcher.js';
import { jsonRpc } from '../src/infra/chain/rpc-client.js';
import { type Database, openDatabase } from '../src/infra/database.js';
import { type LocalChain, startLocalChain } from '../tests/support/chain.js';
import { coreDeps, makeToken, makeUser } from '../tests/support/factories.js';
import type { Bench } from './support/bench.js';
import { benchServerUrl, createBenchDatabase } from './support/database.js';

const DEPOSITS = 1000;
const BUSY_BLOCKS = 20;
const PER_BLOCK = { ethToDeposit: 10, ethToStranger: 50, tokenToDeposit: 10, tokenToStranger: 50 };
const EMPTY_BLOCKS = 200;
const REPEATS = 3;
const erc20 = new Interface(['function transfer(address to, uint256 value)']);

const randomAddress = () => getAddress(`0x${randomBytes(20).toString('hex')}`);

async function seedDeposits(db: Database, chainId: number, tokenAddress: string): Promise<string[]> {
  const prisma = db.prisma;
  const token = await makeToken(prisma, [{ cap: 1_000_000n }]);
  const buyer = await makeUser(prisma);
  const round = await prisma.tokenRound.findFirstOrThrow({ where: { tokenId: token.id } });
  const order = await prisma.tokenOrder.create({
    data: { buyerId: buyer.id, roundId: round.id, amount: 1n, unitPrice: '1', priceMinor: 100n, currency: 'USD', rewardPercents: [], reservedUntil: new Date(Date.now() + 86_400_000) },
  });
  const addresses: string[] = [];
  for (let i = 0; i < DEPOSITS; i++) {
    const asset = i % 2 === 0 ? 'ETH' : tokenAddress;
    const payment = await prisma.payment.create({
      data: { publicId: randomBytes(16).toString('hex'), tokenOrderId: order.id, provider: i % 2 === 0 ? 'eth' : 'erc20', status: 'PENDING', amountMinor: 1n, currency: 'ETH', orderAmountMinor: 100n, orderCurrency: 'USD' },
    });
    const address = randomAddress();
    addresses.push(address);
    // A quote no transfer meets: every deposit stays partial, so settlement runs but credits nothing.
    await prisma.cryptoDeposit.create({ data: { paymentId: payment.id, chainId, asset, addressIndex: i, address, decimals: 18, quoteBaseUnits: '1000000000000000000000000000000' } });
  }
  return addresses;
}

/** Mines BUSY_BLOCKS busy blocks (and ganache one empty one after); returns [first block, last block, transfers to deposits]. */
async function mineBusyBlocks(chain: LocalChain, tokenAddress: string, deposits: string[]): Promise<[number, number, number]> {
  const accounts: string[] = await chain.provider.send('eth_accounts', []);
  const ethDeposits = deposits.filter((_, i) => i % 2 === 0);
  const tokenDeposits = deposits.filter((_, i) => i % 2 === 1);
  const first = (await chain.blockNumber()) + 1;
  let toDeposits = 0;
  await chain.provider.send('miner_stop', []);
  for (let b = 0; b < BUSY_BLOCKS; b++) {
    const sends: Promise<unknown>[] = [];
    const send = (from: string, tx: object) => sends.push(chain.provider.send('eth_sendTransaction', [{ from, gas: '0x186a0', ...tx }]));
    let k = 0;
    const nextFrom = () => accounts[1 + (k++ % 8)]!;
    for (let i = 0; i < PER_BLOCK.ethToDeposit; i++) send(nextFrom(), { to: ethDeposits[(b * 10 + i) % ethDeposits.length], value: '0x1' });
    for (let i = 0; i < PER_BLOCK.ethToStranger; i++) send(nextFrom(), { to: randomAddress(), value: '0x1' });
    for (let i = 0; i < PER_BLOCK.tokenToDeposit; i++) send(accounts[0]!, { to: tokenAddress, data: erc20.encodeFunctionData('transfer', [tokenDeposits[(b * 10 + i) % tokenDeposits.length], 1n]) });
    for (let i = 0; i < PER_BLOCK.tokenToStranger; i++) send(accounts[0]!, { to: tokenAddress, data: erc20.encodeFunctionData('transfer', [randomAddress(), 1n]) });
    await Promise.all(sends);
    await chain.provider.send('evm_mine', []);
    toDeposits += PER_BLOCK.ethToDeposit + PER_BLOCK.tokenToDeposit;
  }
  const busyLast = await chain.blockNumber();
  await chain.provider.send('miner_start', []); // ganache mines one (empty) block on start
  const last = await chain.blockNumber();
  const block = await chain.provider.send('eth_getBlockByNumber', [`0x${first.toString(16)}`, false]);
  if (block.transactions.length !== 120 || busyLast - first + 1 !== BUSY_BLOCKS) throw new Error(`busy blocks not as planned: ${block.transactions.length} txs, ${busyLast - first + 1} blocks`);
  return [first, last, toDeposits];
}

async function scanRun(core: CoreDeps, chain: LocalChain, tokenAddress: string, from: number, to: number, batchBlocks: number) {
  await core.db.cryptoTransfer.deleteMany({});
  await core.db.cryptoBlock.deleteMany({});
  await core.db.cryptoDeposit.updateMany({ data: { receivedBaseUnits: 0, notifiedReceived: null } });
  const watcher = createWatcher({ ...core, chain: { chainId: chain.chainId, confirmations: 1 } }, { rpc: jsonRpc(chain.rpcUrl), tokenAddress, startBlock: BigInt(from), batchBlocks });
  const started = performance.now();
  const report = await watcher.scanOnce();
  const ms = performance.now() - started;
  const scanned = Number((report.tip ?? 0n) - BigInt(from) + 1n);
  if (scanned < to - from + 1) throw new Error(`scanned ${scanned} of ${to - from + 1} blocks`);
  return { ms, blocks: scanned, transfers: await core.db.cryptoTransfer.count() };
}

async function measure(kind: string, label: string, core: CoreDeps, chain: LocalChain, tokenAddress: string, [from, to, expected]: [number, number, number]) {
  let ok = true;
  for (const batch of [10, 50]) {
    const runs = [];
    for (let r = 0; r < REPEATS; r++) runs.push(await scanRun(core, chain, tokenAddress, from, to, batch));
    const bad = runs.find((run) => run.transfers !== expected || run.blocks !== to - from + 1);
    if (bad) {
      ok = false;
      console.log(`  FAIL ${kind} ${label}: ${bad.blocks} blocks, ${bad.transfers} transfers recorded, expected ${to - from + 1} and ${expected}`);
    }
    const rates = runs.map((run) => (run.blocks / run.ms) * 1000).sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(8)} ${label.padEnd(5)} batch ${String(batch).padStart(2)}: ${rates.map((x) => x.toFixed(1)).join(' / ')} blocks/s ` +
        `(${runs[0]!.blocks} blocks, ${expected} transfers to deposits${label === 'busy' ? `, ${BUSY_BLOCKS * 120} transactions` : ''})`,
    );
  }
  return ok;
}

export const watcherBench: Bench = {
  name: 'watcher',
  description: 'blocks/s the chain watcher scans with 1,000 deposit addresses: busy blocks (120 transfers) and empty ones',
  async run() {
    const chain = await startLocalChain();
    let ok = true;
    try {
      const tokenContract = await chain.deployToken('TUSD', 6);
      const tokenAddress = await tokenContract.getAddress();
      await (await tokenContract.getFunction('mint')(chain.wallet(0).address, 10n ** 24n)).wait();
      const kinds: ('postgres' | 'pglite')[] = [];
      try {
        const probe = await createBenchDatabase(4);
        await probe.close();
        kinds.push('postgres');
      } catch {
        console.log(`PostgreSQL at ${new URL(benchServerUrl()).host} is not reachable: PGlite only`);
      }
      kinds.push('pglite');
      for (const kind of kinds) {
        const db = kind === 'postgres' ? await createBenchDatabase(10) : await openDatabase({ dataDir: 'memory://' });
        try {
          const core = { ...coreDeps(db.prisma), clock: { now: () => new Date() } };
          const deposits = await seedDeposits(db, chain.chainId, tokenAddress);
          // Each database gets blocks that pay its own (random) deposit addresses, mined just before
          // they are scanned, so a pass ends exactly at the last of them (the head).
          const emptyFrom = (await chain.blockNumber()) + 1;
          await chain.mine(EMPTY_BLOCKS);
          await measure(kind, 'empty', core, chain, tokenAddress, [emptyFrom, emptyFrom + EMPTY_BLOCKS - 1, 0]);
          ok = (await measure(kind, 'busy', core, chain, tokenAddress, await mineBusyBlocks(chain, tokenAddress, deposits))) && ok;
        } finally {
          await db.close();
        }
      }
    } finally {
      await chain.close();
    }
    return ok;
  },
};
