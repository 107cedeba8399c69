import { Prisma } from '../../generated/prisma/client.js';
import type { Db, Tx } from '../deps.js';
import { fail, type Result } from '../result.js';

export type NonceError = 'NONCE_UNKNOWN' | 'NONCE_USED' | 'NONCE_EXPIRED';

/**
 * Why a nonce cannot be accepted for this link (null: a sign-in), or undefined if it can: read
 * before the transaction, so a bad nonce fails before anything is written and with its reason.
 */
export async function nonceRefusal(db: Db, input: { nonce: string; linkId: number | null; now: Date }): Promise<Result<never, NonceError> | undefined> {
  const row = await db.siweNonce.findUnique({ where: { nonce: input.nonce }, select: { linkId: true, usedAt: true, expiresAt: true } });
  // A nonce issued for another link (or for a sign-in) is as good as one never issued here.
  if (!row || row.linkId !== input.linkId) return fail('NONCE_UNKNOWN');
  if (row.usedAt) return fail('NONCE_USED');
  if (row.expiresAt <= input.now) return fail('NONCE_EXPIRED');
  return undefined;
}

/**
 * Uses the nonce up: one conditional statement, so of any number of concurrent attempts with the
 * same nonce exactly one gets the row back (DESIGN invariant 6). False: used or expired meanwhile.
 */
export async function consumeNonce(tx: Tx, input: { nonce: string; linkId: number | null; now: Date }): Promise<boolean> {
  const linkCondition = input.linkId === null ? Prisma.sql`link_id IS NULL` : Prisma.sql`link_id = ${input.linkId}`;
  const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
    UPDATE siwe_nonces SET used_at = ${input.now}::timestamptz
    WHERE nonce = ${input.nonce} AND ${linkCondition} AND used_at IS NULL AND expires_at > ${input.now}::timestamptz
    RETURNING id`);
  return rows.length === 1;
}

/** Thrown inside a transaction to roll it back with a business failure's code. */
export class WalletAbort<C extends string> extends Error {
  constructor(readonly code: C) {
    super(code);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
