import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import type { Actor, MarketDeps } from './deps.js';
import { id, type InvalidInput, parseInput, requiredText } from './validation.js';

/** A FORM category's field: what a seller fills in for each lot (an account's rank, region ...). */
export const formField = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'expected a key of a-z 0-9 _'),
  label: requiredText(60),
  required: z.boolean().default(false),
});
export type FormField = z.output<typeof formField>;

const categoryInput = z
  .object({
    id: id.optional(),
    marketId: id,
    name: requiredText(60),
    lotType: z.enum(['MULTIPLE', 'FORM']),
    formFields: z.array(formField).max(20, 'at most 20 fields').default([]),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((c) => c.lotType === 'FORM' || c.formFields.length === 0, { path: ['formFields'], message: 'only FORM categories have fields' })
  .refine((c) => new Set(c.formFields.map((f) => f.key)).size === c.formFields.length, { path: ['formFields'], message: 'keys must differ' });
export type CategoryInput = z.input<typeof categoryInput>;

export type SaveCategoryError = 'NOT_ALLOWED' | InvalidInput | 'MARKET_NOT_FOUND' | 'CATEGORY_NOT_FOUND' | 'NAME_TAKEN' | 'LOT_TYPE_IN_USE';

/**
 * An admin creates a category in a market, or edits one. Its lot type cannot change while it has
 * lots (they were validated for the old type).
 */
export async function saveCategory(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: CategoryInput & { actor: Actor },
): Promise<Result<{ id: number }, SaveCategoryError>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const { actor: _, ...fields } = input;
  const parsed = parseInput(categoryInput, fields);
  if (!parsed.ok) return parsed;
  const { id: categoryId, ...data } = parsed.value;
  const [market, sameName, current] = await Promise.all([
    deps.db.market.findUnique({ where: { id: data.marketId }, select: { id: true } }),
    deps.db.category.findUnique({ where: { marketId_name: { marketId: data.marketId, name: data.name } }, select: { id: true } }),
    categoryId === undefined ? null : deps.db.category.findUnique({ where: { id: categoryId }, include: { _count: { select: { lots: true } } } }),
  ]);
  if (!market) return fail('MARKET_NOT_FOUND');
  if (sameName && sameName.id !== categoryId) return fail('NAME_TAKEN');
  if (categoryId === undefined) return ok({ id: (await deps.db.category.create({ data })).id });
  if (!current || current.marketId !== data.marketId) return fail('CATEGORY_NOT_FOUND');
  if (current.lotType !== data.lotType && current._count.lots > 0) return fail('LOT_TYPE_IN_USE');
  await deps.db.category.update({ where: { id: categoryId }, data: { ...data, updatedAt: deps.clock.now() } });
  return ok({ id: categoryId });
}
