import { addMinutes } from './time.js';
import { Prisma } from '../../../generated/prisma/client.js';
import { Dec } from '../../money.js';
import { fail, ok, type Result } from '../../result.js';
import type { OrderDeps } from './deps.js';
import { displayCurrencyFor } from '../../users/display-currency.js';
import { findFeeRule, lotPurchasePrice } from '../fee.js';

export type StartLotOrderError =
  | 'BAD_QUANTITY'
  | 'LOT_NOT_FOUND'
  | 'LOT_UNAVAILABLE'
  | 'OWN_LOT'
  | 'NOT_ENOUGH'
  | 'LOT_CHANGED'
  | 'RATE_UNAVAILABLE';

export interface StartedLotOrder {
  orderId: number;
  quantity: bigint;
  priceMinor: bigint;
  feeMinor: bigint;
  totalMinor: bigint;
  currency: string;
  displayCurrency: string | null;
  displayRate: string | null;
  reservedUntil: Date;
}

/**
 * A buyer orders `quantity` units of a lot (one for a form lot): the price is snapshotted with the
 * fee from the fee rules, the buyer's display currency and its rate are recorded, and the quantity
 * is taken from the lot and the order written in ONE statement (`UPDATE lots ... WHERE quantity >=
 * n` feeding the INSERT), so no number of concurrent buyers can oversell. A lot sold out by it
 * goes inactive. The order waits for its payment until `reservedUntil`; the expiry sweep gives the
 * quantity back if it is not paid.
 */
export async function startLotOrder(
  deps: OrderDeps,
  input: { buyerId: number; lotId: number; quantity: bigint },
): Promise<Result<StartedLotOrder, StartLotOrderError>> {
  if (typeof input.quantity !== 'bigint' || input.quantity <= 0n || input.quantity > 1_000_000_000_000n) return fail('BAD_QUANTITY');
  if (!Number.isSafeInteger(input.lotId) || input.lotId <= 0) return fail('LOT_NOT_FOUND');
  const lot = await deps.db.lot.findUnique({
    where: { id: input.lotId },
    include: { category: { select: { marketId: true, lotType: true, archivedAt: true, market: { select: { archivedAt: true } } } }, league: { select: { archivedAt: true } } },
  });
  if (!lot || lot.deletedAt) return fail('LOT_NOT_FOUND');
  if (lot.sellerId === input.buyerId) return fail('OWN_LOT');
  if (!lot.active || lot.category.archivedAt || lot.category.market.archivedAt || lot.league?.archivedAt) return fail('LOT_UNAVAILABLE');
  if (lot.category.lotType === 'FORM' && input.quantity !== 1n) return fail('BAD_QUANTITY');
  if (lot.quantity < input.quantity) return fail('NOT_ENOUGH', { available: lot.quantity.toString() });

  const currency = lot.currency.trim();
  // The fee of the most specific rule, fixed on the order; a minimum in another currency needs a live rate.
  const rule = await findFeeRule(deps.db, lot.category.marketId, lot.categoryId);
  const minRate = rule && rule.minMinor > 0n && rule.minCurrency !== currency ? await deps.rates.get(rule.minCurrency, currency) : null;
  const priced = lotPurchasePrice({ price: new Dec(lot.price.toString()), priceUnit: lot.priceUnit, quantity: input.quantity, currency, rule, minRate: minRate?.rate ?? null });
  if (!priced.ok) return priced;
  const { priceMinor, feeMinor, totalMinor } = priced.value;

  const buyer = await deps.db.user.findUnique({ where: { id: input.buyerId }, select: { displayCurrency: true, language: true } });
  if (!buyer) throw new Error(`no buyer ${input.buyerId}`);
  let displayCurrency: string | null = null;
  let displayRate: string | null = null;
  // The currency the buyer saw prices in (their choice, else their language's): recorded beside the lot's.
  const wanted = displayCurrencyFor(buyer, deps.market);
  if (wanted !== currency) {
    // A missing or stale rate only means it is not shown.
    const rate = await deps.rates.get(currency, wanted);
    if (rate) {
      displayCurrency = wanted;
      displayRate = rate.rate.toString();
    }
  }

  const now = deps.clock.now();
  const reservedUntil = addMinutes(now, deps.escrow.reservationMinutes);
  const rows = await deps.db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH taken AS (
      UPDATE lots SET quantity = quantity - ${input.quantity}, active = quantity - ${input.quantity} > 0, updated_at = ${now}
      WHERE id = ${lot.id} AND active AND deleted_at IS NULL AND quantity >= ${input.quantity}
        AND price = ${lot.price}::numeric AND price_unit = ${lot.priceUnit} AND currency = ${lot.currency}
      RETURNING id, seller_id
    )
    INSERT INTO lot_orders (buyer_id, seller_id, lot_id, quantity, unit_price, price_unit, price_minor, fee_minor, total_minor,
                            currency, display_currency, display_rate, status, reserved_until, created_at, updated_at)
    SELECT ${input.buyerId}, taken.seller_id, taken.id, ${input.quantity}, ${lot.price}::numeric, ${lot.priceUnit}, ${priceMinor}, ${feeMinor},
           ${totalMinor}, ${currency}, ${displayCurrency}, ${displayRate}::numeric, 'AWAITING_PAYMENT', ${reservedUntil}, ${now}, ${now}
    FROM taken
    RETURNING id`);
  const created = rows[0];
  if (!created) {
    // Another buyer took the stock, or the seller changed the lot since it was read.
    const fresh = await deps.db.lot.findUnique({ where: { id: lot.id } });
    if (!fresh || fresh.deletedAt) return fail('LOT_NOT_FOUND');
    if (!fresh.price.equals(lot.price) || fresh.priceUnit !== lot.priceUnit || fresh.currency !== lot.currency) return fail('LOT_CHANGED');
    if (fresh.quantity < input.quantity && fresh.quantity > 0n) return fail('NOT_ENOUGH', { available: fresh.quantity.toString() });
    return fresh.quantity === 0n ? fail('NOT_ENOUGH', { available: '0' }) : fail('LOT_UNAVAILABLE');
  }
  return ok({ orderId: created.id, quantity: input.quantity, priceMinor, feeMinor, totalMinor, currency, displayCurrency, displayRate, reservedUntil });
}
