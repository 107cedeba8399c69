import type { SellerStatus } from '../../generated/prisma/client.js';
import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';

/**
 * A user applies to sell. With MARKET_SELLER_AUTO_APPROVE the application is approved at once;
 * otherwise it waits for an admin (decideSeller). A rejected user may apply again.
 */
export async function applyAsSeller(
  deps: Pick<MarketDeps, 'db' | 'clock' | 'market'>,
  input: { userId: number; about?: string },
): Promise<Result<{ status: SellerStatus }, 'ALREADY_APPLIED' | 'ALREADY_SELLER' | 'ABOUT_TOO_LONG'>> {
  const about = (input.about ?? '').trim();
  if (about.length > 1000) return fail('ABOUT_TOO_LONG');
  const now = deps.clock.now();
  const status: SellerStatus = deps.market.sellerAutoApprove ? 'APPROVED' : 'APPLIED';
  const decided = status === 'APPROVED' ? { decidedAt: now, decidedById: null } : { decidedAt: null, decidedById: null };
  const current = await deps.db.sellerProfile.findUnique({ where: { userId: input.userId }, select: { status: true } });
  if (current?.status === 'APPROVED') return fail('ALREADY_SELLER');
  if (current?.status === 'APPLIED') return fail('ALREADY_APPLIED');
  await deps.db.sellerProfile.upsert({
    where: { userId: input.userId },
    create: { userId: input.userId, status, about, appliedAt: now, ...decided },
    update: { status, about, appliedAt: now, rejectReason: null, ...decided },
  });
  if (status === 'APPROVED') await grantSellerRole(deps, input.userId);
  return ok({ status });
}

/** Adds SELLER to the user's roles (menus look at roles); idempotent. */
export async function grantSellerRole(deps: Pick<MarketDeps, 'db'>, userId: number): Promise<void> {
  await deps.db.$executeRaw`UPDATE users SET roles = array_append(roles, 'SELLER') WHERE id = ${userId} AND NOT ('SELLER' = ANY(roles))`;
}
