import { Prisma } from '../../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../result.js';
import type { Actor, OrderDeps } from './deps.js';
import { cleanText, orderFor } from './order-access.js';

export type OpenDisputeError = 'ORDER_NOT_FOUND' | 'NOT_ALLOWED' | 'WRONG_STATUS' | 'BAD_TEXT';

/**
 * The buyer disputes a paid or delivered order before confirming it: DISPUTED (the auto-confirm
 * stops), and the reason goes into the order's conversation, in one statement guarded by status.
 */
export async function openDispute(
  deps: OrderDeps,
  input: { actor: Actor; orderId: number; reason: string },
): Promise<Result<{ orderId: number }, OpenDisputeError>> {
  const found = await orderFor(deps.db, input.orderId, input.actor);
  if (!found.ok) return found;
  if (found.value.role !== 'BUYER') return fail('NOT_ALLOWED');
  const reason = cleanText(input.reason);
  if (!reason) return fail('BAD_TEXT');
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH disputed AS (
      UPDATE lot_orders SET status = 'DISPUTED', disputed_at = ${now}, confirm_by = NULL, updated_at = ${now}
      WHERE id = ${input.orderId} AND buyer_id = ${input.actor.userId} AND status IN ('PAID', 'DELIVERED')
      RETURNING id
    )
    INSERT INTO lot_order_messages (order_id, sender_role, sender_id, text, created_at)
    SELECT id, 'BUYER', ${input.actor.userId}, ${reason}, ${now} FROM disputed
    RETURNING order_id AS id`);
  return rows.length ? ok({ orderId: input.orderId }) : fail('WRONG_STATUS');
}
