import type { BotContext } from '../context.js';
import { mainMenu } from '../keyboards/main-menu.js';
import { show } from './show.js';

/** The welcome screen with the main menu: after /start, /menu and every "back to the menu". */
export async function welcome(ctx: BotContext & { registration?: { created: boolean; referral?: { ok: boolean } } }, options: { fresh?: boolean } = {}) {
  const name = ctx.account?.firstName ?? ctx.from?.first_name ?? '';
  const lines = [ctx.t('welcome', { name })];
  if (ctx.registration?.created && ctx.registration.referral?.ok) lines.push(ctx.t('welcome-invited'));
  await show(ctx, lines.join('\n\n'), { reply_markup: mainMenu(ctx) }, options);
}
