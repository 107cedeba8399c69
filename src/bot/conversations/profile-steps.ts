import type { Conversation } from '@grammyjs/conversations';
import { getProfile } from '../../core/users/get-profile.js';
import type { BotContext, ConversationContext } from '../context.js';
import { showProfile } from './profile-screens.js';

/**
 * The profile's edits are conversations. Every Telegram call in them goes through
 * `conversation.external` with the outer context: inside a conversation `ctx.api` is a fresh Api
 * without the bot's transformers (auto-retry; the tests' recorder), and `external` also makes
 * each call happen once, not on every replay.
 */
export type ProfileConversation = Conversation<BotContext, ConversationContext>;

/**
 * The user's next message or button press in an edit. A command (/start, /menu ...) or a button of
 * another screen leaves the edit (after `leave`, if given) and is then handled as if no edit were
 * running; so only a message or one of `own` buttons comes back.
 */
export async function waitForAnswer(
  conversation: ProfileConversation,
  own: readonly { parse(data: string): unknown }[],
  leave?: (ctx: BotContext) => Promise<unknown>,
): Promise<ConversationContext> {
  const answer = await conversation.waitFor(['message', 'callback_query']);
  const data = answer.callbackQuery?.data;
  const ownButton = data !== undefined && own.some((kind) => kind.parse(data) !== undefined);
  const foreignButton = answer.callbackQuery !== undefined && !ownButton;
  if (isCommand(answer) || foreignButton) {
    if (leave) await conversation.external(async (ctx) => void (await leave(ctx)));
    await conversation.halt({ next: true });
  }
  return answer;
}

function isCommand(ctx: ConversationContext): boolean {
  return Boolean(ctx.message?.entities?.some((entity) => entity.type === 'bot_command' && entity.offset === 0));
}

/** The user behind the update; profile updates always have one (private chats, real users). */
export function accountId(ctx: BotContext): number {
  if (!ctx.account) throw new Error('a profile update without a registered sender');
  return ctx.account.id;
}

/** Stops the spinner of the button that was pressed, if the update is a button press. */
export async function answerPress(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
}

/** Cancel: the profile again, unchanged. */
export async function cancelEdit(ctx: BotContext): Promise<void> {
  await answerPress(ctx);
  await showProfile(ctx, await getProfile(ctx.deps.core.db, accountId(ctx)), ctx.t('profile-cancelled'));
}
