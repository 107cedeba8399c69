import type { CoreDeps } from '../deps.js';
import type { ContractSignatureChecker } from './contract-signatures.js';

/**
 * What a Sign-In with Ethereum message must name to be accepted here: the page's host (the
 * message's domain), the page's URI and the chain (ETH_CHAIN_ID). All three come from
 * configuration (PUBLIC_URL), never from the request, so a signature made for another site,
 * page or network is refused.
 */
export interface SiweExpectations {
  /** RFC 3986 authority of PUBLIC_URL: host, and port when it has one ("market.example"). */
  domain: string;
  /** Scheme of PUBLIC_URL ("https"); a message that names a scheme must name this one. */
  scheme: string;
  /** The wallet page: `${PUBLIC_URL}/wallet`. */
  uri: string;
  chainId: number;
}

export interface WalletSettings {
  siwe: SiweExpectations;
  /** How long a wallet link from the bot stays usable. */
  linkTtlMs: number;
  /** How long a SIWE nonce may wait for its signature (never past its link's expiry). */
  nonceTtlMs: number;
  /** How long a JSON API session from a wallet sign-in lasts. */
  sessionTtlMs: number;
  /** Nonces one link may ask for: the page needs one per attempt, a script would need many. */
  maxNoncesPerLink: number;
  /** The EIP-1271 check for contract wallets; absent when no ETH_RPC_URL is configured. */
  contractSignatures?: ContractSignatureChecker;
}

export type WalletDeps = Pick<CoreDeps, 'db' | 'clock' | 'logger'> & { wallets: WalletSettings };

export const WALLET_LINK_TTL_MS = 15 * 60_000;
export const SIWE_NONCE_TTL_MS = 10 * 60_000;
export const API_SESSION_TTL_MS = 24 * 60 * 60_000;

/** The wallet settings for a public URL and chain, with the default lifetimes. */
export function walletSettings(input: {
  publicUrl: string;
  chainId: number;
  contractSignatures?: ContractSignatureChecker;
}): WalletSettings {
  const url = new URL(input.publicUrl);
  const base = url.href.replace(/\/+$/, '');
  return {
    siwe: { domain: url.host, scheme: url.protocol.replace(/:$/, ''), uri: `${base}/wallet`, chainId: input.chainId },
    linkTtlMs: WALLET_LINK_TTL_MS,
    nonceTtlMs: SIWE_NONCE_TTL_MS,
    sessionTtlMs: API_SESSION_TTL_MS,
    maxNoncesPerLink: 20,
    ...(input.contractSignatures ? { contractSignatures: input.contractSignatures } : {}),
  };
}
