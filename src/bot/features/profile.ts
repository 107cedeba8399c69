import { createConversation } from '@grammyjs/conversations';
import { Composer, type Middleware } from 'grammy';
import { getProfile } from '../../core/users/get-profile.js';
import type { Language } from '../../core/users/language.js';
import { type AvatarFile, setAvatar } from '../../core/users/set-avatar.js';
import { setLanguage } from '../../core/users/set-language.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext, ConversationContext } from '../context.js';
import { EDIT_FIELD_CONVERSATION, editProfileField } from '../conversations/profile-edit-field.js';
import { EDIT_PHONE_CONVERSATION, editProfilePhone } from '../conversations/profile-edit-phone.js';
import { profileErrorText } from '../conversations/profile-errors.js';
import { showAvatarScreen, showLanguageScreen, showProfile } from '../conversations/profile-screens.js';
import { accountId } from '../conversations/profile-steps.js';
import { largestSize, UPLOAD_AVATAR_CONVERSATION, uploadProfileAvatar } from '../conversations/profile-upload-avatar.js';
import { ENTRY_FIELDS, type ProfileEntry, profCb } from '../keyboards/profile-keyboards.js';

/**
 * The Profile entry of the menu: the user's data with an Edit button per field. Typed-in fields,
 * the phone and an uploaded avatar are edited in conversations; the Telegram photo, removing the
 * avatar and the language are single buttons.
 */
export const profileFeature = new Composer<BotContext>();

onCallback(profileFeature, cb.profile, (ctx) => openProfile(ctx));
profileFeature.chatType('private').command('profile', (ctx) => openProfile(ctx));
// The Cancel of an edit that is over (answered, restarted, left by /menu): just the profile.
onCallback(profileFeature, profCb.cancel, (ctx) => openProfile(ctx));
onCallback(profileFeature, profCb.edit, (ctx, entry) => openEdit(ctx, entry));
onCallback(profileFeature, profCb.avatar, (ctx, action) => {
  if (action === 'up') return enterEdit(ctx, UPLOAD_AVATAR_CONVERSATION);
  return action === 'tg' ? useTelegramPhoto(ctx) : changeAvatar(ctx, null, ctx.t('profile-avatar-removed'));
});
onCallback(profileFeature, profCb.language, (ctx, language) => switchLanguage(ctx, language));

async function openProfile(ctx: BotContext): Promise<void> {
  await showProfile(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)));
}

async function openEdit(ctx: BotContext, entry: ProfileEntry): Promise<void> {
  const field = ENTRY_FIELDS[entry];
  if (field) return enterEdit(ctx, EDIT_FIELD_CONVERSATION, field);
  if (entry === 'phone') return enterEdit(ctx, EDIT_PHONE_CONVERSATION);
  if (entry === 'lang') return showLanguageScreen(ctx);
  await showAvatarScreen(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)));
}

async function enterEdit(ctx: BotContext, conversation: string, ...args: unknown[]): Promise<void> {
  // One edit at a time: a conversation that let this button through is given up for the new one.
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(conversation, ...args);
}

/** The first (current) photo of the user's Telegram profile, in its largest size. */
async function useTelegramPhoto(ctx: BotContext): Promise<void> {
  const telegramUserId = ctx.from?.id;
  if (telegramUserId === undefined) throw new Error('a profile button without a sender');
  const photos = await ctx.api.getUserProfilePhotos(telegramUserId, { limit: 1 });
  const sizes = photos.photos[0];
  if (!sizes?.length) {
    await showAvatarScreen(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)), ctx.t('profile-avatar-no-telegram-photo'));
    return;
  }
  const largest = largestSize(sizes);
  const avatar: AvatarFile = { source: 'telegram', fileId: largest.file_id, fileSize: largest.file_size ?? null };
  await changeAvatar(ctx, avatar, ctx.t('profile-avatar-saved'));
}

async function changeAvatar(ctx: BotContext, avatar: AvatarFile | null, notice: string): Promise<void> {
  const result = await setAvatar(ctx.deps.core, { userId: accountId(ctx), avatar });
  if (result.ok) await showProfile(ctx, result.value, notice);
  else await showAvatarScreen(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)), profileErrorText(ctx, result.code));
}

/** The switch takes effect at once: this very answer is in the new language. */
async function switchLanguage(ctx: BotContext, language: Language): Promise<void> {
  const result = await setLanguage(ctx.deps.core, { userId: accountId(ctx), language });
  if (!result.ok) {
    await ctx.answerCallbackQuery({ text: profileErrorText(ctx, result.code), show_alert: true });
    return;
  }
  if (ctx.account) ctx.account = { ...ctx.account, language: result.value.language };
  await ctx.i18n.renegotiateLocale();
  await showProfile(ctx, result.value, ctx.t('profile-language-changed'));
}

// An edit left open this long is over: a message that comes later is not taken as the answer
// (it is handled as if no edit were running).
const EDIT_TIMEOUT_MS = 30 * 60 * 1000;

/** The conversations this feature registers (createConversation), installed before any feature. */
export function profileConversations(): Middleware<BotContext>[] {
  const options = { maxMillisecondsToWait: EDIT_TIMEOUT_MS };
  return [
    createConversation<BotContext, ConversationContext>(editProfileField, { id: EDIT_FIELD_CONVERSATION, ...options }),
    createConversation<BotContext, ConversationContext>(editProfilePhone, { id: EDIT_PHONE_CONVERSATION, ...options }),
    createConversation<BotContext, ConversationContext>(uploadProfileAvatar, { id: UPLOAD_AVATAR_CONVERSATION, ...options }),
  ];
}
