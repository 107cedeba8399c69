import type { Context } from 'grammy';
import { adminRecipients } from '../core/market/sellers/seller-queries.js';
import type { AppFlavor } from './context.js';
import { translatorFor } from './notifications.js';

/**
 * Market notices sent outside the receiver's own update (admins told of an application or a
 * withdrawal request, a seller told of a decision), each in the receiver's language. A Telegram
 * failure (blocked bot) is logged, never thrown: the change it reports is already committed.
 */
export async function tellUser(
  ctx: Context & AppFlavor,
  to: { telegramId: bigint; language: string },
  key: string,
  variables: Record<string, string | number> = {},
): Promise<void> {
  try {
    await ctx.api.sendMessage(Number(to.telegramId), translatorFor(to.language)(key, variables));
  } catch (error) {
    ctx.log.warn({ err: error, key }, 'could not send a market notice');
  }
}

export async function tellAdmins(ctx: Context & AppFlavor, key: string, variables: Record<string, string | number> = {}): Promise<void> {
  const admins = await adminRecipients(ctx.deps.core.db, ctx.deps.adminIds);
  const known = new Set(admins.map((a) => a.telegramId));
  // Listed admins who never opened the bot have no language on record: English.
  const listed = ctx.deps.adminIds.filter((id) => !known.has(id)).map((telegramId) => ({ telegramId, language: 'en' }));
  for (const admin of [...admins, ...listed]) await tellUser(ctx, admin, key, variables);
}
