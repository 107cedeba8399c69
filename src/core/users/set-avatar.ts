import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { getProfile, type ProfileView } from './get-profile.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_MIME_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

export type SetAvatarError = 'AVATAR_TOO_LARGE' | 'AVATAR_WRONG_TYPE' | 'AVATAR_SIZE_UNKNOWN';

/**
 * A picture offered as the avatar, by where it came from:
 * - `telegram`: the user's own Telegram profile photo (Telegram already holds and sized it);
 * - `photo`: a photo sent in the chat (Telegram recompressed it to an image);
 * - `document`: a file sent in the chat, which may be anything, so its type is checked.
 */
export interface AvatarFile {
  source: 'telegram' | 'photo' | 'document';
  fileId: string;
  /** Bytes, as Telegram reports them; null when it did not. */
  fileSize: number | null;
  mimeType?: string | null;
}

/** Sets the avatar to a checked picture (its Telegram file id is stored), or removes it (null). */
export async function setAvatar(deps: Pick<CoreDeps, 'db'>, input: { userId: number; avatar: AvatarFile | null }): Promise<Result<ProfileView, SetAvatarError>> {
  const refused = input.avatar && checkAvatar(input.avatar);
  if (refused) return fail(refused);
  await deps.db.user.update({ where: { id: input.userId }, data: { avatarFileId: input.avatar?.fileId ?? null } });
  return ok(await getProfile(deps.db, input.userId));
}

function checkAvatar(avatar: AvatarFile): SetAvatarError | undefined {
  if (avatar.source === 'document' && !AVATAR_MIME_TYPES.includes(avatar.mimeType ?? '')) return 'AVATAR_WRONG_TYPE';
  // An upload of unknown size could be anything; the user's Telegram photo is small by make.
  if (avatar.fileSize === null) return avatar.source === 'telegram' ? undefined : 'AVATAR_SIZE_UNKNOWN';
  return avatar.fileSize > AVATAR_MAX_BYTES ? 'AVATAR_TOO_LARGE' : undefined;
}
