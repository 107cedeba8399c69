import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import type { ApiEnv } from './env.js';

/** The bot as the webhook sees it (grammY's Bot fits). */
export interface UpdateHandler {
  handleUpdate(update: Update): Promise<unknown>;
}

const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /webhooks/telegram` (BOT_MODE=webhook): Telegram's updates, accepted only with the secret
 * token given to setWebhook. The update is handled before answering, so a failure outside the
 * bot's error boundary (the database down) answers 500 and Telegram delivers it again later.
 */
export function telegramWebhook(bot: UpdateHandler, secret: string): Hono<ApiEnv> {
  const router = new Hono<ApiEnv>();
  router.post('/telegram', async (c) => {
    if (!sameSecret(c.req.header(SECRET_HEADER), secret)) {
      c.var.logger.warn('telegram webhook: wrong or missing secret token');
      return c.json({ error: 'unauthorized', message: `Missing or wrong ${SECRET_HEADER}` }, 401);
    }
    let update: unknown;
    try {
      update = JSON.parse(await c.req.text());
    } catch {
      return c.json({ error: 'bad_request', message: 'The body is not JSON' }, 400);
    }
    if (!update || typeof update !== 'object' || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) {
      return c.json({ error: 'bad_request', message: 'Not a Telegram update: update_id is missing' }, 400);
    }
    await bot.handleUpdate(update as Update);
    return c.body(null, 200);
  });
  return router;
}
