import { type Conversation, createConversation } from '@grammyjs/conversations';
import type { InlineKeyboard, Middleware } from 'grammy';
import { z } from 'zod';
import type { AttributeReferrerError } from '../../core/referrals/attribute-referrer.js';
import { enterReferralCode } from '../../core/referrals/enter-referral-code.js';
import type { BotContext, ConversationContext } from '../context.js';
import { codeDoneKeyboard, codePromptKeyboard } from '../keyboards/referral-keyboards.js';
import { show } from '../screens/show.js';

export const REFERRAL_CODE_CONVERSATION = 'referral-code';

// A code typed an hour later is not an answer to this question any more: the text goes to the
// rest of the bot as if the conversation had never been entered.
const ANSWER_WITHIN_MS = 30 * 60_000;

type CodeConversation = Conversation<BotContext, ConversationContext>;

/**
 * What the user sent, as a code: trimmed, and a pasted invite link (`...?start=<code>`) counts as
 * its code. Whether it is a well-formed, existing code is the core's to say.
 */
const codeAnswer = z
  .string()
  .trim()
  .transform((text) => /[?&]start=([^&\s]+)/.exec(text)?.[1] ?? text);

/**
 * "I have a code": asks for the inviter's code until the core accepts one, the user cancels, or an
 * answer can never succeed (a referrer already set, an order already made).
 *
 * Messages go out through `conversation.external` on the outside context: the conversation then
 * stores that they were sent (and does not send them again on replay), and they go through the
 * bot's own API client (its retries and transformers) rather than the conversation's copy of it.
 */
async function askForReferralCode(conversation: CodeConversation, _ctx: ConversationContext): Promise<void> {
  await conversation.external((ctx) => show(ctx, ctx.t('referrals-code-prompt'), { reply_markup: codePromptKeyboard(ctx) }));
  for (;;) {
    const answer = await conversation.wait({ maxMilliseconds: ANSWER_WITHIN_MS });
    // Buttons (Cancel included) and commands belong to the rest of the bot: leave, let them run.
    if (answer.callbackQuery || answer.message?.text?.startsWith('/')) return conversation.halt({ next: true });
    if (!answer.message) return conversation.skip({ next: true });
    const text = answer.message.text;
    if (text === undefined) {
      await conversation.external((ctx) => say(ctx, ctx.t('referrals-code-text-only'), codePromptKeyboard(ctx)));
      continue;
    }
    const code = codeAnswer.parse(text);
    const result = await conversation.external((ctx) => enterReferralCode(ctx.deps.core, { userId: accountId(ctx), code }));
    if (result.ok) {
      const name = result.value.referrerName;
      await conversation.external((ctx) => say(ctx, ctx.t('referrals-code-accepted', { name }), codeDoneKeyboard(ctx)));
      return;
    }
    const final = isFinal(result.code);
    await conversation.external((ctx) => say(ctx, codeFailureText(ctx, result.code), final ? codeDoneKeyboard(ctx) : codePromptKeyboard(ctx)));
    if (final) return;
  }
}

/** A new message; returns nothing, so the conversation stores no copy of the sent message. */
async function say(ctx: BotContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  await ctx.reply(text, { reply_markup: keyboard });
}

/** Failures no other code could fix: the flow ends instead of asking again. */
function isFinal(code: AttributeReferrerError): boolean {
  return code === 'REFERRAL_ALREADY_SET' || code === 'REFERRAL_TOO_LATE' || code === 'USER_NOT_FOUND';
}

/** The one place the core's attribution codes become words. */
function codeFailureText(ctx: BotContext, code: AttributeReferrerError): string {
  switch (code) {
    case 'REFERRAL_CODE_MALFORMED':
      return ctx.t('referrals-code-malformed');
    case 'REFERRAL_CODE_UNKNOWN':
      return ctx.t('referrals-code-unknown');
    case 'REFERRAL_SELF':
      return ctx.t('referrals-code-self');
    case 'REFERRAL_CYCLE':
      return ctx.t('referrals-code-cycle');
    case 'REFERRAL_ALREADY_SET':
      return ctx.t('referrals-code-already-set');
    case 'REFERRAL_TOO_LATE':
      return ctx.t('referrals-code-too-late');
    case 'USER_NOT_FOUND':
      return ctx.t('error-generic');
  }
}

function accountId(ctx: BotContext): number {
  if (!ctx.account) throw new Error('a code answer without a registered sender');
  return ctx.account.id;
}

/** The conversations of the referral program, registered by referralsConversations(). */
export function referralCodeConversations(): Middleware<BotContext>[] {
  return [createConversation<BotContext, ConversationContext>(askForReferralCode, { id: REFERRAL_CODE_CONVERSATION })];
}
