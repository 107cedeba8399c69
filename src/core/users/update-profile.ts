import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { getProfile, type ProfileView } from './get-profile.js';
import { type BirthdayError, type CityError, checkCity, checkEmail, checkPersonName, type EmailError, type NameError, parseBirthday } from './profile-rules.js';

/** The profile fields a user types in. */
export const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'birthday', 'city'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Fields that may be emptied; the first name and the birthday, once given, may only be changed. */
export const CLEARABLE_FIELDS: readonly TextField[] = ['lastName', 'email', 'city'];

export type UpdateProfileError = NameError | EmailError | CityError | BirthdayError | 'FIELD_REQUIRED';

export interface UpdateProfileInput {
  userId: number;
  field: TextField;
  /** What the user typed, or null to clear the field. */
  value: string | null;
}

/**
 * Sets one typed-in profile field after checking it (profile-rules.ts); a refused value changes
 * nothing. Returns the whole profile as it now is.
 */
export async function updateProfile(deps: Pick<CoreDeps, 'db' | 'clock'>, input: UpdateProfileInput): Promise<Result<ProfileView, UpdateProfileError>> {
  const checked = checkValue(input, deps.clock.now());
  if (!checked.ok) return checked;
  const value = checked.value;
  const { db } = deps;
  switch (input.field) {
    case 'firstName':
    case 'lastName':
    case 'email':
      await db.user.update({ where: { id: input.userId }, data: { [input.field]: value } });
      break;
    case 'birthday': {
      const birthday = value === null ? null : new Date(`${value}T00:00:00Z`);
      await db.profile.upsert({ where: { userId: input.userId }, create: { userId: input.userId, birthday }, update: { birthday } });
      break;
    }
    case 'city':
      await db.profile.upsert({ where: { userId: input.userId }, create: { userId: input.userId, city: value }, update: { city: value } });
      break;
  }
  return ok(await getProfile(db, input.userId));
}

function checkValue(input: UpdateProfileInput, now: Date): Result<string | null, UpdateProfileError> {
  if (input.value === null) return CLEARABLE_FIELDS.includes(input.field) ? ok(null) : fail('FIELD_REQUIRED');
  switch (input.field) {
    case 'firstName':
    case 'lastName':
      return checkPersonName(input.value);
    case 'email':
      return checkEmail(input.value);
    case 'birthday':
      return parseBirthday(input.value, now);
    case 'city':
      return checkCity(input.value);
  }
}
