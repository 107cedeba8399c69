import type { SellerStatus } from '../../../generated/prisma/client.js';
import type { CoreDeps } from '../../deps.js';
import { fail, ok, type Result } from '../../result.js';
import { parseAbout } from './seller-fields.js';

export type ApplyToSellError = 'ALREADY_APPLIED' | 'ALREADY_SELLER' | 'ABOUT_TOO_LONG';

/**
 * A user asks to sell: a new application (or a rejected one made again) waits for an admin, or is
 * approved at once when `autoApprove` (MARKET_SELLER_AUTO_APPROVE). One conditional upsert, so a
 * double press makes one application and never turns an approved seller back into an applicant.
 * `about` (optional, up to ABOUT_MAX characters) is what the applicant says about themselves.
 */
export async function applyToSell(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { userId: number; autoApprove: boolean; about?: string },
): Promise<Result<{ status: SellerStatus }, ApplyToSellError>> {
  const about = parseAbout(input.about ?? '');
  if (!about.ok) return about;
  const now = deps.clock.now();
  const status: SellerStatus = input.autoApprove ? 'APPROVED' : 'APPLIED';
  const decidedAt = input.autoApprove ? now : null;
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: SellerStatus }[]>`
      INSERT INTO seller_profiles (user_id, status, about, applied_at, decided_at)
      VALUES (${input.userId}, ${status}::"SellerStatus", ${about.value}, ${now}, ${decidedAt})
      ON CONFLICT (user_id) DO UPDATE
        SET status = excluded.status, about = excluded.about, applied_at = excluded.applied_at, decided_at = excluded.decided_at,
            decided_by_id = NULL, reject_reason = NULL
        WHERE seller_profiles.status = 'REJECTED'
      RETURNING status::text AS status`;
    if (rows.length === 0) {
      const current = await tx.sellerProfile.findUnique({ where: { userId: input.userId }, select: { status: true } });
      return fail(current?.status === 'APPROVED' ? 'ALREADY_SELLER' : 'ALREADY_APPLIED');
    }
    if (status === 'APPROVED') await addSellerRole(tx, input.userId);
    return ok({ status });
  });
}

/** The SELLER role beside the user's others, once. */
export async function addSellerRole(tx: Pick<CoreDeps['db'], '$executeRaw'>, userId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE users SET roles = array_append(roles, 'SELLER'::"Role") WHERE id = ${userId} AND NOT ('SELLER'::"Role" = ANY(roles))`;
}
