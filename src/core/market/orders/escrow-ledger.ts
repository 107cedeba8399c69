import { Prisma } from '../../../generated/prisma/client.js';
import { bookEntries } from '../../ledger/book-entries.js';

/**
 * The escrow's ledger, all on the seller's account and keyed `lot_order:<id>` per kind (unique
 * (kind, source)), so each booking happens once whatever replays or races:
 * - paid: ESCROW_HOLD +total in "<CUR>:held" (the buyer's money, held until the order completes);
 * - completed: ESCROW_RELEASE −total in "<CUR>:held", SALE_PROCEEDS +total and FEE −fee in
 *   "<CUR>", so the seller's balance grows by the price minus the fee; the platform's income is
 *   the FEE entries (−Σ FEE per currency);
 * - refunded after payment: ESCROW_RELEASE −total in "<CUR>:held" only (the money went back).
 * Since ESCROW_RELEASE has one key per order, an order is either completed or refunded, never both.
 *
 * Each helper is CTE steps following a CTE named `src` with columns (id, seller_id, total_minor,
 * fee_minor, currency) holding the orders just moved; they end with a `credited` step.
 */
export const held = (currency: string) => `${currency}:held`;
export const orderSource = (orderId: number) => `lot_order:${orderId}`;

export function holdSteps(now: Date): Prisma.Sql {
  return bookEntries(
    Prisma.sql`SELECT seller_id, 'ESCROW_HOLD'::"LedgerKind", currency || ':held', total_minor, 'lot_order:' || id, ${now}::timestamptz FROM src`,
  );
}

export function completeSteps(now: Date): Prisma.Sql {
  return bookEntries(
    Prisma.sql`SELECT seller_id, 'ESCROW_RELEASE'::"LedgerKind", currency || ':held', -total_minor, 'lot_order:' || id, ${now}::timestamptz FROM src
      UNION ALL
      SELECT seller_id, 'SALE_PROCEEDS'::"LedgerKind", currency, total_minor, 'lot_order:' || id, ${now}::timestamptz FROM src
      UNION ALL
      SELECT seller_id, 'FEE'::"LedgerKind", currency, -fee_minor, 'lot_order:' || id, ${now}::timestamptz FROM src WHERE fee_minor > 0`,
  );
}

export function releaseSteps(now: Date): Prisma.Sql {
  return bookEntries(
    Prisma.sql`SELECT seller_id, 'ESCROW_RELEASE'::"LedgerKind", currency || ':held', -total_minor, 'lot_order:' || id, ${now}::timestamptz FROM src`,
  );
}
