import type { CoreDeps } from '../deps.js';

/** Fees for an EIP-1559 transaction, in wei. */
export interface FeeQuote {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/** A signed transaction: the raw bytes as hex and its hash, known before anything is broadcast. */
export interface SignedTransfer {
  rawTx: string;
  hash: string;
}

export interface TransferReceipt {
  /** 'reverted': mined, but the transfer failed (status 0): the nonce is used, nothing was paid. */
  status: 'success' | 'reverted';
  blockNumber: number;
}

/** What the node said to a broadcast: taken, or the node already has (or had) this very transaction. */
export type BroadcastOutcome = 'accepted' | 'known';

/**
 * The hot wallet on the payout chain (the port; src/infra/chain/payout-chain.ts is the JSON-RPC
 * one). Signing is local (no network): it runs inside the transaction that stores the result.
 */
export interface PayoutChain {
  chainId: number;
  /** The ERC-20 paid out (PAYOUT_TOKEN_ADDRESS), checksummed. */
  tokenAddress: string;
  /** The hot wallet's address (from PAYOUT_PRIVATE_KEY), checksummed. */
  senderAddress: string;
  /** The token contract's decimals (read once, then kept). */
  tokenDecimals(): Promise<number>;
  /** eth_getTransactionCount(sender, 'pending'): the next nonce counting what the node holds. */
  pendingNonce(): Promise<number>;
  /** eth_getTransactionCount(sender, 'latest'): nonces below it are used by mined transactions. */
  minedNonce(): Promise<number>;
  fees(): Promise<FeeQuote>;
  /** Signs transfer(to, amount) from the hot wallet with this nonce and fees. No network. */
  signTransfer(input: { to: string; amount: bigint; nonce: number; fees: FeeQuote }): Promise<SignedTransfer>;
  /**
   * Sends a stored raw transaction. Resolves 'known' when the node refused it but has or had it
   * (already in the pool, or mined: "already known", "nonce too low" for our own hash); throws
   * when it was refused for anything else or could not be sent.
   */
  broadcast(signed: SignedTransfer): Promise<BroadcastOutcome>;
  /** Whether the node has the transaction (pending or mined). */
  isKnown(hash: string): Promise<boolean>;
  /** The receipt of a mined transaction, or null while it is not mined. */
  receipt(hash: string): Promise<TransferReceipt | null>;
  blockNumber(): Promise<number>;
}

export interface PayoutSettings {
  chain: PayoutChain;
  /** The sale token whose ledger balance is paid out (its symbol is the ledger asset). */
  tokenId: number;
  /** Blocks a transfer needs (the one it is in counts as the first) before the ledger is debited. */
  confirmations: number;
  /** How many pending payouts one run signs and sends, with consecutive nonces. */
  batchSize: number;
  /** A sent transfer not mined after this long is flagged stuck and reported once. */
  stuckAfterMs: number;
}

/**
 * Points where a test makes the process "die" (throw) between two steps of a send, to prove a
 * restart pays once. Production passes none.
 */
export interface SendHooks {
  /** After the signed transactions are stored, before any is broadcast. */
  afterSign?(payoutIds: number[]): Promise<void> | void;
  /** After the node took one transaction, before the payout is recorded as SENT. */
  afterBroadcast?(payoutId: number): Promise<void> | void;
}

export type PayoutDeps = Pick<CoreDeps, 'db' | 'clock' | 'logger'> & { payouts: PayoutSettings };

/** Whole tokens in the ERC-20's base units: tokens × 10^decimals, exactly. */
export function toChainAmount(tokens: bigint, decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) throw new Error(`unusable token decimals ${decimals}`);
  return tokens * 10n ** BigInt(decimals);
}
