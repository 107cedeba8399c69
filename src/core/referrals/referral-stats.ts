import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';
import { type Page, type PageInput, pageWindow, toPage } from '../page.js';

export interface LevelStats {
  level: number;
  /** People at this level below the user. */
  people: number;
  /** Of them, how many have a paid order. */
  buyers: number;
  /** Tokens they bought (paid orders). */
  purchased: bigint;
  /** Rewards the user earned from their orders. */
  rewards: bigint;
}

/** The user's referral tree per level (1 = invited directly) down to `levels`. */
export async function referralsByLevel(db: Db, userId: number, levels: number): Promise<LevelStats[]> {
  const rows = await db.$queryRaw<{ level: number; people: bigint; buyers: bigint; purchased: bigint; rewards: bigint }[]>(Prisma.sql`
    WITH RECURSIVE tree(id, level) AS (
      SELECT id, 1 FROM users WHERE referrer_id = ${userId}
      UNION ALL
      SELECT u.id, tree.level + 1 FROM tree JOIN users u ON u.referrer_id = tree.id WHERE tree.level < ${levels}
    ),
    bought AS (
      SELECT tree.id, tree.level, coalesce(sum(o.amount), 0)::bigint AS purchased, count(o.id) > 0 AS bought
      FROM tree LEFT JOIN token_orders o ON o.buyer_id = tree.id AND o.status = 'PAID'
      GROUP BY tree.id, tree.level
    ),
    earned AS (
      SELECT rw.level, sum(rw.amount)::bigint AS rewards FROM referral_rewards rw
      WHERE rw.beneficiary_id = ${userId} GROUP BY rw.level
    )
    SELECT l.level, count(b.id) AS people, count(b.id) FILTER (WHERE b.bought) AS buyers,
           coalesce(sum(b.purchased), 0)::bigint AS purchased, coalesce(max(e.rewards), 0)::bigint AS rewards
    FROM generate_series(1, ${levels}) AS l(level)
    LEFT JOIN bought b ON b.level = l.level
    LEFT JOIN earned e ON e.level = l.level
    GROUP BY l.level ORDER BY l.level`);
  return rows.map((r) => ({
    level: Number(r.level),
    people: Number(r.people),
    buyers: Number(r.buyers),
    purchased: r.purchased,
    rewards: r.rewards,
  }));
}

export interface RewardView {
  rewardId: number;
  level: number;
  percent: string;
  amount: bigint;
  status: string;
  orderId: number;
  orderAmount: bigint;
  /** The buyer's first name: who earned the user this reward. */
  fromName: string;
  createdAt: Date;
}

/** Rewards the user earned from their referrals' orders, newest first. */
export async function userRewards(db: Db, userId: number, input: PageInput = {}): Promise<Page<RewardView>> {
  const window = pageWindow(input);
  const [rewards, total] = await Promise.all([
    db.referralReward.findMany({
      where: { beneficiaryId: userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: window.skip,
      take: window.pageSize,
      include: { order: { select: { amount: true, buyer: { select: { firstName: true } } } } },
    }),
    db.referralReward.count({ where: { beneficiaryId: userId } }),
  ]);
  const items = rewards.map((r) => ({
    rewardId: r.id,
    level: r.level,
    percent: r.percent.toString(),
    amount: r.amount,
    status: r.status,
    orderId: r.orderId,
    orderAmount: r.order.amount,
    fromName: r.order.buyer.firstName,
    createdAt: r.createdAt,
  }));
  return toPage(items, total, window);
}
