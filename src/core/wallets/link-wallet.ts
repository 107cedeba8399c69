import { Prisma } from '../../generated/prisma/client.js';
import { fail, ok, type Result } from '../result.js';
import { consumeNonce, isUniqueViolation, type NonceError, nonceRefusal, WalletAbort } from './consume-nonce.js';
import type { WalletDeps } from './deps.js';
import { openWalletLink, type WalletLinkError } from './open-wallet-link.js';
import { type VerifySiweError, verifySiwe } from './verify-siwe.js';

export type LinkWalletError = WalletLinkError | VerifySiweError | NonceError | 'ADDRESS_TAKEN';

export interface LinkedWalletResult {
  userId: number;
  telegramId: bigint;
  address: string;
  kind: 'EOA' | 'CONTRACT';
  /** The address this one replaced, if the user had another linked. */
  replaced?: string;
}

/**
 * Links the wallet that signed `message` to the user of the link. In order: the link is usable;
 * the signature is the message's address's, for our domain, page and chain (verifySiwe, which may
 * ask the chain: before any transaction); the nonce was issued for this link, unused and
 * unexpired; the address is nobody else's. Then one transaction uses the nonce and the link up
 * (conditional updates: a second attempt finds nothing to update) and writes the wallet,
 * checksummed and confirmed. A previous wallet of the user is replaced and its API sessions end.
 * Any failure changes nothing.
 */
export async function linkWallet(
  deps: WalletDeps,
  input: { linkToken: string; message: string; signature: string },
): Promise<Result<LinkedWalletResult, LinkWalletError>> {
  const link = await openWalletLink(deps, { token: input.linkToken });
  if (!link.ok) return link;
  const { linkId, userId } = link.value;

  const verified = await verifySiwe(
    { clock: deps.clock, logger: deps.logger, contractSignatures: deps.wallets.contractSignatures },
    { message: input.message, signature: input.signature, expected: deps.wallets.siwe },
  );
  if (!verified.ok) return verified;
  const { address, kind, message } = verified.value;

  const now = deps.clock.now();
  const refusal = await nonceRefusal(deps.db, { nonce: message.nonce, linkId, now });
  if (refusal) return refusal;
  const owner = await deps.db.wallet.findUnique({ where: { address }, select: { userId: true } });
  if (owner && owner.userId !== userId) return fail('ADDRESS_TAKEN');

  try {
    const result = await deps.db.$transaction(async (tx) => {
      if (!(await consumeNonce(tx, { nonce: message.nonce, linkId, now }))) throw new WalletAbort('NONCE_USED');
      const used = await tx.$queryRaw<{ user_id: number }[]>(Prisma.sql`
        UPDATE wallet_links SET used_at = ${now}::timestamptz
        WHERE id = ${linkId} AND used_at IS NULL AND expires_at > ${now}::timestamptz
        RETURNING user_id`);
      if (used.length !== 1) throw new WalletAbort('LINK_USED');

      const previous = await tx.wallet.findUnique({ where: { userId }, select: { address: true } });
      if (previous && previous.address !== address) await tx.apiSession.deleteMany({ where: { userId, address: previous.address } });
      const data = { address, kind, chainId: message.chainId, confirmedAt: now, linkedAt: now };
      await tx.wallet.upsert({ where: { userId }, create: { userId, ...data }, update: data });
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { telegramId: true } });
      const linked: LinkedWalletResult = { userId, telegramId: user.telegramId, address, kind };
      if (previous && previous.address !== address) linked.replaced = previous.address;
      return linked;
    });
    deps.logger.info({ userId, address, kind }, 'wallet linked');
    return ok(result);
  } catch (error) {
    // Another user linked this address between our check and the insert: the unique key held.
    if (isUniqueViolation(error)) return fail('ADDRESS_TAKEN');
    if (!(error instanceof WalletAbort)) throw error;
    // A concurrent attempt got there first; say why in the words of what it left behind.
    const again = await nonceRefusal(deps.db, { nonce: message.nonce, linkId, now });
    if (again) return again;
    const linkNow = await openWalletLink(deps, { token: input.linkToken });
    return linkNow.ok ? fail(error.code as 'NONCE_USED' | 'LINK_USED') : linkNow;
  }
}
