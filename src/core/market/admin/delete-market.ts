import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';

/**
 * Deletes a market with its categories, leagues and fee rules, only while no lot (even a deleted
 * one, which orders may reference) is in it; otherwise MARKET_IN_USE and the admin archives it.
 * The lot check and the deletes run in one transaction; a lot created meanwhile makes the delete
 * fail on its foreign key (Restrict), which is reported the same way.
 */
export async function deleteMarket(
  deps: Pick<CoreDeps, 'db'>,
  input: { marketId: number },
): Promise<Result<{ marketId: number }, 'MARKET_NOT_FOUND' | 'MARKET_IN_USE'>> {
  try {
    return await deps.db.$transaction(async (tx) => {
      const market = await tx.market.findUnique({ where: { id: input.marketId }, select: { id: true } });
      if (!market) return fail('MARKET_NOT_FOUND');
      const lots = await tx.lot.count({ where: { category: { marketId: input.marketId } } });
      if (lots > 0) return fail('MARKET_IN_USE');
      await tx.feeRule.deleteMany({ where: { marketId: input.marketId } });
      await tx.lotLeague.deleteMany({ where: { marketId: input.marketId } });
      await tx.category.deleteMany({ where: { marketId: input.marketId } });
      await tx.market.delete({ where: { id: input.marketId } });
      return ok({ marketId: input.marketId });
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2003') return fail('MARKET_IN_USE');
    throw error;
  }
}
