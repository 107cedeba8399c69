import type { LotType } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { type FormField, parseName } from './market-fields.js';

export type CreateCategoryError = 'MARKET_NOT_FOUND' | 'NAME_INVALID' | 'NAME_TAKEN' | 'FORM_FIELDS_INVALID';

/** A category of a market: MULTIPLE lots sell by quantity, FORM lots fill in `formFields`. */
export async function createCategory(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { marketId: number; name: string; lotType: LotType; formFields: FormField[] },
): Promise<Result<{ categoryId: number }, CreateCategoryError>> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  if (input.lotType === 'FORM' && input.formFields.length === 0) return fail('FORM_FIELDS_INVALID');
  const market = await deps.db.market.findUnique({ where: { id: input.marketId }, select: { id: true } });
  if (!market) return fail('MARKET_NOT_FOUND');
  const last = await deps.db.category.aggregate({ where: { marketId: input.marketId }, _max: { position: true } });
  try {
    const category = await deps.db.category.create({
      data: {
        marketId: input.marketId,
        name: name.value,
        lotType: input.lotType,
        formFields: input.lotType === 'FORM' ? input.formFields.map((f) => ({ ...f })) : [],
        position: (last._max.position ?? 0) + 1,
        createdAt: deps.clock.now(),
      },
    });
    return ok({ categoryId: category.id });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return fail('NAME_TAKEN');
    throw error;
  }
}
