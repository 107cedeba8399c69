import type { Composer } from 'grammy';
import { z } from 'zod';
import type { BotContext } from './context.js';

/**
 * Callback data, built and parsed in one place: `<id>` or `<id>:<arg>:<arg>`, at most 64 bytes
 * (Telegram's limit). Each button kind declares its arguments as a zod tuple of strings; a button
 * whose data does not parse (an old keyboard, a forged query) is answered as out of date.
 */
export interface CallbackKind<A extends readonly unknown[]> {
  id: string;
  pattern: RegExp;
  build(...args: A): string;
  parse(data: string): A | undefined;
}

export function defineCallback<S extends z.ZodTuple>(id: string, args: S): CallbackKind<z.output<S>> {
  if (!/^[a-z][a-z0-9.]*$/.test(id)) throw new Error(`bad callback id ${id}`);
  return {
    id,
    pattern: new RegExp(`^${id.replace(/\./g, '\\.')}(?::|$)`),
    build(...values) {
      const data = [id, ...values.map(String)].join(':');
      if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`);
      return data;
    },
    parse(data) {
      const [head, ...rest] = data.split(':');
      if (head !== id) return undefined;
      const parsed = args.safeParse(rest);
      return parsed.success ? parsed.data : undefined;
    },
  };
}

/** Whole numbers as they appear in callback data: digits only, no sign, no leading zeros. */
export const idArg = z.string().regex(/^[1-9]\d{0,9}$/).transform(Number);
export const pageArg = z.string().regex(/^[1-9]\d{0,4}$/).transform(Number);
export const bigintArg = z.string().regex(/^[1-9]\d{0,17}$/).transform(BigInt);

/**
 * Registers a handler for one button kind: the callback query is always answered (by the handler
 * or here), and data that does not parse gets the "out of date" notice instead of the handler.
 */
export function onCallback<A extends readonly unknown[]>(
  composer: Composer<BotContext>,
  kind: CallbackKind<A>,
  handler: (ctx: BotContext, ...args: A) => Promise<unknown>,
): void {
  composer.callbackQuery(kind.pattern, async (ctx) => {
    const args = kind.parse(ctx.callbackQuery.data);
    if (!args) {
      await ctx.answerCallbackQuery({ text: ctx.t('stale-button') });
      return;
    }
    // Telegram refuses a second answer: note whether the handler gave one, and answer if not.
    let answered = false;
    const answer = ctx.answerCallbackQuery.bind(ctx);
    ctx.answerCallbackQuery = (...params) => {
      answered = true;
      return answer(...params);
    };
    await handler(ctx, ...args);
    if (!answered) await answer();
  });
}

// The buttons every feature reaches: the main menu and its entries.
export const cb = {
  menu: defineCallback('menu', z.tuple([])),
  buy: defineCallback('buy', z.tuple([])),
  balance: defineCallback('bal', z.tuple([])),
  purchases: defineCallback('buys', z.tuple([pageArg])),
  referrals: defineCallback('ref', z.tuple([])),
  profile: defineCallback('prof', z.tuple([])),
  wallet: defineCallback('wal', z.tuple([])),
  page: defineCallback('page', z.tuple([z.enum(['help', 'about', 'terms', 'faq'])])),
  admin: defineCallback('adm', z.tuple([])),
};
