import type { CoreDeps } from '../deps.js';
import { hashSecretToken, SECRET_TOKEN_PATTERN } from './secret-token.js';

/** Signs out: the session of this bearer token ends now. True if there was one. */
export async function endApiSession(deps: Pick<CoreDeps, 'db'>, input: { token: string }): Promise<boolean> {
  if (!SECRET_TOKEN_PATTERN.test(input.token)) return false;
  const { count } = await deps.db.apiSession.deleteMany({ where: { tokenHash: hashSecretToken(input.token) } });
  return count > 0;
}
