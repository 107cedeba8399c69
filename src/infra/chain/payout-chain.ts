import { Contract, getAddress, Interface, JsonRpcProvider, Network, Transaction, Wallet } from 'ethers';
import type { FeeQuote, PayoutChain, SignedTransfer, TransferReceipt } from '../../core/payouts/deps.js';

const ERC20 = new Interface(['function transfer(address to, uint256 value) returns (bool)', 'function decimals() view returns (uint8)']);

/**
 * Gas for one ERC-20 transfer. Fixed rather than estimated: an estimate fails for a transfer that
 * would revert now (the hot wallet short of tokens), yet such a transfer must still get its own
 * mined, reverted transaction for the payout to fail cleanly. A plain transfer to a new holder
 * costs ~52k gas (~35k to an existing one); tokens with transfer hooks may need PAYOUT_GAS_LIMIT.
 */
export const DEFAULT_PAYOUT_GAS_LIMIT = 100_000n;

/**
 * The hot wallet (PAYOUT_PRIVATE_KEY) and the payout token (PAYOUT_TOKEN_ADDRESS) on a JSON-RPC
 * node (ETH_RPC_URL) of ETH_CHAIN_ID. Calls go straight to the node (no batching, no cache), so a
 * block number or receipt is never a stale copy.
 */
export function jsonRpcPayoutChain(input: { rpcUrl: string; chainId: number; privateKey: string; tokenAddress: string; gasLimit?: bigint }): PayoutChain {
  const network = Network.from(input.chainId);
  const provider = new JsonRpcProvider(input.rpcUrl, network, { staticNetwork: network, batchMaxCount: 1, cacheTimeout: -1 });
  const wallet = new Wallet(input.privateKey.startsWith('0x') ? input.privateKey : `0x${input.privateKey}`);
  const tokenAddress = getAddress(input.tokenAddress);
  const gasLimit = input.gasLimit ?? DEFAULT_PAYOUT_GAS_LIMIT;
  let decimals: Promise<number> | undefined;
  const send = <T>(method: string, params: unknown[]) => provider.send(method, params) as Promise<T>;

  const isKnown = async (hash: string) => (await send<unknown>('eth_getTransactionByHash', [hash])) !== null;
  return {
    chainId: input.chainId,
    tokenAddress,
    senderAddress: wallet.address,
    tokenDecimals() {
      decimals ??= new Contract(tokenAddress, ERC20, provider)
        .getFunction('decimals')
        .staticCall()
        .then((d: bigint) => Number(d))
        .catch((error: unknown) => {
          decimals = undefined; // not cached: the next run asks again
          throw error;
        });
      return decimals;
    },
    pendingNonce: async () => Number(await send<string>('eth_getTransactionCount', [wallet.address, 'pending'])),
    minedNonce: async () => Number(await send<string>('eth_getTransactionCount', [wallet.address, 'latest'])),
    async fees(): Promise<FeeQuote> {
      const data = await provider.getFeeData();
      const priority = data.maxPriorityFeePerGas ?? 1_000_000_000n;
      return { maxPriorityFeePerGas: priority, maxFeePerGas: data.maxFeePerGas ?? (data.gasPrice ?? 0n) * 2n + priority };
    },
    async signTransfer({ to, amount, nonce, fees }): Promise<SignedTransfer> {
      const tx = Transaction.from({
        type: 2,
        chainId: input.chainId,
        nonce,
        to: tokenAddress,
        data: ERC20.encodeFunctionData('transfer', [getAddress(to), amount]),
        value: 0n,
        gasLimit,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      tx.signature = wallet.signingKey.sign(tx.unsignedHash);
      return { rawTx: tx.serialized, hash: tx.hash! };
    },
    async broadcast(signed) {
      // Asked first: a node that has it needs nothing more. (ganache even mines a mined
      // transaction's raw bytes a second time when they are sent again.)
      if (await isKnown(signed.hash)) return 'known';
      try {
        await send<string>('eth_sendRawTransaction', [signed.rawTx]);
        return 'accepted';
      } catch (error) {
        // "already known", "nonce too low" for our own (mined) transaction, and the like: the
        // node's words differ, the hash does not.
        if (await isKnown(signed.hash)) return 'known';
        throw error;
      }
    },
    isKnown,
    async receipt(hash): Promise<TransferReceipt | null> {
      const receipt = await send<{ status: string; blockNumber: string } | null>('eth_getTransactionReceipt', [hash]);
      if (!receipt?.blockNumber) return null;
      return { status: Number(receipt.status) === 1 ? 'success' : 'reverted', blockNumber: Number(receipt.blockNumber) };
    },
    blockNumber: async () => Number(await send<string>('eth_blockNumber', [])),
  };
}
