import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/**
 * Pauses (hidden from buyers, no new orders) or resumes the seller's own lot. Resuming a lot with
 * nothing left to sell is refused (LOT_SOLD_OUT); one conditional UPDATE decides.
 */
export async function setLotActive(
  deps: Pick<CoreDeps, 'db'>,
  input: { sellerId: number; lotId: number; active: boolean },
): Promise<Result<{ lotId: number; active: boolean }, 'LOT_NOT_FOUND' | 'LOT_SOLD_OUT'>> {
  const updated = await deps.db.lot.updateMany({
    where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null, ...(input.active ? { quantity: { gt: 0 } } : {}) },
    data: { active: input.active },
  });
  if (updated.count === 1) return ok({ lotId: input.lotId, active: input.active });
  const lot = await deps.db.lot.findFirst({ where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null }, select: { id: true } });
  return fail(lot ? 'LOT_SOLD_OUT' : 'LOT_NOT_FOUND');
}
