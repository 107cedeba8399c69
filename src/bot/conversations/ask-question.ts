import type { Conversation } from '@grammyjs/conversations';
import type { InlineKeyboard } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';

/** What was answered: typed text, one of the question's buttons (its value), or a photo (its file id). */
export type QuestionReply = { text: string } | { choice: string } | { photo: string };

export interface Question {
  text: string;
  /** The question's buttons, Cancel included. */
  keyboard: InlineKeyboard;
  /** The values this question's buttons stand for (a button of an older question is out of date). */
  values: readonly string[];
  /** The value a pressed button of this conversation's kind carries, or undefined when it is not one. */
  pick(data: string): string | undefined;
  isCancel(data: string): boolean;
  /** Said when Cancel is pressed; the conversation then ends with nothing changed. */
  cancelled(next: ConversationContext): Promise<unknown>;
  /** Said when something that is not an answer arrives (a sticker; a photo where text is wanted). */
  hint: string;
  /** A photo is an answer. */
  photo?: boolean;
}

/**
 * Asks one question and waits for the answer, the same way in every conversation: Cancel ends it
 * with nothing changed; a command (/start, /menu …) or another screen's button leaves it and is
 * handled as if it had not been there; a button of an older question is out of date and the
 * question stays; anything else that is not an answer gets the hint and the question stays;
 * updates that are not for us (an edit, a reaction) pass on to the rest of the bot.
 */
export async function askQuestion(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, question: Question): Promise<QuestionReply> {
  await ctx.reply(question.text, { reply_markup: question.keyboard });
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (question.isCancel(data)) {
        await next.answerCallbackQuery();
        await question.cancelled(next);
        return conversation.halt();
      }
      const picked = question.pick(data);
      if (picked !== undefined) {
        if (question.values.includes(picked)) {
          await next.answerCallbackQuery();
          return { choice: picked };
        }
        await next.answerCallbackQuery({ text: ctx.t('stale-button') });
        continue;
      }
      return conversation.halt({ next: true });
    }
    const text = next.message?.text;
    if (text !== undefined) {
      if (text.startsWith('/')) return conversation.halt({ next: true });
      return { text };
    }
    const photo = next.message?.photo;
    if (photo && question.photo) return { photo: photo[photo.length - 1]!.file_id };
    if (next.message) {
      await next.reply(question.hint, { reply_markup: question.keyboard });
      continue;
    }
    await conversation.skip({ next: true });
  }
}

/** Asks until `read` accepts the reply; each refusal is shown with its reason above the question again. */
export async function askUntilRead<R, T>(ask: (prompt: string) => Promise<R>, question: string, read: (reply: R) => { value: T } | { problem: string }): Promise<T> {
  let prompt = question;
  for (;;) {
    const result = read(await ask(prompt));
    if ('value' in result) return result.value;
    prompt = `⚠️ ${result.problem}\n\n${question}`;
  }
}
