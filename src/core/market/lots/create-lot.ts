import { fail, ok, type Result } from '../../result.js';
import { formFieldsOf } from '../admin/market-fields.js';
import type { MarketDeps } from '../deps.js';
import {
  checkFormValues,
  type LotDraft,
  type LotFieldError,
  parseDescription,
  parseLevel,
  parseLotCurrency,
  parsePrice,
  parsePriceUnit,
  parseQuantity,
  parseShortDescription,
} from './lot-fields.js';

export type CreateLotError = LotFieldError | 'NOT_A_SELLER' | 'CATEGORY_NOT_FOUND' | 'LEAGUE_NOT_FOUND' | 'LEAGUE_PLATFORM_MISMATCH' | 'CURRENCY_NOT_OFFERED';

/**
 * Publishes a seller's lot, checking the draft again whatever the conversation did: an approved
 * seller, a live category (and league, on the lot's platform) of a live market, a currency the
 * market takes (MARKET_CURRENCIES), the values per lot type (a FORM lot is one unit with its form
 * filled in), auto-delivery goods matching the quantity. Lot and goods in one transaction.
 */
export async function createLot(deps: Pick<MarketDeps, 'db' | 'clock' | 'market'>, input: { sellerId: number; draft: LotDraft }): Promise<Result<{ lotId: number }, CreateLotError>> {
  const { draft } = input;
  const seller = await deps.db.sellerProfile.findUnique({ where: { userId: input.sellerId }, select: { status: true } });
  if (seller?.status !== 'APPROVED') return fail('NOT_A_SELLER');
  const category = await deps.db.category.findFirst({
    where: { id: draft.categoryId, archivedAt: null, market: { archivedAt: null } },
  });
  if (!category) return fail('CATEGORY_NOT_FOUND');
  if (draft.leagueId !== null) {
    const league = await deps.db.lotLeague.findFirst({ where: { id: draft.leagueId, marketId: category.marketId, archivedAt: null } });
    if (!league) return fail('LEAGUE_NOT_FOUND');
    // A league on one platform takes lots on that platform (or on none named).
    if (league.platform && draft.platform && league.platform !== draft.platform) return fail('LEAGUE_PLATFORM_MISMATCH');
  }
  const checks = [
    parseShortDescription(draft.shortDescription),
    parseDescription(draft.description),
    parsePrice(draft.price),
    parsePriceUnit(draft.priceUnit),
    parseLotCurrency(draft.currency),
    parseQuantity(draft.quantity),
    draft.characterLevel === null ? ok(null) : parseLevel(String(draft.characterLevel)),
  ];
  const bad = checks.find((c) => !c.ok);
  if (bad && !bad.ok) return bad;
  if (!deps.market.currencies.includes(draft.currency)) return fail('CURRENCY_NOT_OFFERED');
  const quantity = category.lotType === 'FORM' ? 1n : BigInt(draft.quantity);
  if (category.lotType === 'FORM' && draft.quantity !== '1') return fail('QUANTITY_INVALID');
  const fields = category.lotType === 'FORM' ? checkFormValues(formFieldsOf(category.formFields), draft.fields) : ok({});
  if (!fields.ok) return fields;
  if (draft.goods.length > 0 && BigInt(draft.goods.length) !== quantity) return fail('GOODS_COUNT_MISMATCH');
  if (draft.goods.some((g) => g.trim().length === 0)) return fail('GOODS_INVALID');
  const now = deps.clock.now();
  const lot = await deps.db.$transaction(async (tx) => {
    const created = await tx.lot.create({
      data: {
        sellerId: input.sellerId,
        categoryId: category.id,
        leagueId: draft.leagueId,
        platform: draft.platform,
        characterLevel: draft.characterLevel,
        language: draft.language,
        shortDescription: draft.shortDescription.trim(),
        description: draft.description.trim(),
        fields: fields.value,
        price: draft.price,
        priceUnit: BigInt(draft.priceUnit),
        currency: draft.currency,
        quantity,
        deactivateAfterSale: draft.deactivateAfterSale,
        autoDelivery: draft.goods.length > 0,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (draft.goods.length > 0) {
      await tx.lotGoods.createMany({ data: draft.goods.map((content) => ({ lotId: created.id, content: content.trim(), createdAt: now })) });
    }
    return created;
  });
  return ok({ lotId: lot.id });
}
