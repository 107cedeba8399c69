import type { Message, PhotoSize } from 'grammy/types';
import { type AvatarFile, setAvatar } from '../../core/users/set-avatar.js';
import type { BotContext, ConversationContext } from '../context.js';
import { cancelKeyboard, profCb } from '../keyboards/profile-keyboards.js';
import { show } from '../screens/show.js';
import { profileErrorText } from './profile-errors.js';
import { showProfile } from './profile-screens.js';
import { accountId, cancelEdit, type ProfileConversation, waitForAnswer } from './profile-steps.js';

export const UPLOAD_AVATAR_CONVERSATION = 'profile-upload-avatar';

/**
 * Takes an uploaded picture as the avatar: a photo (its largest size), or an image file. The
 * core checks the type and size; a refused upload is explained and asked for again.
 */
export async function uploadProfileAvatar(conversation: ProfileConversation, _ctx: ConversationContext): Promise<void> {
  await conversation.external((ctx) => askForPicture(ctx));
  for (;;) {
    const answer = await waitForAnswer(conversation, [profCb.cancel]);
    if (answer.callbackQuery) {
      await conversation.external((ctx) => cancelEdit(ctx));
      return;
    }
    const picture = uploadedPicture(answer.message);
    const saved = await conversation.external((ctx) => (picture ? saveAvatar(ctx, picture) : askAgain(ctx, ctx.t('profile-avatar-not-a-picture'))));
    if (saved) return;
  }
}

/** The picture in a message, as the core judges it; undefined when there is none. */
function uploadedPicture(message: Message | undefined): AvatarFile | undefined {
  if (message?.photo?.length) {
    const largest = largestSize(message.photo);
    return { source: 'photo', fileId: largest.file_id, fileSize: largest.file_size ?? null };
  }
  if (message?.document) {
    const { file_id, file_size, mime_type } = message.document;
    return { source: 'document', fileId: file_id, fileSize: file_size ?? null, mimeType: mime_type ?? null };
  }
  return undefined;
}

/** Telegram sends a photo in several sizes; the avatar is the largest. */
export function largestSize(sizes: readonly PhotoSize[]): PhotoSize {
  return sizes.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
}

async function askForPicture(ctx: BotContext): Promise<void> {
  await show(ctx, ctx.t('profile-ask-avatar'), { reply_markup: cancelKeyboard(ctx) });
}

async function saveAvatar(ctx: BotContext, picture: AvatarFile): Promise<boolean> {
  const result = await setAvatar(ctx.deps.core, { userId: accountId(ctx), avatar: picture });
  if (!result.ok) return askAgain(ctx, profileErrorText(ctx, result.code));
  await showProfile(ctx, result.value, ctx.t('profile-avatar-saved'));
  return true;
}

async function askAgain(ctx: BotContext, reason: string): Promise<false> {
  await ctx.reply(`${reason}\n\n${ctx.t('profile-ask-avatar')}`, { reply_markup: cancelKeyboard(ctx) });
  return false;
}
