import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';
import { adminCb, type RoundField } from '../keyboards/admin-buttons.js';
import { adminMenu } from '../keyboards/admin-screens.js';
import { askQuestion, askUntilRead } from './ask-question.js';

export type AdminConversation = Conversation<BotContext, ConversationContext>;

/** What the admin answered: text they typed, or the step's alternative button ("No maximum"). */
export type Answer = { text: string } | { skipped: true };

/** The step's alternative to typing, if it has one. */
export interface SkipOption {
  field: RoundField;
  label: string;
}

/**
 * Asks one question (with Cancel, and the step's alternative when it has one) and waits for the
 * answer (askQuestion: Cancel ends the conversation with nothing changed and shows the admin menu;
 * a command or another screen's button leaves it; anything else that is not text gets a hint).
 */
export async function ask(conversation: AdminConversation, ctx: ConversationContext, question: string, skip?: SkipOption): Promise<Answer> {
  const keyboard = new InlineKeyboard();
  if (skip) keyboard.text(skip.label, adminCb.skip.build(skip.field)).row();
  keyboard.text(ctx.t('button-cancel'), adminCb.cancel.build());
  const reply = await askQuestion(conversation, ctx, {
    text: question,
    keyboard,
    values: skip ? [skip.field] : [],
    pick: (data) => adminCb.skip.parse(data)?.[0],
    isCancel: (data) => adminCb.cancel.parse(data) !== undefined,
    cancelled: (next) => next.reply(ctx.t('admin-cancelled'), { reply_markup: adminMenu(ctx).keyboard }),
    hint: ctx.t('admin-text-only'),
  });
  return 'text' in reply ? { text: reply.text } : { skipped: true };
}

/**
 * Asks until `read` accepts the answer; each refusal is shown with the reason above the question
 * again (and its buttons, so Cancel stays at hand).
 */
export function askUntilValid<T>(
  conversation: AdminConversation,
  ctx: ConversationContext,
  question: string,
  read: (answer: Answer) => { value: T } | { problem: string },
  skip?: SkipOption,
): Promise<T> {
  return askUntilRead((prompt) => ask(conversation, ctx, prompt, skip), question, read);
}

/** How long an unanswered question holds the chat: after that, the next message is ordinary again. */
export const ADMIN_WAIT_MS = 30 * 60_000;
