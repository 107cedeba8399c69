import { type Contract, Wallet } from 'ethers';
import type { CoreDeps } from '../../src/core/deps.js';
import type { PayoutDeps, PayoutSettings } from '../../src/core/payouts/deps.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { jsonRpcPayoutChain } from '../../src/infra/chain/payout-chain.js';
import type { LocalChain } from './chain.js';
import { makeToken, makeUser } from './factories.js';

/** The hot wallet is the chain's account 1 (account 0 deploys and owns the tokens). */
export const HOT_WALLET = 1;

export interface PayoutWorld {
  /** The sale token in the database (ledger asset = its symbol). */
  tokenId: number;
  symbol: string;
  /** The platform token's ERC-20 on the local chain, 18 decimals. */
  erc20: Contract;
  erc20Address: string;
  hotWallet: Wallet;
  /** A fresh payout sender on the same database and chain: a new "process". */
  deps(overrides?: Partial<PayoutSettings>): PayoutDeps;
  /**
   * A user who bought `tokens` (the purchase confirmed: balance and, with a referrer, the
   * referrer's reward booked), with a wallet as asked.
   */
  buyer(tokens: bigint, options?: { referrerId?: number; wallet?: 'confirmed' | 'unconfirmed' | 'none' }): Promise<{ userId: number; address: string | null }>;
  balanceOnChain(address: string): Promise<bigint>;
  /** Gives a user a linked wallet (confirmed unless told otherwise). */
  linkWallet(userId: number, confirmed?: boolean): Promise<string>;
}

export const ONE_TOKEN = 10n ** 18n;

/** Deploys the platform token (MKT, 18 decimals), mints `minted` whole tokens to the hot wallet, and makes a sale token in the database. */
export async function payoutWorld(db: PrismaClient, core: CoreDeps, chain: LocalChain, options: { minted?: bigint } = {}): Promise<PayoutWorld> {
  const symbol = `MKT${Math.floor(Math.random() * 1e6)}`;
  const token = await makeToken(db, [{ cap: 10_000_000n, referralPercent: '10' }], symbol);
  const erc20 = await chain.deployToken('MKT', 18);
  const erc20Address = await erc20.getAddress();
  const hotWallet = chain.wallet(HOT_WALLET);
  if ((options.minted ?? 1_000_000n) > 0n) await (await erc20.getFunction('mint')(hotWallet.address, (options.minted ?? 1_000_000n) * ONE_TOKEN)).wait();
  const world: PayoutWorld = {
    tokenId: token.id,
    symbol,
    erc20,
    erc20Address,
    hotWallet,
    deps: (overrides = {}) => ({
      db: core.db,
      clock: core.clock,
      logger: core.logger,
      payouts: {
        chain: jsonRpcPayoutChain({ rpcUrl: chain.rpcUrl, chainId: chain.chainId, privateKey: chain.keys[HOT_WALLET]!, tokenAddress: erc20Address }),
        tokenId: token.id,
        confirmations: 3,
        batchSize: 10,
        stuckAfterMs: 30 * 60_000,
        ...overrides,
      },
    }),
    async linkWallet(userId, confirmed = true) {
      const address = Wallet.createRandom().address;
      await db.wallet.create({ data: { userId, address, chainId: chain.chainId, confirmedAt: confirmed ? core.clock.now() : null } });
      return address;
    },
    async buyer(tokens, buyerOptions = {}) {
      const user = await makeUser(db, { referrerId: buyerOptions.referrerId });
      const started = await startPurchase(core, { buyerId: user.id, tokenId: token.id, amount: tokens });
      if (!started.ok) throw new Error(started.code);
      const paid = await confirmPayment(core, started.value.orderId);
      if (!paid.ok) throw new Error(paid.code);
      const wallet = buyerOptions.wallet ?? 'confirmed';
      const address = wallet === 'none' ? null : await world.linkWallet(user.id, wallet === 'confirmed');
      return { userId: user.id, address };
    },
    balanceOnChain: (address) => erc20.getFunction('balanceOf')(address) as Promise<bigint>,
  };
  return world;
}
