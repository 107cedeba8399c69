import { fail, ok, type Result } from '../result.js';
import { consumeNonce, type NonceError, nonceRefusal, WalletAbort } from './consume-nonce.js';
import type { WalletDeps } from './deps.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';
import { type VerifySiweError, verifySiwe } from './verify-siwe.js';

export type SignInWithWalletError = VerifySiweError | NonceError | 'WALLET_NOT_LINKED';

export interface WalletSession {
  /** The bearer token for /api/v1: given once, stored only as its hash. */
  token: string;
  expiresAt: Date;
  userId: number;
  address: string;
}

/**
 * "Sign in with MetaMask" for the JSON API: a SIWE message signed by a wallet that is linked to a
 * user and confirmed, with a sign-in nonce (one issued without a link) that is unused and
 * unexpired. The nonce is used up and the session created in one transaction.
 */
export async function signInWithWallet(
  deps: WalletDeps,
  input: { message: string; signature: string },
): Promise<Result<WalletSession, SignInWithWalletError>> {
  const verified = await verifySiwe(
    { clock: deps.clock, logger: deps.logger, contractSignatures: deps.wallets.contractSignatures },
    { message: input.message, signature: input.signature, expected: deps.wallets.siwe },
  );
  if (!verified.ok) return verified;
  const { address, message } = verified.value;
  const now = deps.clock.now();

  const refusal = await nonceRefusal(deps.db, { nonce: message.nonce, linkId: null, now });
  if (refusal) return refusal;
  const wallet = await deps.db.wallet.findUnique({ where: { address }, select: { userId: true, confirmedAt: true } });
  if (!wallet?.confirmedAt) return fail('WALLET_NOT_LINKED');

  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + deps.wallets.sessionTtlMs);
  try {
    await deps.db.$transaction(async (tx) => {
      if (!(await consumeNonce(tx, { nonce: message.nonce, linkId: null, now }))) throw new WalletAbort('NONCE_USED');
      await tx.apiSession.create({ data: { tokenHash: hashSecretToken(token), userId: wallet.userId, address, expiresAt, createdAt: now } });
    });
  } catch (error) {
    if (!(error instanceof WalletAbort)) throw error;
    return (await nonceRefusal(deps.db, { nonce: message.nonce, linkId: null, now })) ?? fail('NONCE_USED');
  }
  deps.logger.info({ userId: wallet.userId, address }, 'signed in with a wallet');
  return ok({ token, expiresAt, userId: wallet.userId, address });
}
