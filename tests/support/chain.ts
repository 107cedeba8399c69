import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ContractFactory, type Contract, JsonRpcProvider, Wallet } from 'ethers';
import ganache from 'ganache';

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
 */
export async function startLocalChain(): Promise<LocalChain> {
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: LOCAL_CHAIN_ID, hardfork: 'shanghai' },
    wallet: { deterministic: true, totalAccounts: 10, defaultBalance: 1000 },
    miner: { instamine: 'eager' },
  });
  await server.listen(0, '127.0.0.1');
  const rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The provider is for the test's own moves; the code under test gets rpcUrl and makes its own.
  const provider = new JsonRpcProvider(rpcUrl, LOCAL_CHAIN_ID, { staticNetwork: true, cacheTimeout: -1 });
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
      await server.close();
    },
  };
  return chain;
}
