import { type Bot, type Context, GrammyError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { type CreateBotOptions, createBot } from '../../src/bot/bot.js';
import type { BotContext, BotDeps } from '../../src/bot/context.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { silentLogger } from '../../src/infra/logger.js';
import { TEST_RATES } from './factories.js';

export const BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: 'Market',
  username: 'market_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A Telegram user as updates carry it. */
export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export function tgUser(id: number, extra: Partial<TgUser> = {}): TgUser {
  return { id, first_name: `User${id}`, language_code: 'en', ...extra };
}

/**
 * The real bot (createBot) with every Bot API call recorded and answered locally: nothing leaves
 * the process. `send*` feed it updates through handleUpdate, as Telegram would.
 */
export class BotHarness {
  readonly bot: Bot<BotContext>;
  readonly calls: ApiCall[] = [];
  private updateId = 1;
  private messageId = 100;
  /** Per method: a function that decides the result (or throws to simulate an API error). */
  readonly responders = new Map<string, (payload: Record<string, unknown>) => unknown>();

  /** Flood control is off unless `botOptions.rateLimit` asks for it: the tests' clock stands still. */
  constructor(core: CoreDeps, options: Partial<BotDeps> = {}, botOptions: CreateBotOptions = {}) {
    this.bot = createBot(
      '4242:TEST-token-for-the-harness-0000000',
      { core, payments: { ...core, gateways: new Map(), rates: fixedRates(TEST_RATES) }, logger: silentLogger, adminIds: [], tokenId: 1, ...options },
      { botInfo: BOT_INFO, autoRetry: false, rateLimit: false, ...botOptions },
    );
    this.bot.api.config.use(async (_prev, method, payload) => {
      const call = { method, payload: payload as Record<string, unknown> };
      this.calls.push(call);
      const responder = this.responders.get(method);
      const result = responder ? responder(call.payload) : this.defaultResult(method, call.payload);
      return { ok: true, result } as never;
    });
    routeConversationCalls(this.bot);
  }


  private defaultResult(method: string, payload: Record<string, unknown>): unknown {
    if (method.startsWith('send') || method === 'editMessageText' || method === 'editMessageCaption' || method === 'editMessageMedia') {
      return {
        message_id: (payload.message_id as number | undefined) ?? ++this.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: payload.chat_id, type: 'private', first_name: 'x' },
        text: payload.text ?? payload.caption,
      };
    }
    if (method === 'getFile') return { file_id: payload.file_id, file_unique_id: 'u', file_size: 1000, file_path: 'photos/x.jpg' };
    if (method === 'getUserProfilePhotos') return { total_count: 0, photos: [] };
    return true;
  }

  /** Calls since `from` (an index into calls), or all. */
  since(from = 0): ApiCall[] {
    return this.calls.slice(from);
  }

  /** The text of the last message sent or edited (sendMessage, editMessageText, captions). */
  lastText(): string {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const p = this.calls[i]!.payload;
      if (typeof p.text === 'string' && this.calls[i]!.method !== 'answerCallbackQuery') return p.text;
      if (typeof p.caption === 'string') return p.caption;
    }
    return '';
  }

  /** Every inline button (text and callback data) of the last message that had a keyboard. */
  lastButtons(): { text: string; data?: string; url?: string }[] {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const markup = this.calls[i]!.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined;
      if (markup?.inline_keyboard) return markup.inline_keyboard.flat().map((b) => ({ text: b.text, data: b.callback_data, url: b.url }));
    }
    return [];
  }

  /** Callback data of the last keyboard's button whose text contains `label`. */
  button(label: string | RegExp): string {
    const found = this.lastButtons().find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)));
    if (!found?.data) throw new Error(`no button ${label} in ${JSON.stringify(this.lastButtons())}`);
    return found.data;
  }

  async send(update: Omit<Update, 'update_id'>): Promise<ApiCall[]> {
    const start = this.calls.length;
    await this.bot.handleUpdate({ update_id: this.updateId++, ...update } as Update);
    return this.since(start);
  }

  sendText(from: TgUser, text: string): Promise<ApiCall[]> {
    const command = /^\/\w+/.exec(text)?.[0];
    return this.sendMessage(from, { text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) });
  }

  sendMessage(from: TgUser, message: Record<string, unknown>): Promise<ApiCall[]> {
    return this.send({
      message: {
        message_id: ++this.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from: { ...from, is_bot: false },
        ...message,
      },
    } as Omit<Update, 'update_id'>);
  }

  press(from: TgUser, data: string, messageId = 1): Promise<ApiCall[]> {
    return this.send({
      callback_query: {
        id: String(this.updateId * 1000),
        from: { ...from, is_bot: false },
        chat_instance: 'ci',
        data,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: from.id, type: 'private', first_name: from.first_name },
          text: 'previous screen',
        },
      },
    } as Omit<Update, 'update_id'>);
  }
}

/** Every callback query in `calls` got exactly one answer. */
export function answers(calls: ApiCall[]): ApiCall[] {
  return calls.filter((c) => c.method === 'answerCallbackQuery');
}

/**
 * Conversations build a fresh Api for every replayed update from the bot's client options, not
 * its transformers, so their calls would miss a recorder installed on `bot.api` and go to the
 * network. A `fetch` in the client options hands each such call back to `bot.api`, where it is
 * recorded and answered like any other. It sits below the conversation's replay log, so a call is
 * recorded once, when it is made, not again on every replay.
 */
export function routeConversationCalls<C extends Context>(bot: Bot<C>): void {
  const options = bot.api.options;
  if (!options) throw new Error('the bot has no client options object to extend');
  const raw = bot.api.raw as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
  (options as { fetch?: unknown }).fetch = async (url: unknown, init?: { body?: unknown }) => {
    const method = String(url).split('/').pop() ?? '';
    const payload: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    let answer: unknown;
    try {
      answer = { ok: true, result: await raw[method]!(payload) };
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      answer = { ok: false, error_code: error.error_code, description: error.description };
    }
    return { json: async () => answer };
  };
}
