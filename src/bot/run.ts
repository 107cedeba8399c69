import { type RunnerHandle, run } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Logger } from '../infra/logger.js';
import type { BotContext } from './context.js';
import { createI18n } from './i18n.js';

/** The updates the bot acts on; everything else Telegram need not send. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'pre_checkout_query', 'my_chat_member'] as const;

/** The commands in Telegram's menu; each has its description under `command-<name>` in the locales. */
export const COMMANDS = ['start', 'market', 'orders', 'sell', 'buy', 'balance', 'invite', 'profile', 'help', 'terms', 'paysupport'] as const;

/** The command list in the menu next to the input field, per language (setMyCommands). */
export async function registerCommands(bot: Bot<BotContext>, logger: Logger): Promise<void> {
  const i18n = createI18n();
  const list = (locale: string): BotCommand[] => COMMANDS.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
  try {
    await bot.api.setMyCommands(list('en'));
    await bot.api.setMyCommands(list('ru'), { language_code: 'ru' });
  } catch (error) {
    // A Bot API server without setMyCommands (an emulator) must not keep the bot from running.
    logger.warn({ err: error }, 'could not register the bot commands');
  }
}

export interface RunningBot {
  stop(): Promise<void>;
}

/**
 * Long polling through grammY's runner: updates are fetched and handled concurrently, and the
 * bot's `sequentialize` keeps each chat's updates in order.
 */
export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<RunningBot> {
  await bot.init();
  // A webhook left from an earlier BOT_MODE=webhook run would make getUpdates fail.
  await bot.api.deleteWebhook().catch((error) => logger.warn({ err: error }, 'could not delete the webhook'));
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info(`Telegram bot @${bot.botInfo.username} is running (long polling)`);
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

/** BOT_MODE=webhook: tells Telegram where to post updates, with the secret it must send back. */
export async function startWebhook(bot: Bot<BotContext>, publicUrl: string, secret: string, logger: Logger): Promise<RunningBot> {
  await bot.init();
  const url = new URL('/webhooks/telegram', publicUrl).toString();
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  logger.info(`Telegram bot @${bot.botInfo.username} takes updates at ${url}`);
  return { stop: async () => undefined };
}
