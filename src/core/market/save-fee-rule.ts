import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import { isSupportedCurrency } from '../money.js';
import type { Actor, MarketDeps } from './deps.js';
import { currencyCode, id, type InvalidInput, parseInput, percentString } from './validation.js';

const feeRuleInput = z.object({
  marketId: id,
  categoryId: id.nullable().default(null),
  percent: percentString,
  minMinor: z
    .union([z.bigint(), z.number().int(), z.string().regex(/^\d{1,15}$/, 'expected a whole number of minor units')])
    .transform((v) => BigInt(v))
    .refine((v) => v >= 0n && v <= 10n ** 15n, 'expected 0 or more minor units')
    .default(0n),
  minCurrency: currencyCode.refine(isSupportedCurrency, 'unknown currency'),
});
export type FeeRuleInput = z.input<typeof feeRuleInput>;

export type SaveFeeRuleError = 'NOT_ALLOWED' | InvalidInput | 'MARKET_NOT_FOUND' | 'CATEGORY_NOT_FOUND';

/**
 * An admin sets the commission of a market (categoryId null) or of one of its categories, which
 * then wins over the market's: percent and a minimum. Setting it again replaces it.
 */
export async function saveFeeRule(
  deps: Pick<MarketDeps, 'db' | 'clock'>,
  input: FeeRuleInput & { actor: Actor },
): Promise<Result<{ id: number }, SaveFeeRuleError>> {
  if (!input.actor.isAdmin) return fail('NOT_ALLOWED');
  const { actor: _, ...fields } = input;
  const parsed = parseInput(feeRuleInput, fields);
  if (!parsed.ok) return parsed;
  const rule = parsed.value;
  const market = await deps.db.market.findUnique({ where: { id: rule.marketId }, select: { id: true } });
  if (!market) return fail('MARKET_NOT_FOUND');
  if (rule.categoryId !== null) {
    const category = await deps.db.category.findUnique({ where: { id: rule.categoryId }, select: { marketId: true } });
    if (category?.marketId !== rule.marketId) return fail('CATEGORY_NOT_FOUND');
  }
  const terms = { percent: rule.percent, minMinor: rule.minMinor, minCurrency: rule.minCurrency, updatedAt: deps.clock.now() };
  // Upsert by hand: the market-wide rule's uniqueness is a partial index Prisma cannot name.
  const saved = await deps.db.$transaction(async (tx) => {
    const existing = await tx.feeRule.findFirst({ where: { marketId: rule.marketId, categoryId: rule.categoryId }, select: { id: true } });
    if (existing) return tx.feeRule.update({ where: { id: existing.id }, data: terms });
    return tx.feeRule.create({ data: { marketId: rule.marketId, categoryId: rule.categoryId, ...terms } });
  });
  return ok({ id: saved.id });
}
