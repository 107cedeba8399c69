import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';
import { checkLotAgainstCategory, type LotFieldsInput, lotFields } from './lot-input.js';
import { type InvalidInput, parseInput } from './validation.js';

export type EditLotError = InvalidInput | 'NOT_SELLER' | 'LOT_NOT_FOUND' | 'CATEGORY_NOT_FOUND';

/**
 * The lot's seller replaces its fields (the same checks as creating it); `goods` are added to the
 * auto-delivery stock. Orders already made keep their own price snapshot.
 */
export async function editLot(
  deps: Pick<MarketDeps, 'db' | 'clock' | 'market'>,
  input: LotFieldsInput & { sellerId: number; lotId: number },
): Promise<Result<{ id: number }, EditLotError>> {
  const { sellerId, lotId, ...fields } = input;
  const parsed = parseInput(lotFields, fields);
  if (!parsed.ok) return parsed;
  const lot = parsed.value;
  const [seller, current, category, league, stock] = await Promise.all([
    deps.db.sellerProfile.findUnique({ where: { userId: sellerId }, select: { status: true } }),
    deps.db.lot.findUnique({ where: { id: lotId }, select: { sellerId: true, deletedAt: true } }),
    deps.db.category.findUnique({ where: { id: lot.categoryId }, include: { market: { select: { archivedAt: true } } } }),
    lot.leagueId === null ? null : deps.db.lotLeague.findUnique({ where: { id: lot.leagueId } }),
    deps.db.lotGoods.count({ where: { lotId, orderId: null } }),
  ]);
  if (seller?.status !== 'APPROVED') return fail('NOT_SELLER');
  if (!current || current.deletedAt || current.sellerId !== sellerId) return fail('LOT_NOT_FOUND');
  if (!category || category.archivedAt || category.market.archivedAt) return fail('CATEGORY_NOT_FOUND');
  const checked = checkLotAgainstCategory(lot, category, league, deps.market, BigInt(stock + lot.goods.length));
  if (!checked.ok) return checked;
  const { goods, ...data } = lot;
  await deps.db.lot.update({
    where: { id: lotId },
    data: { ...data, updatedAt: deps.clock.now(), goods: { create: goods.map((content) => ({ content })) } },
  });
  return ok({ id: lotId });
}
