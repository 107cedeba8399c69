import type { Db } from '../deps.js';

// The orders that make a referrer "too late": the same statuses attributeReferrer counts. An order
// that expired or was cancelled bought nothing, so it does not close the door.
const COUNTED_ORDER_STATUSES = ['PENDING', 'PAID', 'REFUND_REQUIRED'] as const;

/**
 * Whether "I have a code" can still be offered: the user has no referrer yet and no order. Once
 * either is true attributeReferrer would refuse, so the bot stops offering the button.
 */
export async function canEnterReferralCode(db: Db, userId: number): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { referrerId: true, _count: { select: { orders: { where: { status: { in: [...COUNTED_ORDER_STATUSES] } } } } } },
  });
  return user !== null && user.referrerId === null && user._count.orders === 0;
}
