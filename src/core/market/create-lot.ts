import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';
import { checkLotAgainstCategory, type LotFieldsInput, lotFields } from './lot-input.js';
import { type InvalidInput, parseInput } from './validation.js';

export type CreateLotError = InvalidInput | 'NOT_SELLER' | 'CATEGORY_NOT_FOUND';

/** An approved seller puts up a lot in an open category, validated for the category's lot type. */
export async function createLot(
  deps: Pick<MarketDeps, 'db' | 'market'>,
  input: LotFieldsInput & { sellerId: number },
): Promise<Result<{ id: number }, CreateLotError>> {
  const { sellerId, ...fields } = input;
  const parsed = parseInput(lotFields, fields);
  if (!parsed.ok) return parsed;
  const lot = parsed.value;
  const [seller, category, league] = await Promise.all([
    deps.db.sellerProfile.findUnique({ where: { userId: sellerId }, select: { status: true } }),
    deps.db.category.findUnique({ where: { id: lot.categoryId }, include: { market: { select: { archivedAt: true } } } }),
    lot.leagueId === null ? null : deps.db.lotLeague.findUnique({ where: { id: lot.leagueId } }),
  ]);
  if (seller?.status !== 'APPROVED') return fail('NOT_SELLER');
  if (!category || category.archivedAt || category.market.archivedAt) return fail('CATEGORY_NOT_FOUND');
  const checked = checkLotAgainstCategory(lot, category, league, deps.market, BigInt(lot.goods.length));
  if (!checked.ok) return checked;
  const { goods, ...data } = lot;
  const created = await deps.db.lot.create({
    data: { ...data, sellerId, goods: { create: goods.map((content) => ({ content })) } },
  });
  return ok({ id: created.id });
}
