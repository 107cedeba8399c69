import { z } from 'zod';
import { getProfile, type ProfileView } from '../../core/users/get-profile.js';
import { TEXT_FIELDS, type TextField, updateProfile } from '../../core/users/update-profile.js';
import type { BotContext, ConversationContext } from '../context.js';
import { fieldPromptKeyboard, profCb } from '../keyboards/profile-keyboards.js';
import { show } from '../screens/show.js';
import { profileErrorText } from './profile-errors.js';
import { fieldQuestion, showProfile } from './profile-screens.js';
import { accountId, answerPress, cancelEdit, type ProfileConversation, waitForAnswer } from './profile-steps.js';

export const EDIT_FIELD_CONVERSATION = 'profile-edit-field';

/**
 * Edits one typed-in field (first and last name, email, birthday, city): asks, and on a refused
 * value says why and asks again, until the value is saved, cleared or the edit is cancelled.
 */
export async function editProfileField(conversation: ProfileConversation, _ctx: ConversationContext, fieldArg: unknown): Promise<void> {
  const field = z.enum(TEXT_FIELDS).parse(fieldArg);
  const before = await conversation.external((ctx) => askForField(ctx, field));
  for (;;) {
    const answer = await waitForAnswer(conversation, [profCb.cancel, profCb.clear]);
    const pressed = answer.callbackQuery?.data;
    if (pressed !== undefined && profCb.cancel.parse(pressed)) {
      await conversation.external((ctx) => cancelEdit(ctx));
      return;
    }
    // Clear is the only other button that reaches here; anything but text is asked for again.
    const value = pressed !== undefined ? null : answer.message?.text;
    const saved = await conversation.external((ctx) =>
      value === undefined ? askAgain(ctx, field, before, ctx.t('profile-expect-text')) : saveField(ctx, field, before, value),
    );
    if (saved) return;
  }
}

async function askForField(ctx: BotContext, field: TextField): Promise<ProfileView> {
  const view = await getProfile(ctx.deps.core.db, accountId(ctx));
  await show(ctx, fieldQuestion(ctx, field, view), { reply_markup: fieldPromptKeyboard(ctx, field) });
  return view;
}

async function saveField(ctx: BotContext, field: TextField, before: ProfileView, value: string | null): Promise<boolean> {
  await answerPress(ctx);
  const result = await updateProfile(ctx.deps.core, { userId: accountId(ctx), field, value });
  if (!result.ok) return askAgain(ctx, field, before, profileErrorText(ctx, result.code));
  await showProfile(ctx, result.value, ctx.t('profile-saved'));
  return true;
}

async function askAgain(ctx: BotContext, field: TextField, before: ProfileView, reason: string): Promise<false> {
  await show(ctx, `${reason}\n\n${fieldQuestion(ctx, field, before)}`, { reply_markup: fieldPromptKeyboard(ctx, field) });
  return false;
}
