import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';
import { adminCb, type RoundField } from '../keyboards/admin-buttons.js';
import { adminMenu } from '../keyboards/admin-screens.js';

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
 * answer. Cancel ends the conversation with nothing changed. A command (/start, /menu, /admin...)
 * or another screen's button leaves the conversation and is handled as if it had not been there;
 * anything else that is not text (a photo, a sticker) gets a hint and the question stays open.
 */
export async function ask(conversation: AdminConversation, ctx: ConversationContext, question: string, skip?: SkipOption): Promise<Answer> {
  const keyboard = new InlineKeyboard();
  if (skip) keyboard.text(skip.label, adminCb.skip.build(skip.field)).row();
  keyboard.text(ctx.t('button-cancel'), adminCb.cancel.build());
  await ctx.reply(question, { reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (adminCb.cancel.parse(data)) {
        await next.answerCallbackQuery();
        await next.reply(ctx.t('admin-cancelled'), { reply_markup: adminMenu(ctx).keyboard });
        return conversation.halt();
      }
      const skipped = adminCb.skip.parse(data);
      if (skipped && skip && skipped[0] === skip.field) {
        await next.answerCallbackQuery();
        return { skipped: true };
      }
      // The alternative of an earlier step: out of date, the question stays.
      if (skipped) {
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
    if (next.message) {
      await next.reply(ctx.t('admin-text-only'), { reply_markup: keyboard });
      continue;
    }
    // Updates that are not for us (an edited message, a reaction): let the rest of the bot see them.
    await conversation.skip({ next: true });
  }
}

/**
 * Asks until `read` accepts the answer; each refusal is shown with the reason above the question
 * again (and its buttons, so Cancel stays at hand).
 */
export async function askUntilValid<T>(
  conversation: AdminConversation,
  ctx: ConversationContext,
  question: string,
  read: (answer: Answer) => { value: T } | { problem: string },
  skip?: SkipOption,
): Promise<T> {
  let prompt = question;
  for (;;) {
    const result = read(await ask(conversation, ctx, prompt, skip));
    if ('value' in result) return result.value;
    prompt = `⚠️ ${result.problem}\n\n${question}`;
  }
}

/** How long an unanswered question holds the chat: after that, the next message is ordinary again. */
export const ADMIN_WAIT_MS = 30 * 60_000;
