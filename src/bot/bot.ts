import { autoRetry } from '@grammyjs/auto-retry';
import { conversations } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context, GrammyError, HttpError, type MiddlewareFn, session } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { registerUser } from '../core/users/register-user.js';
import type { AppFlavor, BotContext, BotDeps, SessionData } from './context.js';
import { adminConversations, adminFeature } from './features/admin.js';
import { adminPayoutsFeature } from './features/admin-payouts.js';
import { adminMarketFeature } from './features/admin-market.js';
import { buyTokensConversations, buyTokensFeature } from './features/buy-tokens.js';
import { marketOrdersConversations, marketOrdersFeature } from './features/market-orders.js';
import { marketConversations, marketFeature } from './features/market.js';
import { menuFeature } from './features/menu.js';
import { pagesConversations, pagesFeature } from './features/pages.js';
import { paymentUpdatesFeature, paymentsFeature } from './features/payments.js';
import { profileConversations, profileFeature } from './features/profile.js';
import { referralsConversations, referralsFeature } from './features/referrals.js';
import { sellingConversations, sellingFeature } from './features/selling.js';
import { marketAdminConversations } from './conversations/market-admin-forms.js';
import { startFeature } from './features/start.js';
import { unhandledFeature } from './features/unhandled.js';
import { walletConversations, walletFeature } from './features/wallet.js';
import { createI18n } from './i18n.js';
import { rateLimit } from './rate-limit.js';
import { databaseStorage } from './storage.js';

export interface CreateBotOptions {
  /** Skips getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Another Bot API server (TELEGRAM_API_ROOT). */
  apiRoot?: string;
  /** Retry Telegram 429 and 5xx answers (off in tests that record calls). */
  autoRetry?: boolean;
  /** Per-user flood control (default 30 updates per 10 s); false turns it off. */
  rateLimit?: { limit?: number; windowMs?: number } | false;
}

/** Puts the dependencies and a per-update logger on the context: the first middleware of all. */
function provide(deps: BotDeps): MiddlewareFn<Context & AppFlavor> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id, userId: ctx.from?.id });
    return next();
  };
}

/**
 * The user behind the update, registered on first contact. A first /start carries the payload, so
 * the referrer is attributed exactly when the user is created (DESIGN invariant 4).
 */
function loadAccount(): MiddlewareFn<Context & AppFlavor & { registration?: Awaited<ReturnType<typeof registerUser>> }> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const text = ctx.message?.text ?? '';
      const payload = /^\/start(?:@\w+)?\s+(\S+)/.exec(text)?.[1];
      const registration = await registerUser(ctx.deps.core, {
        telegramId: BigInt(from.id),
        username: from.username ?? null,
        firstName: from.first_name,
        lastName: from.last_name ?? null,
        languageCode: from.language_code ?? null,
        startPayload: payload ?? null,
      });
      ctx.account = registration.user;
      ctx.registration = registration;
    }
    return next();
  };
}

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  const retry = options.autoRetry ?? true;
  const retryTransformer = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  const installRetry: MiddlewareFn<BotContext> = (ctx, next) => {
    ctx.api.config.use(retryTransformer);
    return next();
  };
  if (retry) bot.api.config.use(retryTransformer);

  const i18n = createI18n<BotContext>();
  // One chat's updates one after another (the runner and webhooks deliver concurrently); the
  // session and the conversation state are read and written per chat.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(provide(deps));
  const app = bot.errorBoundary(async (error) => {
    const ctx = error.ctx;
    ctx.log.error({ err: error.error, update: ctx.update }, 'update failed');
    await tellSomethingWentWrong(ctx);
  });

  app.use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      storage: databaseStorage<SessionData>(deps.core.db, 'session'),
      getSessionKey: (ctx) => ctx.chat?.id.toString(),
    }),
  );
  app.use(loadAccount());
  app.use(i18n);
  // Money before flood control and conversations: a Stars checkout must be answered within 10 s,
  // and a successful payment credited, whatever else the chat is doing.
  app.use(paymentUpdatesFeature);
  if (options.rateLimit !== false) app.use(rateLimit(options.rateLimit));
  app.use(
    conversations<BotContext, BotContext>({
      storage: { type: 'key', version: 1, adapter: databaseStorage(deps.core.db, 'conversation') },
      // Each replayed update gets a fresh Api built from the bot's client options, without the
      // bot's transformers: auto-retry is installed again (outside the plugin's replay cache, so
      // a replayed call returns its recorded result and is never retried).
      plugins: [...(retry ? [installRetry] : []), provide(deps), loadAccount(), i18n],
    }),
  );
  // Every conversation is registered before the features, so a feature can enter any of them.
  for (const group of [buyTokensConversations, referralsConversations, profileConversations, pagesConversations, adminConversations, walletConversations, marketOrdersConversations, sellingConversations, marketAdminConversations, marketConversations]) {
    for (const conversation of group()) app.use(conversation);
  }

  app.use(startFeature);
  app.use(menuFeature);
  app.use(marketFeature);
  app.use(buyTokensFeature);
  app.use(referralsFeature);
  app.use(profileFeature);
  app.use(pagesFeature);
  app.use(walletFeature);
  app.use(marketOrdersFeature);
  app.use(adminFeature);
  app.use(adminPayoutsFeature);
  app.use(adminMarketFeature);
  app.use(sellingFeature);
  app.use(paymentsFeature);
  app.use(unhandledFeature);

  bot.catch((error) => {
    const log = error.ctx.log ?? deps.logger;
    if (error.error instanceof GrammyError) log.error({ err: error.error }, 'Telegram refused a request');
    else if (error.error instanceof HttpError) log.error({ err: error.error }, 'Telegram could not be reached');
    else log.error({ err: error.error }, 'error outside the error boundary');
  });
  return bot;
}

async function tellSomethingWentWrong(ctx: BotContext): Promise<void> {
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('error-generic'), show_alert: true });
    else if (ctx.chat) await ctx.reply(ctx.t('error-generic'));
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not tell the user about the error');
  }
}
