import type { Db } from '../deps.js';
import { type Language, pickLanguage } from './language.js';

/**
 * What the profile screen shows. Plain JSON (the birthday as an ISO date, no BigInt), so a
 * conversation can keep it in its replay log.
 */
export interface ProfileView {
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  birthday: string | null;
  city: string | null;
  language: Language;
  /** A Telegram file id of the avatar photo. */
  avatarFileId: string | null;
}

export async function getProfile(db: Db, userId: number): Promise<ProfileView> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { profile: true } });
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    // A DATE column comes back as midnight UTC of that day.
    birthday: user.profile?.birthday ? user.profile.birthday.toISOString().slice(0, 10) : null,
    city: user.profile?.city ?? null,
    language: pickLanguage(user.language),
    avatarFileId: user.avatarFileId,
  };
}
