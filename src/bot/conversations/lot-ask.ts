import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import { askQuestion, askUntilRead, type QuestionReply } from './ask-question.js';

export type StepConversation = Conversation<BotContext, ConversationContext>;

/** What the user answered: typed text, one of the step's buttons, or a photo (its file id). */
export type Reply = QuestionReply;

export interface Choice {
  label: string;
  value: string;
}

export interface StepOptions {
  choices?: Choice[];
  /** Buttons per row (default 2). */
  columns?: number;
  /** A photo is an answer (the market poster). */
  photo?: boolean;
  /** Where the "cancelled" message's button leads (callback data). */
  backTo: { label: string; data: string };
}

/** How long an unanswered selling or market question holds the chat. */
export const STEP_WAIT_MS = 30 * 60_000;

/**
 * Asks one question with its choice buttons and Cancel, and waits (askQuestion: Cancel ends the
 * conversation with nothing changed and offers `backTo`; a command or another screen's button
 * leaves it; a choice from an older question is out of date; anything else gets a hint).
 */
export function askStep(conversation: StepConversation, ctx: ConversationContext, question: string, options: StepOptions): Promise<Reply> {
  const keyboard = new InlineKeyboard();
  const columns = options.columns ?? 2;
  const choices = options.choices ?? [];
  for (const [i, choice] of choices.entries()) {
    keyboard.text(choice.label, sellCb.pick.build(choice.value));
    if ((i + 1) % columns === 0) keyboard.row();
  }
  if (choices.length % columns !== 0) keyboard.row();
  keyboard.text(ctx.t('button-cancel'), sellCb.cancel.build());
  return askQuestion(conversation, ctx, {
    text: question,
    keyboard,
    values: choices.map((c) => c.value),
    pick: (data) => sellCb.pick.parse(data)?.[0],
    isCancel: (data) => sellCb.cancel.parse(data) !== undefined,
    cancelled: (next) => next.reply(ctx.t('sell-cancelled'), { reply_markup: new InlineKeyboard().text(options.backTo.label, options.backTo.data) }),
    hint: ctx.t(options.photo ? 'sell-photo-or-text' : 'sell-text-only'),
    ...(options.photo ? { photo: true } : {}),
  });
}

/** Asks until `read` accepts the reply; each refusal is shown above the question again. */
export function askValid<T>(
  conversation: StepConversation,
  ctx: ConversationContext,
  question: string,
  options: StepOptions,
  read: (reply: Reply) => { value: T } | { problem: string },
): Promise<T> {
  return askUntilRead((prompt) => askStep(conversation, ctx, prompt, options), question, read);
}

/** A reply that must be one of the buttons (typed text is refused with `problem`). */
export function choiceOnly(problem: string) {
  return (reply: Reply): { value: string } | { problem: string } => ('choice' in reply ? { value: reply.choice } : { problem });
}
