import type { TokenRound } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { lockToken } from './lock-token.js';
import { ROUND_FIELD_KEYS, type RoundFieldError, type RoundFields, validateRoundFields } from './round-fields.js';

export type EditRoundError = RoundFieldError | 'ROUND_NOT_FOUND' | 'ROUND_NOT_DRAFT';

/** A round's admin-set fields as the core works with them. */
export function roundFields(round: TokenRound): RoundFields {
  return {
    name: round.name,
    currency: round.currency.trim(),
    unitPrice: round.unitPrice.toString(),
    cap: round.cap,
    referralPercent: round.referralPercent.toString(),
    minPurchase: round.minPurchase,
    maxPurchase: round.maxPurchase,
    startsAt: round.startsAt,
    endsAt: round.endsAt,
  };
}

/**
 * Changes some fields of a DRAFT round. Only drafts: an active round has buyers whose orders
 * were priced by it, and a complete one is history. The whole round must stay valid (changing
 * the minimum is checked against the cap and the maximum it already has).
 */
export async function editRound(
  deps: Pick<CoreDeps, 'db'>,
  input: { tokenId: number; roundId: number; changes: Partial<RoundFields> },
): Promise<Result<{ roundId: number }, EditRoundError>> {
  return deps.db.$transaction(async (tx) => {
    if (!(await lockToken(tx, input.tokenId))) return fail('ROUND_NOT_FOUND');
    const round = await tx.tokenRound.findFirst({ where: { id: input.roundId, tokenId: input.tokenId } });
    if (!round) return fail('ROUND_NOT_FOUND');
    if (round.status !== 'DRAFT') return fail('ROUND_NOT_DRAFT');
    const keys = ROUND_FIELD_KEYS.filter((key) => input.changes[key] !== undefined);
    const valid = validateRoundFields({ ...roundFields(round), ...pick(input.changes, keys) });
    if (!valid.ok) return valid;
    await tx.tokenRound.update({ where: { id: round.id }, data: pick(valid.value, keys) });
    return ok({ roundId: round.id });
  });
}

/** Only the named fields (normalized values of the changed ones; nothing else is written). */
function pick(fields: Partial<RoundFields>, keys: readonly (keyof RoundFields)[]): Partial<RoundFields> {
  return Object.fromEntries(keys.map((key) => [key, fields[key]])) as Partial<RoundFields>;
}
