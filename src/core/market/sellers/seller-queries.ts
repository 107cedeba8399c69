import type { Db } from '../../deps.js';

/** A user's seller standing (null: never applied). */
export function sellerProfile(db: Db, userId: number) {
  return db.sellerProfile.findUnique({ where: { userId } });
}

/** Applications waiting for an admin, oldest first. */
export function pendingApplications(db: Db, limit = 20) {
  return db.sellerProfile.findMany({
    where: { status: 'APPLIED' },
    orderBy: { appliedAt: 'asc' },
    take: limit,
    include: { user: { select: { id: true, firstName: true, username: true, telegramId: true } } },
  });
}

/** Who hears about new applications and withdrawal requests: the ADMIN role and ADMIN_TELEGRAM_IDS. */
export function adminRecipients(db: Db, adminIds: readonly bigint[]) {
  return db.user.findMany({
    where: { OR: [{ roles: { has: 'ADMIN' } }, { telegramId: { in: [...adminIds] } }] },
    select: { telegramId: true, language: true },
  });
}
