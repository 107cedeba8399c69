import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

/**
 * Per-user flood control: at most `limit` updates per window. The counter lives in the database
 * (one upsert per update), so every instance behind a load balancer counts the same user
 * together. The first update over the limit gets one notice; the rest are dropped quietly (button
 * presses still get their spinner stopped) until the window passes.
 */
export function rateLimit(options: { limit?: number; windowMs?: number } = {}): MiddlewareFn<BotContext> {
  const limit = options.limit ?? 30;
  const windowMs = options.windowMs ?? 10_000;
  return async (ctx, next) => {
    const id = ctx.from?.id;
    if (id === undefined) return next();
    const now = ctx.deps.core.clock.now();
    const windowOpen = new Date(now.getTime() - windowMs);
    const [row] = await ctx.deps.core.db.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limits (key, window_start, count) VALUES (${`user:${id}`}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start <= ${windowOpen} THEN 1 ELSE rate_limits.count + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= ${windowOpen} THEN ${now} ELSE rate_limits.window_start END
      RETURNING count`;
    const count = row?.count ?? 1;
    if (count <= limit) return next();
    if (count === limit + 1) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('rate-limited') });
      else if (ctx.chat) await ctx.reply(ctx.t('rate-limited'));
    } else if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  };
}
