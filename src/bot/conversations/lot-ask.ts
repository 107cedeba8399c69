import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';

export type StepConversation = Conversation<BotContext, ConversationContext>;

/** What the user answered: typed text, one of the step's buttons, or a photo (its file id). */
export type Reply = { text: string } | { choice: string } | { photo: string };

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
 * Asks one question with its choice buttons and Cancel, and waits. Cancel ends the conversation
 * with nothing changed; a command or another screen's button leaves it and is handled as usual;
 * a choice from an older question is out of date and the question stays; anything else that is
 * not an answer (a sticker, a photo where text is wanted) gets a hint and the question stays.
 */
export async function askStep(conversation: StepConversation, ctx: ConversationContext, question: string, options: StepOptions): Promise<Reply> {
  const keyboard = new InlineKeyboard();
  const columns = options.columns ?? 2;
  for (const [i, choice] of (options.choices ?? []).entries()) {
    keyboard.text(choice.label, sellCb.pick.build(choice.value));
    if ((i + 1) % columns === 0) keyboard.row();
  }
  if ((options.choices?.length ?? 0) % columns !== 0) keyboard.row();
  keyboard.text(ctx.t('button-cancel'), sellCb.cancel.build());
  await ctx.reply(question, { reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (sellCb.cancel.parse(data)) {
        await next.answerCallbackQuery();
        await next.reply(ctx.t('sell-cancelled'), { reply_markup: new InlineKeyboard().text(options.backTo.label, options.backTo.data) });
        return conversation.halt();
      }
      const picked = sellCb.pick.parse(data);
      if (picked) {
        if (options.choices?.some((c) => c.value === picked[0])) {
          await next.answerCallbackQuery();
          return { choice: picked[0] };
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
    if (photo && options.photo) return { photo: photo[photo.length - 1]!.file_id };
    if (next.message) {
      await next.reply(ctx.t(options.photo ? 'sell-photo-or-text' : 'sell-text-only'), { reply_markup: keyboard });
      continue;
    }
    await conversation.skip({ next: true });
  }
}

/** Asks until `read` accepts the reply; each refusal is shown above the question again. */
export async function askValid<T>(
  conversation: StepConversation,
  ctx: ConversationContext,
  question: string,
  options: StepOptions,
  read: (reply: Reply) => { value: T } | { problem: string },
): Promise<T> {
  let prompt = question;
  for (;;) {
    const result = read(await askStep(conversation, ctx, prompt, options));
    if ('value' in result) return result.value;
    prompt = `⚠️ ${result.problem}\n\n${question}`;
  }
}

/** A reply that must be one of the buttons (typed text is refused with `problem`). */
export function choiceOnly(problem: string) {
  return (reply: Reply): { value: string } | { problem: string } => ('choice' in reply ? { value: reply.choice } : { problem });
}
