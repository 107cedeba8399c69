import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CoreDeps } from '../core/deps.js';
import type { Logger } from '../infra/logger.js';
import type { ApiEnv } from './env.js';
import { type PaymentWebhookDeps, paymentWebhooks } from './payment-webhooks.js';
import { telegramWebhook, type UpdateHandler } from './telegram-webhook.js';
import { type ApiV1Deps, apiV1 } from './v1/index.js';
import { type WalletApiDeps, walletRouter } from './wallet.js';

export interface ApiDeps {
  core: CoreDeps;
  logger: Logger;
  /** BOT_MODE=webhook: the bot that takes Telegram's updates, and the secret they must carry. */
  telegram?: { bot: UpdateHandler; secret: string };
  /** The payment providers that are on, for their webhooks. */
  payments?: PaymentWebhookDeps;
  /** Wallet linking (needs PUBLIC_URL): the page GET /wallet and its JSON endpoints under /wallet/. */
  wallet?: WalletApiDeps;
  /** The JSON API under /api/v1: the market catalogue (when given) beside the signed-in user's endpoints. */
  apiV1?: Omit<ApiV1Deps, 'core'>;
}

/** The HTTP API: health, webhooks, the wallet page and the JSON API under /api/v1. */
export function createApp(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    c.set('logger', deps.logger.child({ requestId }));
    c.set('core', deps.core);
    c.header('x-request-id', requestId);
    await next();
  });

  app.get('/health', async (c) => {
    try {
      await c.var.core.db.$queryRaw`SELECT 1`;
      return c.json({ status: 'ok', database: 'up' });
    } catch (error) {
      c.var.logger.error({ err: error }, 'health check: database down');
      return c.json({ status: 'error', database: 'down' }, 503);
    }
  });

  if (deps.telegram) app.route('/webhooks', telegramWebhook(deps.telegram.bot, deps.telegram.secret));
  if (deps.payments) app.route('/webhooks', paymentWebhooks(deps.payments));
  if (deps.wallet) app.route('/wallet', walletRouter(deps.wallet));
  app.route('/api/v1', apiV1({ core: deps.core, ...deps.apiV1 }));

  app.notFound((c) => c.json({ error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` }, 404));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: 'http_error', message: error.message }, error.status);
    c.var.logger?.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal_error', message: 'Something went wrong on our side.' }, 500);
  });

  return app;
}
