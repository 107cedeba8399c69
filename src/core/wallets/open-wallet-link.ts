import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { type LinkedWallet, linkedWallet } from './linked-wallet.js';
import { hashSecretToken, SECRET_TOKEN_PATTERN } from './secret-token.js';

export type WalletLinkError = 'LINK_NOT_FOUND' | 'LINK_EXPIRED' | 'LINK_USED';

export interface OpenWalletLink {
  linkId: number;
  userId: number;
  firstName: string;
  expiresAt: Date;
  /** What the user has linked now (the page shows it, with Unlink). */
  wallet: LinkedWallet | null;
}

/**
 * The wallet link behind a `?link=` token, if it can still be used: it exists (else the token is
 * forged or mistyped), has not expired, and has not linked a wallet yet. Reads only.
 */
export async function openWalletLink(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { token: string },
): Promise<Result<OpenWalletLink, WalletLinkError>> {
  if (!SECRET_TOKEN_PATTERN.test(input.token)) return fail('LINK_NOT_FOUND');
  const link = await deps.db.walletLink.findUnique({
    where: { tokenHash: hashSecretToken(input.token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { firstName: true } } },
  });
  if (!link) return fail('LINK_NOT_FOUND');
  if (link.usedAt) return fail('LINK_USED');
  if (link.expiresAt <= deps.clock.now()) return fail('LINK_EXPIRED');
  return ok({
    linkId: link.id,
    userId: link.userId,
    firstName: link.user.firstName,
    expiresAt: link.expiresAt,
    wallet: await linkedWallet(deps.db, link.userId),
  });
}
