import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import type { Actor, OrderDeps } from './deps.js';
import { cleanText, orderFor } from './order-access.js';
import { addHours } from './time.js';

export type DeliverError = 'ORDER_NOT_FOUND' | 'NOT_ALLOWED' | 'WRONG_STATUS' | 'BAD_TEXT';

/**
 * The seller delivers a paid order: the goods text goes into the order's conversation (what the
 * buyer receives) and the order becomes DELIVERED with its auto-confirm deadline, in one statement
 * guarded by status PAID.
 */
export async function deliverLotOrder(
  deps: OrderDeps,
  input: { actor: Actor; orderId: number; text: string },
): Promise<Result<{ orderId: number; confirmBy: Date }, DeliverError>> {
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  if (found.value.role !== 'SELLER') return fail('NOT_ALLOWED');
  const text = cleanText(input.text);
  if (!text) return fail('BAD_TEXT');
  const now = deps.clock.now();
  const confirmBy = addHours(now, deps.escrow.autoConfirmHours);
  const rows = await deps.db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH delivered AS (
      UPDATE lot_orders SET status = 'DELIVERED', delivered_at = ${now}, confirm_by = ${confirmBy}, updated_at = ${now}
      WHERE id = ${input.orderId} AND seller_id = ${input.actor.userId} AND status = 'PAID'
      RETURNING id
    )
    INSERT INTO lot_order_messages (order_id, sender_role, sender_id, text, created_at)
    SELECT id, 'SELLER', ${input.actor.userId}, ${text}, ${now} FROM delivered
    RETURNING order_id AS id`);
  if (rows.length === 0) return fail('WRONG_STATUS');
  return ok({ orderId: input.orderId, confirmBy });
}
