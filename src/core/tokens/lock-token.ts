import type { Tx } from '../deps.js';

export type { Tx };

/**
 * Takes the token's row lock for the rest of the transaction. Every change to a token's rounds
 * (advanceRounds, create, edit, activate, complete) takes it first, so they run one at a time per
 * token. False when there is no such token.
 */
export async function lockToken(tx: Tx, tokenId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM tokens WHERE id = ${tokenId} FOR UPDATE`;
  return rows.length > 0;
}
