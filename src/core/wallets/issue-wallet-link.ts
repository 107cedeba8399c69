import type { CoreDeps } from '../deps.js';
import { WALLET_LINK_TTL_MS } from './deps.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

export interface IssuedWalletLink {
  /** The secret for `?link=`: shown once, stored only as its hash. */
  token: string;
  expiresAt: Date;
}

/**
 * A one-time link to the wallet page for this user: a random token whose hash is stored with the
 * user and an expiry (15 minutes by default). Linking a wallet through it uses it up.
 */
export async function issueWalletLink(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { userId: number; ttlMs?: number },
): Promise<IssuedWalletLink> {
  const token = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + (input.ttlMs ?? WALLET_LINK_TTL_MS));
  await deps.db.walletLink.create({ data: { tokenHash: hashSecretToken(token), userId: input.userId, expiresAt, createdAt: now } });
  return { token, expiresAt };
}
