import { createConversation } from '@grammyjs/conversations';
import { findRoleHolder, parseUserRef, type RoleHolder } from '../../core/users/grant-role.js';
import type { BotContext, ConversationContext } from '../context.js';
import { type RoleHolderView, roleScreen } from '../keyboards/admin-screens.js';
import { isAdmin } from '../roles.js';
import { ADMIN_WAIT_MS, type AdminConversation, ask } from './admin-ask.js';

export const FIND_USER = 'admin-roles';

/** JSON-safe (the Telegram id is a bigint), so it can leave conversation.external. */
export function roleHolderView(holder: RoleHolder): RoleHolderView {
  return { ...holder, telegramId: holder.telegramId.toString(), roles: [...holder.roles] };
}

/**
 * Asks whose roles to change (a Telegram id or @username) until a known user is named, then
 * shows their roles with a toggle each; the toggles are ordinary buttons of the admin feature.
 */
async function findUser(conversation: AdminConversation, ctx: ConversationContext): Promise<void> {
  const question = ctx.t('admin-roles-ask');
  let prompt = question;
  for (;;) {
    const answer = await ask(conversation, ctx, prompt);
    if (!('text' in answer)) continue;
    const ref = parseUserRef(answer.text);
    if (!ref.ok) {
      prompt = `⚠️ ${ctx.t('admin-roles-bad-ref')}\n\n${question}`;
      continue;
    }
    const holder = await conversation.external(async (outer): Promise<RoleHolderView | 'NOT_ALLOWED' | null> => {
      // Rights are checked when the question is answered: they may have been revoked meanwhile.
      if (!isAdmin(outer)) return 'NOT_ALLOWED';
      const found = await findRoleHolder(outer.deps.core.db, ref.value);
      return found.ok ? roleHolderView(found.value) : null;
    });
    if (holder === 'NOT_ALLOWED') {
      await ctx.reply(ctx.t('not-allowed'));
      return;
    }
    if (!holder) {
      prompt = `⚠️ ${ctx.t('admin-roles-unknown', { user: answer.text.trim() })}\n\n${question}`;
      continue;
    }
    const screen = roleScreen(ctx, holder);
    await ctx.reply(screen.text, { reply_markup: screen.keyboard });
    return;
  }
}

export function roleConversations() {
  return [createConversation<BotContext, ConversationContext>(findUser, { id: FIND_USER, maxMillisecondsToWait: ADMIN_WAIT_MS })];
}
