import type { Message } from 'grammy/types';
import { getProfile } from '../../core/users/get-profile.js';
import { type SharedContact, setPhone } from '../../core/users/set-phone.js';
import type { BotContext, ConversationContext } from '../context.js';
import { shareContactKeyboard } from '../keyboards/profile-keyboards.js';
import { profileErrorText } from './profile-errors.js';
import { showProfile } from './profile-screens.js';
import { accountId, type ProfileConversation, waitForAnswer } from './profile-steps.js';

export const EDIT_PHONE_CONVERSATION = 'profile-edit-phone';

const removeKeyboard = { remove_keyboard: true } as const;

/**
 * Edits the phone number. Only the account's own contact, sent by the request_contact button, is
 * taken: a typed number or someone else's contact is refused (the core checks whose it is). The
 * reply keyboard is removed however the edit ends.
 */
export async function editProfilePhone(conversation: ProfileConversation, _ctx: ConversationContext): Promise<void> {
  await conversation.external((ctx) => askForContact(ctx));
  for (;;) {
    const answer = await waitForAnswer(conversation, [], (ctx) => leaveUnchanged(ctx));
    const message = answer.message;
    if (message?.text === answer.t('button-cancel')) {
      await conversation.external((ctx) => cancelPhone(ctx));
      return;
    }
    const contact = message?.contact;
    const shared: SharedContact | undefined = contact && { telegramUserId: contact.user_id ?? null, phoneNumber: contact.phone_number };
    const saved = await conversation.external((ctx) => (shared ? savePhone(ctx, shared) : refuse(ctx, message)));
    if (saved) return;
  }
}

async function askForContact(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t('profile-ask-phone'), { reply_markup: shareContactKeyboard(ctx) });
}

async function savePhone(ctx: BotContext, contact: SharedContact): Promise<boolean> {
  const result = await setPhone(ctx.deps.core, { userId: accountId(ctx), contact });
  if (!result.ok) {
    await ctx.reply(`${profileErrorText(ctx, result.code)}\n\n${ctx.t('profile-ask-phone')}`, { reply_markup: shareContactKeyboard(ctx) });
    return false;
  }
  // A message cannot both remove the reply keyboard and carry the profile's inline one.
  await ctx.reply(ctx.t('profile-phone-saved'), { reply_markup: removeKeyboard });
  await showProfile(ctx, result.value);
  return true;
}

async function refuse(ctx: BotContext, message: Message | undefined): Promise<false> {
  const reason = message?.text !== undefined ? ctx.t('profile-phone-typed') : ctx.t('profile-phone-use-button');
  await ctx.reply(reason, { reply_markup: shareContactKeyboard(ctx) });
  return false;
}

async function cancelPhone(ctx: BotContext): Promise<void> {
  await leaveUnchanged(ctx);
  await showProfile(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)));
}

async function leaveUnchanged(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t('profile-phone-unchanged'), { reply_markup: removeKeyboard });
}
