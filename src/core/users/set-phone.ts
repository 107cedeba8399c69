import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { getProfile, type ProfileView } from './get-profile.js';

export type SetPhoneError = 'PHONE_NOT_OWN' | 'PHONE_INVALID';

/** A contact as Telegram delivers it: the number, and whose account it is (absent for a typed-in card). */
export interface SharedContact {
  telegramUserId: number | null;
  phoneNumber: string;
}

/**
 * Stores the user's phone number from a contact they shared. Only their own contact counts: it is
 * the one Telegram vouches for (request_contact), while a contact card of someone else, or one
 * without an account, proves nothing about this user.
 */
export async function setPhone(deps: Pick<CoreDeps, 'db'>, input: { userId: number; contact: SharedContact }): Promise<Result<ProfileView, SetPhoneError>> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { telegramId: true } });
  const owner = input.contact.telegramUserId;
  if (owner === null || BigInt(owner) !== user.telegramId) return fail('PHONE_NOT_OWN');
  const phone = normalizePhone(input.contact.phoneNumber);
  if (!phone) return fail('PHONE_INVALID');
  await deps.db.user.update({ where: { id: input.userId }, data: { phone } });
  return ok(await getProfile(deps.db, input.userId));
}

/** E.164-like: "+" and 5..15 digits. Telegram sends the digits with or without the plus. */
function normalizePhone(raw: string): string | undefined {
  const digits = raw.trim().replace(/^\+/, '').replace(/[\s()-]/g, '');
  return /^\d{5,15}$/.test(digits) ? `+${digits}` : undefined;
}
