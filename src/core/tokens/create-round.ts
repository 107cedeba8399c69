import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { lockToken } from './lock-token.js';
import { type RoundFieldError, type RoundFields, validateRoundFields } from './round-fields.js';

export type CreateRoundError = RoundFieldError | 'TOKEN_NOT_FOUND';

/**
 * Adds a DRAFT round after the token's last one. Positions are taken under the token's row lock,
 * so two admins creating rounds at once get consecutive positions rather than a unique-key error.
 */
export async function createRound(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { tokenId: number; fields: RoundFields },
): Promise<Result<{ roundId: number; position: number }, CreateRoundError>> {
  const valid = validateRoundFields(input.fields);
  if (!valid.ok) return valid;
  const fields = valid.value;
  return deps.db.$transaction(async (tx) => {
    if (!(await lockToken(tx, input.tokenId))) return fail('TOKEN_NOT_FOUND');
    const last = await tx.tokenRound.aggregate({ where: { tokenId: input.tokenId }, _max: { position: true } });
    const position = (last._max.position ?? 0) + 1;
    const round = await tx.tokenRound.create({
      data: { tokenId: input.tokenId, position, status: 'DRAFT', createdAt: deps.clock.now(), ...fields },
    });
    return ok({ roundId: round.id, position });
  });
}
