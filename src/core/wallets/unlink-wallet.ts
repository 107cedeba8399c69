import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

/**
 * Unlinks the user's wallet (only `walletId`, when given: a button under an old screen must not
 * unlink a wallet linked since). The address is free again, for this user or another one, and
 * the API sessions it signed in are ended in the same transaction.
 */
export async function unlinkWallet(
  deps: Pick<CoreDeps, 'db' | 'logger'>,
  input: { userId: number; walletId?: number },
): Promise<Result<{ address: string }, 'WALLET_NOT_LINKED'>> {
  const removed = await deps.db.$transaction(async (tx) => {
    const walletCondition = input.walletId === undefined ? Prisma.empty : Prisma.sql`AND id = ${input.walletId}`;
    const rows = await tx.$queryRaw<{ address: string }[]>(Prisma.sql`
      DELETE FROM wallets WHERE user_id = ${input.userId} ${walletCondition} RETURNING address`);
    const row = rows[0];
    if (row) await tx.apiSession.deleteMany({ where: { userId: input.userId, address: row.address } });
    return row;
  });
  if (!removed) return fail('WALLET_NOT_LINKED');
  deps.logger.info({ userId: input.userId, address: removed.address }, 'wallet unlinked');
  return ok({ address: removed.address });
}
