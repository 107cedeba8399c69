import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { getProfile, type ProfileView } from './get-profile.js';
import { LANGUAGES } from './language.js';

export type SetLanguageError = 'LANGUAGE_UNSUPPORTED';

/** The language the bot speaks to the user, one of LANGUAGES. */
export async function setLanguage(deps: Pick<CoreDeps, 'db'>, input: { userId: number; language: string }): Promise<Result<ProfileView, SetLanguageError>> {
  if (!(LANGUAGES as readonly string[]).includes(input.language)) return fail('LANGUAGE_UNSUPPORTED');
  await deps.db.user.update({ where: { id: input.userId }, data: { language: input.language } });
  return ok(await getProfile(deps.db, input.userId));
}
