import type { CoreDeps } from '../../src/core/deps.js';
import { DEFAULT_MARKET_SETTINGS } from '../../src/core/market/deps.js';
import { DEFAULT_ESCROW, type OrderDeps } from '../../src/core/market/orders/deps.js';
import { held } from '../../src/core/market/orders/escrow-ledger.js';
import type { PaymentGateway } from '../../src/core/payments/gateway.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { expect } from 'vitest';
import { paymentDeps } from './payments.js';

/** The core with the given gateways, the tests' fixed rates and the default escrow timings (72 h). */
export function orderDeps(core: CoreDeps, gateways: PaymentGateway[]): OrderDeps {
  return { ...paymentDeps(core, gateways), escrow: DEFAULT_ESCROW, market: DEFAULT_MARKET_SETTINGS };
}

/** A user's ledger sum for one asset. */
export async function ledgerOf(db: PrismaClient, userId: number, asset: string): Promise<bigint> {
  const rows = await db.ledgerEntry.aggregate({ where: { userId, asset }, _sum: { amount: true } });
  return rows._sum.amount ?? 0n;
}

/**
 * The escrow's books: per order, what was held (ESCROW_HOLD) equals what was released
 * (−ESCROW_RELEASE) once the order is closed; a CONFIRMED order's hold came out as the seller's
 * proceeds (SALE_PROCEEDS) and the platform's fee (−FEE), so proceeds + fee entries = price;
 * a REFUNDED order credited nothing; an open held order is still held.
 */
export async function expectEscrowBalances(db: PrismaClient): Promise<void> {
  const rows = await db.$queryRaw<{ id: number; status: string; total_minor: bigint; price_minor: bigint; fee_minor: bigint; hold: bigint; release: bigint; proceeds: bigint; fee: bigint }[]>`
    SELECT o.id, o.status::text AS status, o.total_minor, o.price_minor, o.fee_minor,
      coalesce(sum(l.amount) FILTER (WHERE l.kind = 'ESCROW_HOLD'), 0)::bigint AS hold,
      coalesce(sum(l.amount) FILTER (WHERE l.kind = 'ESCROW_RELEASE'), 0)::bigint AS release,
      coalesce(sum(l.amount) FILTER (WHERE l.kind = 'SALE_PROCEEDS'), 0)::bigint AS proceeds,
      coalesce(sum(l.amount) FILTER (WHERE l.kind = 'FEE'), 0)::bigint AS fee
    FROM lot_orders o LEFT JOIN ledger_entries l ON l.source = 'lot_order:' || o.id
    GROUP BY o.id ORDER BY o.id`;
  for (const o of rows) {
    const paid = !['AWAITING_PAYMENT', 'EXPIRED', 'CANCELLED'].includes(o.status);
    expect({ id: o.id, hold: o.hold }).toEqual({ id: o.id, hold: paid ? o.total_minor : 0n });
    if (o.status === 'CONFIRMED') {
      expect({ id: o.id, release: o.release, proceeds: o.proceeds, fee: o.fee }).toEqual({ id: o.id, release: -o.total_minor, proceeds: o.total_minor, fee: -o.fee_minor });
      // Escrow in = proceeds to the seller + fee to the platform.
      expect(o.hold).toBe(o.price_minor + o.fee_minor);
      expect(o.proceeds + o.fee).toBe(o.price_minor);
    } else if (o.status === 'REFUNDED') {
      expect({ id: o.id, release: o.release, proceeds: o.proceeds, fee: o.fee }).toEqual({ id: o.id, release: -o.total_minor, proceeds: 0n, fee: 0n });
    } else {
      expect({ id: o.id, release: o.release, proceeds: o.proceeds }).toEqual({ id: o.id, release: 0n, proceeds: 0n });
    }
  }
}

export { held };
