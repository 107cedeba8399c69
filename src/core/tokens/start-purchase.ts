import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { Dec, priceInMinorUnits } from '../money.js';
import { fail, ok, type Result } from '../result.js';
import { advanceRounds } from './advance-rounds.js';
import { parseTokenAmount } from './amount.js';
import { tokensLeft } from './progress.js';
import { checkAmountForRound, type PurchaseRuleError } from './purchase-rules.js';

export type StartPurchaseError = PurchaseRuleError | 'USER_NOT_FOUND';

export interface StartedPurchase {
  orderId: number;
  roundId: number;
  amount: bigint;
  unitPrice: Dec;
  priceMinor: bigint;
  currency: string;
  reservedUntil: Date;
}

export interface StartPurchaseInput {
  buyerId: number;
  tokenId: number;
  amount: string | number | bigint;
}

/**
 * Reserves `amount` tokens of the token's active round for the buyer and opens a pending order at
 * the round's price, rounded up to the currency's minor unit. The reservation and the order are
 * one conditional statement: zero rows back means the tokens are not there, so concurrent buyers
 * can never reserve more than the cap.
 */
export async function startPurchase(
  deps: CoreDeps,
  input: StartPurchaseInput,
): Promise<Result<StartedPurchase, StartPurchaseError>> {
  const parsed = parseTokenAmount(input.amount);
  if (!parsed.ok) return parsed;
  const amount = parsed.value;
  const now = deps.clock.now();

  const buyer = await deps.db.user.findUnique({ where: { id: input.buyerId }, select: { id: true } });
  if (!buyer) return fail('USER_NOT_FOUND');

  let round = await deps.db.tokenRound.findFirst({ where: { tokenId: input.tokenId, status: 'ACTIVE' } });
  if (!round || round.sold >= round.cap || (round.endsAt && round.endsAt <= now)) {
    await advanceRounds(deps, input.tokenId);
    round = await deps.db.tokenRound.findFirst({ where: { tokenId: input.tokenId, status: 'ACTIVE' } });
  }
  if (!round) return fail('SALE_NOT_ACTIVE');
  const refusal = checkAmountForRound(round, amount, now);
  if (refusal) return refusal;

  const unitPrice = new Dec(round.unitPrice.toString());
  const priceMinor = priceInMinorUnits(unitPrice, amount, round.currency);
  // The referral percents of this moment travel with the order (invariant 5).
  const rewardPercents =
    amount >= deps.sale.referralMinPurchase
      ? [round.referralPercent.toString(), ...deps.sale.referralLevelPercents.map((p) => p.toString())]
      : [];
  const reservedUntil = new Date(now.getTime() + deps.sale.reservationMinutes * 60_000);

  const rows = await deps.db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH reserved AS (
      UPDATE token_rounds SET reserved = reserved + ${amount}
      WHERE id = ${round.id} AND status = 'ACTIVE' AND sold + reserved + ${amount} <= cap
      RETURNING id
    )
    INSERT INTO token_orders (buyer_id, round_id, amount, unit_price, price_minor, currency, reward_percents,
                              status, reserved_until, created_at, updated_at)
    SELECT ${buyer.id}, reserved.id, ${amount}, ${unitPrice.toString()}::numeric, ${priceMinor}, ${round.currency},
           ${rewardPercents}::numeric[], 'PENDING', ${reservedUntil}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
    FROM reserved
    RETURNING id`);
  const order = rows[0];
  if (!order) {
    // Someone else took the tokens (or the round closed) between our read and the reservation.
    const fresh = await deps.db.tokenRound.findUnique({ where: { id: round.id } });
    if (fresh?.status !== 'ACTIVE') return fail('SALE_NOT_ACTIVE');
    const nowLeft = tokensLeft(fresh);
    return nowLeft === 0n ? fail('ROUND_SOLD_OUT') : fail('AMOUNT_EXCEEDS_AVAILABLE', { left: nowLeft.toString() });
  }
  return ok({
    orderId: order.id,
    roundId: round.id,
    amount,
    unitPrice,
    priceMinor,
    currency: round.currency.trim(),
    reservedUntil,
  });
}
