import { Prisma, type User } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { type AttributeReferrerError, attributeReferrer } from '../referrals/attribute-referrer.js';
import { isReferralCode, newReferralCode } from '../referrals/referral-code.js';
import { pickLanguage } from './language.js';

export interface TelegramUser {
  telegramId: bigint;
  username?: string | null;
  firstName: string;
  lastName?: string | null;
  languageCode?: string | null;
}

export interface Registration {
  user: User;
  /** True on the user's first start. */
  created: boolean;
  /** What happened to a referral code in the start payload, if there was one. */
  referral?: { ok: true; referrerId: number } | { ok: false; code: AttributeReferrerError };
}

/**
 * The user behind a /start: created on the first one (with a fresh referral code, and the
 * referrer taken from the start payload when it is a referral code), otherwise found, with the
 * Telegram username kept current. Names and language, once set, are the user's to edit.
 */
export async function registerUser(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: TelegramUser & { startPayload?: string | null },
): Promise<Registration> {
  const existing = await deps.db.user.findUnique({ where: { telegramId: input.telegramId } });
  if (existing) {
    const username = input.username ?? null;
    const user = existing.username === username ? existing : await deps.db.user.update({ where: { id: existing.id }, data: { username } });
    return { user, created: false };
  }
  const user = await createUser(deps, input);
  if (!user.created || !input.startPayload || !isReferralCode(input.startPayload)) return { user: user.user, created: user.created };
  const referral = await attributeReferrer(deps, { userId: user.user.id, code: input.startPayload });
  const fresh = referral.ok ? await deps.db.user.findUniqueOrThrow({ where: { id: user.user.id } }) : user.user;
  return { user: fresh, created: true, referral: referral.ok ? { ok: true, referrerId: referral.value.referrerId } : { ok: false, code: referral.code } };
}

async function createUser(deps: Pick<CoreDeps, 'db' | 'clock'>, input: TelegramUser): Promise<{ user: User; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const user = await deps.db.user.create({
        data: {
          telegramId: input.telegramId,
          username: input.username ?? null,
          firstName: input.firstName.slice(0, 64) || '—',
          lastName: input.lastName?.slice(0, 64) || null,
          language: pickLanguage(input.languageCode),
          referralCode: newReferralCode(),
          joinedAt: deps.clock.now(),
          profile: { create: {} },
        },
      });
      return { user, created: true };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      // Two updates of one new user raced: the other one created it.
      const raced = await deps.db.user.findUnique({ where: { telegramId: input.telegramId } });
      if (raced) return { user: raced, created: false };
      if (attempt >= 5) throw error; // a referral code collided (1 in 10^14) five times: not luck
    }
  }
}
