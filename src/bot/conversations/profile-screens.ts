import { GrammyError } from 'grammy';
import type { ProfileView } from '../../core/users/get-profile.js';
import type { TextField } from '../../core/users/update-profile.js';
import type { BotContext } from '../context.js';
import { avatarKeyboard, languageKeyboard, profileKeyboard } from '../keyboards/profile-keyboards.js';
import { show } from '../screens/show.js';

// Telegram's limit for a photo caption; a longer profile is shown as text.
const CAPTION_LIMIT = 1024;

/** The profile screen: every field, and the avatar as the photo when there is one. */
export async function showProfile(ctx: BotContext, view: ProfileView, notice?: string): Promise<void> {
  const text = withNotice(notice, profileText(ctx, view));
  const reply_markup = profileKeyboard(ctx);
  if (view.avatarFileId && text.length <= CAPTION_LIMIT) {
    try {
      await ctx.replyWithPhoto(view.avatarFileId, { caption: text, reply_markup });
      return;
    } catch (error) {
      // A file id Telegram no longer knows must not lock the user out of their profile.
      if (!(error instanceof GrammyError)) throw error;
      ctx.log.warn({ err: error }, 'the stored avatar could not be sent; showing the profile as text');
    }
  }
  await show(ctx, text, { reply_markup });
}

export function profileText(ctx: BotContext, view: ProfileView): string {
  const empty = ctx.t('profile-empty');
  return ctx.t('profile-screen', {
    firstName: view.firstName,
    lastName: view.lastName ?? empty,
    email: view.email ?? empty,
    phone: view.phone ?? empty,
    birthday: view.birthday ? birthdayText(ctx, view.birthday) : empty,
    city: view.city ?? empty,
    language: view.language === 'ru' ? ctx.t('profile-language-ru') : ctx.t('profile-language-en'),
    avatar: view.avatarFileId ? ctx.t('profile-avatar-set') : ctx.t('profile-avatar-not-set'),
  });
}

export async function showAvatarScreen(ctx: BotContext, view: ProfileView, notice?: string): Promise<void> {
  const state = view.avatarFileId ? ctx.t('profile-avatar-set') : ctx.t('profile-avatar-not-set');
  await show(ctx, withNotice(notice, ctx.t('profile-avatar-screen', { state })), { reply_markup: avatarKeyboard(ctx, view.avatarFileId !== null) });
}

export async function showLanguageScreen(ctx: BotContext): Promise<void> {
  await show(ctx, ctx.t('profile-language-screen'), { reply_markup: languageKeyboard(ctx) });
}

/** The question of a text edit, with the field's present value. */
export function fieldQuestion(ctx: BotContext, field: TextField, view: ProfileView): string {
  const empty = ctx.t('profile-empty');
  switch (field) {
    case 'firstName':
      return ctx.t('profile-ask-first-name', { current: view.firstName });
    case 'lastName':
      return ctx.t('profile-ask-last-name', { current: view.lastName ?? empty });
    case 'email':
      return ctx.t('profile-ask-email', { current: view.email ?? empty });
    case 'birthday':
      return ctx.t('profile-ask-birthday', { current: view.birthday ? birthdayText(ctx, view.birthday) : empty });
    case 'city':
      return ctx.t('profile-ask-city', { current: view.city ?? empty });
  }
}

/** An ISO date in the user's usual order (the locale decides: 25.04.1990 or 1990-04-25). */
function birthdayText(ctx: BotContext, iso: string): string {
  const [, year = '', month = '', day = ''] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) ?? [];
  return ctx.t('profile-birthday-value', { year, month, day });
}

export function withNotice(notice: string | undefined, text: string): string {
  return notice ? `${notice}\n\n${text}` : text;
}
