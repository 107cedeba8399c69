import type { CoreDeps } from '../deps.js';

/** Kept this long after expiry, so a late page still hears "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

/**
 * Deletes wallet links, sign-in nonces and API sessions that expired over a day ago (a link's
 * nonces go with it). For the periodic sweep: nonces for sign-ins can be asked for by anyone.
 */
export async function purgeWalletAuth(deps: Pick<CoreDeps, 'db' | 'clock'>): Promise<{ links: number; nonces: number; sessions: number }> {
  const before = new Date(deps.clock.now().getTime() - KEEP_EXPIRED_MS);
  const nonces = await deps.db.siweNonce.deleteMany({ where: { linkId: null, expiresAt: { lt: before } } });
  const links = await deps.db.walletLink.deleteMany({ where: { expiresAt: { lt: before } } });
  const sessions = await deps.db.apiSession.deleteMany({ where: { expiresAt: { lt: before } } });
  return { links: links.count, nonces: nonces.count, sessions: sessions.count };
}
