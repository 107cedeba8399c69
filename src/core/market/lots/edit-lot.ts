import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type LotFieldError, parseDescription, parseLevel, parsePrice, parsePriceUnit, parseQuantity, parseShortDescription } from './lot-fields.js';

export const LOT_EDIT_FIELDS = ['short', 'description', 'price', 'unit', 'quantity', 'level', 'deactivate'] as const;
export type LotEditField = (typeof LOT_EDIT_FIELDS)[number];

export type EditLotError = LotFieldError | 'LOT_NOT_FOUND' | 'QUANTITY_NOT_EDITABLE';

/**
 * Changes one field of the seller's own lot (not a deleted one). Orders already placed keep the
 * price they were bought at (LotOrder snapshots it). The quantity is what is left to sell: a FORM
 * lot's is always 1 and an auto-delivery lot's follows its goods, so neither can be typed.
 */
export async function editLot(
  deps: Pick<CoreDeps, 'db'>,
  input: { sellerId: number; lotId: number; field: LotEditField; value: string },
): Promise<Result<{ lotId: number }, EditLotError>> {
  const lot = await deps.db.lot.findFirst({
    where: { id: input.lotId, sellerId: input.sellerId, deletedAt: null },
    include: { category: { select: { lotType: true } } },
  });
  if (!lot) return fail('LOT_NOT_FOUND');
  let data: Record<string, unknown>;
  switch (input.field) {
    case 'short': {
      const parsed = parseShortDescription(input.value);
      if (!parsed.ok) return parsed;
      data = { shortDescription: parsed.value };
      break;
    }
    case 'description': {
      const parsed = parseDescription(input.value);
      if (!parsed.ok) return parsed;
      data = { description: parsed.value };
      break;
    }
    case 'price': {
      const parsed = parsePrice(input.value);
      if (!parsed.ok) return parsed;
      data = { price: parsed.value };
      break;
    }
    case 'unit': {
      const parsed = parsePriceUnit(input.value);
      if (!parsed.ok) return parsed;
      data = { priceUnit: BigInt(parsed.value) };
      break;
    }
    case 'quantity': {
      if (lot.category.lotType === 'FORM' || lot.autoDelivery) return fail('QUANTITY_NOT_EDITABLE');
      const parsed = parseQuantity(input.value);
      if (!parsed.ok) return parsed;
      data = { quantity: BigInt(parsed.value) };
      break;
    }
    case 'level': {
      if (input.value === '') data = { characterLevel: null };
      else {
        const parsed = parseLevel(input.value);
        if (!parsed.ok) return parsed;
        data = { characterLevel: parsed.value };
      }
      break;
    }
    case 'deactivate':
      data = { deactivateAfterSale: input.value === 'true' };
      break;
  }
  const updated = await deps.db.lot.updateMany({ where: { id: lot.id, sellerId: input.sellerId, deletedAt: null }, data });
  return updated.count === 1 ? ok({ lotId: lot.id }) : fail('LOT_NOT_FOUND');
}
