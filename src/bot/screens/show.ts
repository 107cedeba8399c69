import type { Context, InlineKeyboard } from 'grammy';
import type { AppFlavor } from '../context.js';

/**
 * Shows a screen: edits the message whose button was pressed (so navigating does not flood the
 * chat), or sends a new message for commands and text. `fresh` always sends a new one.
 */
export async function show(
  ctx: Context & AppFlavor,
  text: string,
  extra: { reply_markup?: InlineKeyboard; parse_mode?: 'HTML' } = {},
  options: { fresh?: boolean } = {},
): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!options.fresh && message && 'text' in message && message.text !== undefined) {
    try {
      await ctx.editMessageText(text, { ...extra, link_preview_options: { is_disabled: true } });
      return;
    } catch (error) {
      // "message is not modified" (the same screen again) is fine; anything else: send anew.
      if (String(error).includes('message is not modified')) return;
      ctx.log.debug({ err: error }, 'could not edit the message, sending a new one');
    }
  }
  await ctx.reply(text, { ...extra, link_preview_options: { is_disabled: true } });
}
