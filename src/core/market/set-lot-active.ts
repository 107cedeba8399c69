import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';

/**
 * The lot's seller pauses (active false) or resumes it. Resuming needs stock left and an approved
 * seller; a deleted lot stays off.
 */
export async function setLotActive(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: { sellerId: number; lotId: number; active: boolean },
): Promise<Result<{ id: number; active: boolean }, 'LOT_NOT_FOUND' | 'NOT_SELLER' | 'OUT_OF_STOCK'>> {
  const [seller, lot] = await Promise.all([
    deps.db.sellerProfile.findUnique({ where: { userId: input.sellerId }, select: { status: true } }),
    deps.db.lot.findUnique({ where: { id: input.lotId }, select: { sellerId: true, deletedAt: true, quantity: true } }),
  ]);
  if (!lot || lot.deletedAt || lot.sellerId !== input.sellerId) return fail('LOT_NOT_FOUND');
  if (input.active && seller?.status !== 'APPROVED') return fail('NOT_SELLER');
  if (input.active && lot.quantity < 1n) return fail('OUT_OF_STOCK');
  // Conditional: a lot deleted meanwhile is not switched back on.
  const updated = await deps.db.lot.updateMany({
    where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null },
    data: { active: input.active, updatedAt: deps.clock.now() },
  });
  return updated.count ? ok({ id: input.lotId, active: input.active }) : fail('LOT_NOT_FOUND');
}
