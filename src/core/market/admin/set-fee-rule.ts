import { Prisma } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { parseCurrencyCode, parseFeePercent } from './market-fields.js';

export type SetFeeRuleError = 'MARKET_NOT_FOUND' | 'CATEGORY_NOT_FOUND' | 'PERCENT_INVALID' | 'MINIMUM_INVALID' | 'CURRENCY_INVALID';

/**
 * Sets the commission of a market (categoryId null) or of one of its categories (which wins over
 * the market's): percent of the price, at least minMinor of minCurrency. One statement upserts on
 * the rule's unique index, so two admins saving at once leave one rule, the later one.
 */
export async function setFeeRule(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { marketId: number; categoryId: number | null; percent: string; minMinor: bigint; minCurrency: string },
): Promise<Result<{ feeRuleId: number }, SetFeeRuleError>> {
  const percent = parseFeePercent(input.percent);
  if (!percent.ok) return percent;
  if (input.minMinor < 0n) return fail('MINIMUM_INVALID');
  const currency = parseCurrencyCode(input.minCurrency);
  if (!currency.ok) return currency;
  const market = await deps.db.market.findUnique({ where: { id: input.marketId }, select: { id: true } });
  if (!market) return fail('MARKET_NOT_FOUND');
  if (input.categoryId !== null) {
    const category = await deps.db.category.findFirst({ where: { id: input.categoryId, marketId: input.marketId }, select: { id: true } });
    if (!category) return fail('CATEGORY_NOT_FOUND');
  }
  const now = deps.clock.now();
  const conflict =
    input.categoryId === null ? Prisma.sql`("market_id") WHERE "category_id" IS NULL` : Prisma.sql`("market_id", "category_id")`;
  const [row] = await deps.db.$queryRaw<{ id: number }[]>`
    INSERT INTO fee_rules (market_id, category_id, percent, min_minor, min_currency, created_at, updated_at)
    VALUES (${input.marketId}, ${input.categoryId}, ${percent.value}::numeric, ${input.minMinor}, ${currency.value}, ${now}, ${now})
    ON CONFLICT ${conflict}
    DO UPDATE SET percent = excluded.percent, min_minor = excluded.min_minor, min_currency = excluded.min_currency, updated_at = excluded.updated_at
    RETURNING id`;
  return ok({ feeRuleId: row!.id });
}
