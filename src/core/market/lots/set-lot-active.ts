import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/**
 * Pauses (hidden from buyers, no new orders) or resumes the seller's own lot. Resuming a lot with
 * nothing left to sell is refused (LOT_SOLD_OUT), and so is resuming by a seller who is no longer
 * approved (NOT_A_SELLER); one conditional UPDATE decides.
 */
export async function setLotActive(
  deps: Pick<CoreDeps, 'db'>,
  input: { sellerId: number; lotId: number; active: boolean },
): Promise<Result<{ lotId: number; active: boolean }, 'LOT_NOT_FOUND' | 'LOT_SOLD_OUT' | 'NOT_A_SELLER'>> {
  const updated = await deps.db.lot.updateMany({
    where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null, ...(input.active ? { quantity: { gt: 0 }, seller: { seller: { status: 'APPROVED' } } } : {}) },
    data: { active: input.active },
  });
  if (updated.count === 1) return ok({ lotId: input.lotId, active: input.active });
  const lot = await deps.db.lot.findFirst({ where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null }, select: { quantity: true } });
  if (!lot) return fail('LOT_NOT_FOUND');
  return fail(lot.quantity > 0n ? 'NOT_A_SELLER' : 'LOT_SOLD_OUT');
}
