import { getAddress } from 'ethers';
import { fail, ok, type Result } from '../result.js';
import type { WalletDeps } from './deps.js';
import { openWalletLink, type WalletLinkError } from './open-wallet-link.js';
import { newSiweNonce } from './secret-token.js';

/** What the message says the signature is for (EIP-4361 statement: ASCII, no line breaks). */
export const LINK_STATEMENT = 'Link this wallet to your Market account in Telegram.';
export const LOGIN_STATEMENT = 'Sign in to the Market API with your linked wallet.';

export type IssueNonceError = WalletLinkError | 'TOO_MANY_NONCES' | 'ADDRESS_MALFORMED';

/** Everything the page needs to write the message the server will accept. */
export interface IssuedNonce {
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
  scheme: string;
  domain: string;
  uri: string;
  chainId: number;
  statement: string;
  /** The address the page asked about, EIP-55 checksummed (wallets hand out lowercase). */
  address?: string;
}

/**
 * A fresh SIWE nonce, stored with its expiry: for a wallet link (`linkToken`: the link must be
 * usable, the nonce dies with it at the latest, and one link gets a bounded number of them), or
 * for a sign-in to the JSON API (no link). Nonces are 128 random bits, unique in the table.
 */
export async function issueNonce(
  deps: WalletDeps,
  input: { linkToken: string; address?: string } | { purpose: 'login'; address?: string },
): Promise<Result<IssuedNonce, IssueNonceError>> {
  const address = input.address === undefined ? undefined : checksummed(input.address);
  if (address === null) return fail('ADDRESS_MALFORMED');
  const now = deps.clock.now();
  const { wallets } = deps;
  let expiresAt = new Date(now.getTime() + wallets.nonceTtlMs);
  let linkId: number | null = null;
  if ('linkToken' in input) {
    const link = await openWalletLink(deps, { token: input.linkToken });
    if (!link.ok) return link;
    const issued = await deps.db.siweNonce.count({ where: { linkId: link.value.linkId } });
    if (issued >= wallets.maxNoncesPerLink) return fail('TOO_MANY_NONCES');
    linkId = link.value.linkId;
    if (link.value.expiresAt < expiresAt) expiresAt = link.value.expiresAt;
  }
  const nonce = newSiweNonce();
  await deps.db.siweNonce.create({ data: { nonce, linkId, expiresAt, createdAt: now } });
  const { siwe } = wallets;
  const issued: IssuedNonce = {
    nonce,
    issuedAt: now,
    expiresAt,
    scheme: siwe.scheme,
    domain: siwe.domain,
    uri: siwe.uri,
    chainId: siwe.chainId,
    statement: linkId === null ? LOGIN_STATEMENT : LINK_STATEMENT,
  };
  if (address !== undefined) issued.address = address;
  return ok(issued);
}

/** EIP-55 form of a 0x address; null when it is not one, or is mixed-case with a wrong checksum. */
function checksummed(address: string): string | null {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return null;
  try {
    return getAddress(address);
  } catch {
    return null;
  }
}
