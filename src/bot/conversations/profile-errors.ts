import type { SetAvatarError } from '../../core/users/set-avatar.js';
import type { SetLanguageError } from '../../core/users/set-language.js';
import type { SetPhoneError } from '../../core/users/set-phone.js';
import type { UpdateProfileError } from '../../core/users/update-profile.js';
import { CITY_MAX_LENGTH, EMAIL_MAX_LENGTH, MAX_AGE, MIN_AGE, NAME_MAX_LENGTH } from '../../core/users/profile-rules.js';
import { AVATAR_MAX_BYTES } from '../../core/users/set-avatar.js';
import type { BotContext } from '../context.js';

export type ProfileErrorCode = UpdateProfileError | SetPhoneError | SetAvatarError | SetLanguageError;

const megabytes = AVATAR_MAX_BYTES / (1024 * 1024);

// The one place where the profile's core codes become the user's words (a Record, so a new code
// does not compile until it has a message).
const messages: Record<ProfileErrorCode, (ctx: BotContext) => string> = {
  FIELD_REQUIRED: (ctx) => ctx.t('profile-error-field-required'),
  NAME_TOO_LONG: (ctx) => ctx.t('profile-error-name-too-long', { max: NAME_MAX_LENGTH }),
  NAME_INVALID: (ctx) => ctx.t('profile-error-name-invalid'),
  EMAIL_TOO_LONG: (ctx) => ctx.t('profile-error-email-too-long', { max: EMAIL_MAX_LENGTH }),
  EMAIL_INVALID: (ctx) => ctx.t('profile-error-email-invalid'),
  CITY_TOO_LONG: (ctx) => ctx.t('profile-error-city-too-long', { max: CITY_MAX_LENGTH }),
  CITY_INVALID: (ctx) => ctx.t('profile-error-city-invalid'),
  BIRTHDAY_INVALID: (ctx) => ctx.t('profile-error-birthday-invalid'),
  BIRTHDAY_IN_FUTURE: (ctx) => ctx.t('profile-error-birthday-in-future'),
  BIRTHDAY_IMPLAUSIBLE: (ctx) => ctx.t('profile-error-birthday-implausible', { min: MIN_AGE, max: MAX_AGE }),
  PHONE_NOT_OWN: (ctx) => ctx.t('profile-error-phone-not-own'),
  PHONE_INVALID: (ctx) => ctx.t('profile-error-phone-invalid'),
  AVATAR_TOO_LARGE: (ctx) => ctx.t('profile-error-avatar-too-large', { max: megabytes }),
  AVATAR_WRONG_TYPE: (ctx) => ctx.t('profile-error-avatar-wrong-type'),
  AVATAR_SIZE_UNKNOWN: (ctx) => ctx.t('profile-error-avatar-size-unknown'),
  LANGUAGE_UNSUPPORTED: (ctx) => ctx.t('profile-error-language-unsupported'),
};

export function profileErrorText(ctx: BotContext, code: ProfileErrorCode): string {
  return messages[code](ctx);
}
