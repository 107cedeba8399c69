import { getAddress } from 'ethers';
import { type ChainSettings, chargeDigitsFor, type CryptoAsset, NATIVE } from '../../core/crypto/assets.js';
import { openDeposit } from '../../core/crypto/open-deposit.js';
import type { CoreDeps } from '../../core/deps.js';
import { registerCurrency } from '../../core/money.js';
import type { PaymentGateway } from '../../core/payments/gateway.js';
import { depositAddresses } from './hd-addresses.js';
import { type JsonRpc, jsonRpc, readTokenInfo } from './rpc-client.js';

/**
 * Crypto payments as a payment provider: 'eth' (native ETH) and 'erc20' (the payment token) are two
 * providers of this one gateway, so each is its own method button and its own currency on the
 * payment row, and everything after the checkout (the state machine, reconciliation, refunds
 * refused) is the providers' path. The checkout is a deposit address of its own (derived from the
 * xpub) and the exact amount; the chain watcher, not a webhook, reports the payment.
 */
export function createCryptoGateway(
  deps: CoreDeps & { chain: ChainSettings },
  options: { asset: CryptoAsset; deriveAddress: (index: number) => string; quoteMinutes: number; tokenAddress?: string },
): PaymentGateway {
  const { asset } = options;
  return {
    id: asset.provider,
    currencies: [asset.currency],
    quoteValidMs: options.quoteMinutes * 60_000,
    async createCheckout(request) {
      const deposit = await openDeposit(deps, { publicId: request.publicId, amountMinor: request.amountMinor, asset, deriveAddress: options.deriveAddress });
      return { kind: 'deposit', address: deposit.address, payUrl: eip681(deps.chain.chainId, asset, deposit.address, deposit.quoteBaseUnits), providerRef: deposit.address };
    },
    async parseNotification() {
      return { ok: false, code: 'NOT_VERIFIED', reason: 'crypto payments are reported by the chain watcher, not by notifications' };
    },
    async fetchStatus(payment) {
      // Money on its way (seen, not yet confirmed, or short of the quote) keeps the payment open past
      // its quote; with nothing sent, the payment expires when its quote does.
      const seen = await deps.db.cryptoTransfer.count({ where: { deposit: { payment: { publicId: payment.publicId } } } });
      return seen ? { ref: { publicId: payment.publicId }, state: 'pending' } : null;
    },
    answer: () => ({ status: 404, body: JSON.stringify({ error: 'not_found' }), contentType: 'application/json' }),
  };
}

/**
 * The EIP-681 payment request wallets understand: ETH as `value` (wei), a token as a call of
 * `transfer(address, uint256)` on its contract.
 */
export function eip681(chainId: number, asset: Pick<CryptoAsset, 'asset'>, address: string, baseUnits: bigint): string {
  if (asset.asset === NATIVE) return `ethereum:${address}@${chainId}?value=${baseUnits}`;
  return `ethereum:${asset.asset}@${chainId}/transfer?address=${address}&uint256=${baseUnits}`;
}

export interface CryptoPaymentsSetup {
  gateways: PaymentGateway[];
  chain: ChainSettings;
  rpc: JsonRpc;
  tokenAddress?: string;
  /** Fixed rates the assets need that FIXED_RATES does not give: the token pegged 1:1 to USD. */
  pegs: Record<string, string>;
}

/**
 * Crypto payments from config: on when ETH_XPUB is set (config.ts makes ETH_RPC_URL and
 * ETH_CHAIN_ID required with it). ETH always; the ERC-20 when ETH_TOKEN_ADDRESS is set, its
 * decimals and symbol read from the contract here, once (the symbol becomes the payment currency,
 * charged to min(decimals, 9) digits). Throws when the node cannot be asked or the chain id differs.
 */
export async function setUpCryptoPayments(
  deps: CoreDeps,
  env: { ETH_XPUB?: string; ETH_RPC_URL?: string; ETH_CHAIN_ID?: number; ETH_CONFIRMATIONS: number; ETH_TOKEN_ADDRESS?: string; ETH_QUOTE_MINUTES: number },
  options: { fetch?: typeof fetch } = {},
): Promise<CryptoPaymentsSetup | undefined> {
  if (!env.ETH_XPUB || !env.ETH_RPC_URL || env.ETH_CHAIN_ID === undefined) return undefined;
  const rpc = jsonRpc(env.ETH_RPC_URL, options);
  const nodeChainId = Number(await rpc.call<string>('eth_chainId', []));
  if (nodeChainId !== env.ETH_CHAIN_ID) throw new Error(`ETH_RPC_URL serves chain ${nodeChainId}, but ETH_CHAIN_ID is ${env.ETH_CHAIN_ID}`);
  const chain: ChainSettings = { chainId: env.ETH_CHAIN_ID, confirmations: env.ETH_CONFIRMATIONS };
  const chainDeps = { ...deps, chain };
  const deriveAddress = depositAddresses(env.ETH_XPUB);
  const common = { deriveAddress, quoteMinutes: env.ETH_QUOTE_MINUTES };
  const gateways = [createCryptoGateway(chainDeps, { ...common, asset: { provider: 'eth', currency: NATIVE, asset: NATIVE, decimals: 18, chargeDigits: chargeDigitsFor(18) } })];
  const pegs: Record<string, string> = {};
  let tokenAddress: string | undefined;
  if (env.ETH_TOKEN_ADDRESS) {
    tokenAddress = getAddress(env.ETH_TOKEN_ADDRESS);
    const info = await readTokenInfo(rpc, tokenAddress);
    const currency = info.symbol.trim().toUpperCase();
    if (!/^[A-Z]{3,4}$/.test(currency)) throw new Error(`the token's symbol "${info.symbol}" cannot be a currency code (3-4 letters)`);
    const chargeDigits = chargeDigitsFor(info.decimals);
    registerCurrency(currency, chargeDigits);
    pegs[`USD/${currency}`] = '1';
    gateways.push(createCryptoGateway(chainDeps, { ...common, asset: { provider: 'erc20', currency, asset: tokenAddress, decimals: info.decimals, chargeDigits } }));
  }
  return { gateways, chain, rpc, ...(tokenAddress ? { tokenAddress } : {}), pegs };
}
