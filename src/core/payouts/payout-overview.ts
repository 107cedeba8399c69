import { Prisma } from '../../generated/prisma/client.js';
import type { PayoutStatus } from '../../generated/prisma/enums.js';
import type { PayoutDeps } from './deps.js';

export interface PayoutCandidate {
  userId: number;
  name: string;
  /** The balance less open payouts. */
  available: bigint;
}

export interface OpenPayout {
  payoutId: number;
  userId: number;
  name: string;
  amount: bigint;
  status: PayoutStatus;
  stuck: boolean;
  txHash: string | null;
}

export interface PayoutOverview {
  asset: string;
  /** Users a payout can be made for now (confirmed wallet on the chain, nothing open), largest first. */
  ready: PayoutCandidate[];
  readyCount: number;
  readyTotal: bigint;
  /** Payouts on their way (PENDING, SIGNED, SENT), oldest first. */
  open: OpenPayout[];
  openCount: Record<'PENDING' | 'SIGNED' | 'SENT', number>;
  stuckCount: number;
}

const userName = (row: { first_name: string; username: string | null }) => (row.username ? `@${row.username}` : row.first_name);

/** What the admins' Payouts screen shows: who can be paid, and what is on its way. */
export async function payoutOverview(deps: PayoutDeps, options: { limit?: number } = {}): Promise<PayoutOverview | null> {
  const limit = options.limit ?? 10;
  const token = await deps.db.token.findUnique({ where: { id: deps.payouts.tokenId }, select: { symbol: true } });
  if (!token) return null;
  const asset = token.symbol;
  const ready = await deps.db.$queryRaw<{ user_id: number; first_name: string; username: string | null; available: bigint; total: bigint; count: bigint }[]>(Prisma.sql`
    WITH ready AS (
      SELECT u.id AS user_id, u.first_name, u.username, b.amount AS available
      FROM balances b JOIN users u ON u.id = b.user_id JOIN wallets w ON w.user_id = b.user_id
      WHERE b.asset = ${asset} AND b.amount > 0 AND w.confirmed_at IS NOT NULL AND w.chain_id = ${deps.payouts.chain.chainId}
        AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.user_id = b.user_id AND p.asset = b.asset AND p.status IN ('PENDING', 'SIGNED', 'SENT'))
    )
    SELECT user_id, first_name, username, available, sum(available) OVER ()::bigint AS total, count(*) OVER () AS count
    FROM ready ORDER BY available DESC, user_id LIMIT ${limit}`);
  const open = await deps.db.payout.findMany({
    where: { asset, status: { in: ['PENDING', 'SIGNED', 'SENT'] } },
    orderBy: { id: 'asc' },
    include: { user: { select: { firstName: true, username: true } } },
  });
  const openCount = { PENDING: 0, SIGNED: 0, SENT: 0 };
  for (const p of open) openCount[p.status as keyof typeof openCount] += 1;
  return {
    asset,
    ready: ready.map((r) => ({ userId: r.user_id, name: userName(r), available: r.available })),
    readyCount: Number(ready[0]?.count ?? 0),
    readyTotal: ready[0]?.total ?? 0n,
    open: open.slice(0, limit).map((p) => ({
      payoutId: p.id,
      userId: p.userId,
      name: userName({ first_name: p.user.firstName, username: p.user.username }),
      amount: p.amount,
      status: p.status,
      stuck: p.stuckAt !== null,
      txHash: p.txHash,
    })),
    openCount,
    stuckCount: open.filter((p) => p.stuckAt !== null).length,
  };
}
