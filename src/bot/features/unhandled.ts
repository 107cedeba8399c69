import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { mainMenu } from '../keyboards/main-menu.js';

/** Registered last: whatever no feature took. */
export const unhandledFeature = new Composer<BotContext>();

// A button from an old message, or data nobody understands: a short notice, nothing else.
unhandledFeature.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('stale-button') }));

unhandledFeature.chatType('private').on('message', (ctx) => ctx.reply(ctx.t('unknown-input'), { reply_markup: mainMenu(ctx) }));
