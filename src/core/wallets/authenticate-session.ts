import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { hashSecretToken, SECRET_TOKEN_PATTERN } from './secret-token.js';

export type SessionError = 'SESSION_INVALID' | 'SESSION_EXPIRED';

export interface ApiSessionInfo {
  userId: number;
  telegramId: bigint;
  address: string;
  expiresAt: Date;
}

/**
 * The user behind a bearer token from POST /wallet/login, for the /api/v1 user endpoints: the
 * session exists (the token is not forged), has not expired, and the address that signed it is
 * still that user's confirmed wallet (EIP-4361: sessions are bound to the address).
 */
export async function authenticateApiSession(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { token: string },
): Promise<Result<ApiSessionInfo, SessionError>> {
  if (!SECRET_TOKEN_PATTERN.test(input.token)) return fail('SESSION_INVALID');
  const session = await deps.db.apiSession.findUnique({
    where: { tokenHash: hashSecretToken(input.token) },
    select: { userId: true, address: true, expiresAt: true, user: { select: { telegramId: true, wallet: { select: { address: true, confirmedAt: true } } } } },
  });
  if (!session) return fail('SESSION_INVALID');
  if (session.expiresAt <= deps.clock.now()) return fail('SESSION_EXPIRED');
  const wallet = session.user.wallet;
  if (!wallet?.confirmedAt || wallet.address !== session.address) return fail('SESSION_INVALID');
  return ok({ userId: session.userId, telegramId: session.user.telegramId, address: session.address, expiresAt: session.expiresAt });
}
