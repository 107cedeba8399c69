import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/** Removes a market's or a category's fee rule (orders keep the fee fixed at their purchase). */
export async function removeFeeRule(
  deps: Pick<CoreDeps, 'db'>,
  input: { marketId: number; categoryId: number | null },
): Promise<Result<{ marketId: number }, 'FEE_RULE_NOT_FOUND'>> {
  const removed = await deps.db.feeRule.deleteMany({ where: { marketId: input.marketId, categoryId: input.categoryId } });
  return removed.count > 0 ? ok({ marketId: input.marketId }) : fail('FEE_RULE_NOT_FOUND');
}
