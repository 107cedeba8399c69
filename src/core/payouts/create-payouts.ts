import { Prisma } from '../../generated/prisma/client.js';
import { fail, ok, type Result } from '../result.js';
import type { PayoutDeps } from './deps.js';

export type CreatePayoutsError = 'TOKEN_NOT_FOUND' | 'USER_NOT_FOUND';

/** Why a user with a balance got no payout. */
export type PayoutSkipReason =
  | 'NO_WALLET' // no linked wallet
  | 'WALLET_NOT_CONFIRMED' // linked, but ownership was never proven by a signature
  | 'WALLET_OTHER_CHAIN' // linked for another chain than the payout chain
  | 'PAYOUT_OPEN' // a payout of theirs is still on its way: its tokens are reserved
  | 'NOTHING_AVAILABLE'; // nothing left once open payouts are taken off

export interface CreatedPayout {
  payoutId: number;
  userId: number;
  amount: bigint;
  toAddress: string;
}

export interface PayoutCreation {
  asset: string;
  created: CreatedPayout[];
  skipped: { userId: number; reason: PayoutSkipReason }[];
}

const OPEN = Prisma.sql`('PENDING', 'SIGNED', 'SENT')`;

/**
 * Creates PENDING payouts of the sale token's available balance (the ledger balance less the
 * user's open payouts) to each user's confirmed wallet: for every user with a positive balance,
 * or for one user. One statement reserves and links: the partial unique index on open payouts
 * (user, asset) makes a second, concurrent request for the same user insert nothing, so the same
 * tokens are never reserved twice. The user's credited referral rewards are linked to the payout
 * (marked sent, with the hash, once it is confirmed). Nothing is sent here: see sendPayouts.
 */
export async function createPayouts(
  deps: PayoutDeps,
  input: { userId?: number; createdById?: number } = {},
): Promise<Result<PayoutCreation, CreatePayoutsError>> {
  const token = await deps.db.token.findUnique({ where: { id: deps.payouts.tokenId }, select: { symbol: true } });
  if (!token) return fail('TOKEN_NOT_FOUND');
  if (input.userId !== undefined && !(await deps.db.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) {
    return fail('USER_NOT_FOUND');
  }
  const asset = token.symbol;
  const { chainId, tokenAddress } = deps.payouts.chain;
  const now = deps.clock.now();
  const onlyUser = input.userId === undefined ? Prisma.empty : Prisma.sql`AND b.user_id = ${input.userId}`;

  const created = await deps.db.$queryRaw<{ id: number; user_id: number; amount: bigint; to_address: string }[]>(Prisma.sql`
    WITH candidate AS (
      SELECT b.user_id, w.address,
             b.amount - coalesce((SELECT sum(p.amount) FROM payouts p
                                  WHERE p.user_id = b.user_id AND p.asset = b.asset AND p.status IN ${OPEN}), 0) AS available
      FROM balances b JOIN wallets w ON w.user_id = b.user_id
      WHERE b.asset = ${asset} AND b.amount > 0 AND w.confirmed_at IS NOT NULL AND w.chain_id = ${chainId} ${onlyUser}
    ),
    created AS (
      INSERT INTO payouts (user_id, asset, amount, chain_id, token_address, to_address, created_by_id, created_at, updated_at)
      SELECT user_id, ${asset}, available, ${chainId}, ${tokenAddress}, address, ${input.createdById ?? null}::int, ${now}, ${now}
      FROM candidate WHERE available > 0
      ON CONFLICT (user_id, asset) WHERE status IN ${OPEN} DO NOTHING
      RETURNING id, user_id, amount, to_address
    ),
    linked AS (
      UPDATE referral_rewards rw SET payout_id = created.id
      FROM created, token_orders o, token_rounds r
      WHERE rw.beneficiary_id = created.user_id AND rw.status = 'CREDITED' AND rw.payout_id IS NULL
        AND o.id = rw.order_id AND o.status = 'PAID' AND r.id = o.round_id AND r.token_id = ${deps.payouts.tokenId}
      RETURNING rw.id
    )
    SELECT id, user_id, amount, to_address FROM created ORDER BY id`);

  // Everyone else with a balance, and why they got nothing (read after the insert, so a payout
  // another request created meanwhile shows as PAYOUT_OPEN).
  const createdUsers = created.map((c) => c.user_id);
  const others = await deps.db.$queryRaw<{ user_id: number; address: string | null; confirmed: boolean | null; chain_id: number | null; balance: bigint; open: bigint }[]>(Prisma.sql`
    SELECT u.id AS user_id, w.address, w.confirmed_at IS NOT NULL AS confirmed, w.chain_id, coalesce(b.amount, 0) AS balance,
           coalesce((SELECT sum(p.amount) FROM payouts p WHERE p.user_id = u.id AND p.asset = ${asset} AND p.status IN ${OPEN}), 0)::bigint AS open
    FROM users u LEFT JOIN balances b ON b.user_id = u.id AND b.asset = ${asset} LEFT JOIN wallets w ON w.user_id = u.id
    WHERE ${input.userId === undefined ? Prisma.sql`b.amount > 0` : Prisma.sql`u.id = ${input.userId}`}
      AND u.id <> ALL(${createdUsers}::int[])
    ORDER BY u.id`);
  const skipped = others.map((row) => ({ userId: row.user_id, reason: skipReason(row, chainId) }));
  for (const s of skipped) deps.logger.info({ userId: s.userId, reason: s.reason }, 'payout skipped');
  for (const c of created) deps.logger.info({ payoutId: c.id, userId: c.user_id, amount: String(c.amount) }, 'payout created');
  return ok({
    asset,
    created: created.map((c) => ({ payoutId: c.id, userId: c.user_id, amount: c.amount, toAddress: c.to_address })),
    skipped,
  });
}

function skipReason(row: { address: string | null; confirmed: boolean | null; chain_id: number | null; balance: bigint; open: bigint }, chainId: number): PayoutSkipReason {
  if (row.address === null) return 'NO_WALLET';
  if (!row.confirmed) return 'WALLET_NOT_CONFIRMED';
  if (row.chain_id !== chainId) return 'WALLET_OTHER_CHAIN';
  if (row.open > 0n) return 'PAYOUT_OPEN';
  return 'NOTHING_AVAILABLE';
}
