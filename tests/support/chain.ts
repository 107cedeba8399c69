import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractFactory, type Contract, JsonRpcProvider, Transaction, Wallet } from 'ethers';
import ganache from 'ganache';
import { listenOnLoopback } from './loopback.js';

/** ganache's chain id (ethereum.json fixture: "hard-coded to return 1337"). */
export const LOCAL_CHAIN_ID = 1337;

/** The compiled TestToken (contracts/TestToken.sol → contracts/artifacts/TestToken.json). */
export const testTokenArtifact = JSON.parse(readFileSync(new URL('../../contracts/artifacts/TestToken.json', import.meta.url), 'utf8')) as {
  abi: object[];
  bytecode: string;
};

export interface LocalChain {
  rpcUrl: string;
  chainId: number;
  provider: JsonRpcProvider;
  /** Ten funded accounts (1000 ETH each), the same keys on every start. */
  keys: string[];
  wallet(index: number): Wallet;
  /** Deploys a TestToken owned by account 0. */
  deployToken(symbol: string, decimals: number): Promise<Contract>;
  /** Mines `count` empty blocks. */
  mine(count?: number): Promise<void>;
  blockNumber(): Promise<number>;
  /** evm_snapshot / evm_revert: blocks mined after the snapshot disappear, as in a reorg. */
  snapshot(): Promise<string>;
  revert(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Ethereum node (ganache) on loopback, mining each transaction into its own block as it
 * arrives; empty blocks are mined on demand, so tests decide when confirmations happen.
 *
 * `orderedMempool`: the code under test talks to the node through a relay that hands transactions
 * over in nonce order. Real nodes queue a transaction whose nonce is ahead and take it when the gap
 * fills; ganache does not reliably do so (a future-nonce transaction can wait forever, its sender
 * with it: ganache issue #4165), which concurrent senders hit. Only for such tests.
 */
export async function startLocalChain(options: { orderedMempool?: boolean } = {}): Promise<LocalChain> {
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: LOCAL_CHAIN_ID, hardfork: 'shanghai' },
    wallet: { deterministic: true, totalAccounts: 10, defaultBalance: 1000 },
    miner: { instamine: 'eager' },
  });
  await server.listen(0, '127.0.0.1');
  const nodeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const relay = options.orderedMempool ? await startNonceOrderingRelay(nodeUrl) : undefined;
  const rpcUrl = relay?.url ?? nodeUrl;
  // The provider is for the test's own moves; the code under test gets rpcUrl and makes its own.
  const provider = new JsonRpcProvider(nodeUrl, LOCAL_CHAIN_ID, { staticNetwork: true, cacheTimeout: -1 });
  const accounts = server.provider.getInitialAccounts();
  const keys = Object.values(accounts).map((account) => account.secretKey);
  const chain: LocalChain = {
    rpcUrl,
    chainId: LOCAL_CHAIN_ID,
    provider,
    keys,
    wallet: (index) => new Wallet(keys[index] as string, provider),
    async deployToken(symbol, decimals) {
      const factory = new ContractFactory(testTokenArtifact.abi, testTokenArtifact.bytecode, chain.wallet(0));
      const token = await factory.deploy(`${symbol} test token`, symbol, decimals);
      await token.waitForDeployment();
      return token as Contract;
    },
    async mine(count = 1) {
      for (let i = 0; i < count; i++) await provider.send('evm_mine', []);
    },
    async blockNumber() {
      return Number(await provider.send('eth_blockNumber', []));
    },
    snapshot: () => provider.send('evm_snapshot', []),
    async revert(id) {
      const reverted = await provider.send('evm_revert', [id]);
      if (reverted !== true) throw new Error(`evm_revert ${id} failed`);
    },
    async close() {
      provider.destroy();
      await relay?.close();
      await server.close();
    },
  };
  return chain;
}

interface RpcCall {
  jsonrpc: '2.0';
  id: number | string | null;
  method: string;
  params?: unknown[];
}

/**
 * A JSON-RPC relay in front of the node: eth_sendRawTransaction calls go over one at a time, and one
 * whose nonce is ahead of the sender's next is answered with its hash at once (as a real node's
 * queue would) and handed to the node when its turn comes. Everything else passes through.
 */
async function startNonceOrderingRelay(nodeUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const call = async (body: RpcCall): Promise<{ result?: unknown; error?: unknown }> =>
    (await fetch(nodeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ result?: unknown; error?: unknown }>;
  // The node's own count of the sender's transactions (pending included) says whose turn it is:
  // asked afresh each time, since tests also send directly to the node.
  const nextNonce = async (from: string) =>
    Number((await call({ jsonrpc: '2.0', id: 0, method: 'eth_getTransactionCount', params: [from, 'pending'] })).result);
  const parked = new Map<string, RpcCall>();
  let turn: Promise<unknown> = Promise.resolve();

  const send = (request: RpcCall) => {
    const tx = Transaction.from(String(request.params?.[0]));
    const from = tx.from!;
    const answer = turn.then(async () => {
      if (tx.nonce > (await nextNonce(from))) {
        parked.set(`${from}:${tx.nonce}`, request);
        return { jsonrpc: '2.0', id: request.id, result: tx.hash };
      }
      const response = await call(request);
      // Transactions that were waiting for this one go over in order.
      for (let nonce = await nextNonce(from); parked.has(`${from}:${nonce}`); nonce = await nextNonce(from)) {
        const waiting = parked.get(`${from}:${nonce}`)!;
        parked.delete(`${from}:${nonce}`);
        if ((await call(waiting)).error) break;
      }
      return response;
    });
    turn = answer.catch(() => {});
    return answer;
  };
  const relay = async (request: RpcCall) => (request.method === 'eth_sendRawTransaction' ? send(request) : call(request));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcCall | RpcCall[];
        const answer = Array.isArray(body) ? await Promise.all(body.map(relay)) : await relay(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
