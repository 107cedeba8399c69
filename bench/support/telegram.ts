/**
 * Telegram without the network, for benches: a recording transformer that answers every Bot API
 * call in-process (what tests/support/bot.ts's BotHarness does, without its per-call helpers), the
 * same hook for the Api objects conversations build, and update builders. One recorder is shared
 * by the real bot and the empty-handler ceiling, so both pay the same for an outgoing call.
 */
import { routeConversationCalls } from '../../tests/support/bot.js';
import type { Bot, Context, Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';

export const BENCH_TOKEN = '4242:BENCH-token-for-the-recorder-00000000';

export const BENCH_BOT_INFO = {
  id: 4242,
  is_bot: true,
  first_name: 'Market',
  username: 'market_bench_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/** Records every outgoing call and answers it like Telegram would, with a plausible result. */
export class Recorder {
  calls: RecordedCall[] = [];
  private messageId = 1_000;

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    this.calls.push(call);
    return { ok: true, result: this.result(method, call.payload) } as never;
  };

  /** The calls recorded so far; the recorder starts a new list. */
  take(): RecordedCall[] {
    const calls = this.calls;
    this.calls = [];
    return calls;
  }

  private result(method: string, payload: Record<string, unknown>): unknown {
    if (method.startsWith('send') || method.startsWith('editMessage')) {
      return {
        message_id: (payload.message_id as number | undefined) ?? ++this.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: payload.chat_id, type: 'private', first_name: 'x' },
        text: payload.text ?? payload.caption,
      };
    }
    return true;
  }
}

/**
 * Installs the recorder on a bot, and routes the calls of the Api objects @grammyjs/conversations
 * builds for every replayed update back to it (the test harness's routeConversationCalls).
 */
export function recordCalls<C extends Context>(bot: Bot<C>, recorder: Recorder): void {
  bot.api.config.use(recorder.transformer);
  routeConversationCalls(bot);
}

/** Builds updates with increasing ids, as Telegram would send them to one bot. */
export class Updates {
  private updateId = 1;
  private messageId = 100;

  text(userId: number, text: string): Update {
    const command = /^\/\w+/.exec(text)?.[0];
    return {
      update_id: this.updateId++,
      message: {
        message_id: ++this.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private', first_name: `User${userId}` },
        from: { id: userId, is_bot: false, first_name: `User${userId}`, language_code: 'en' },
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
      },
    } as Update;
  }

  /** A button press under an earlier text message of the bot (so screens edit it). */
  press(userId: number, data: string): Update {
    const id = this.updateId++;
    return {
      update_id: id,
      callback_query: {
        id: `cq${id}`,
        from: { id: userId, is_bot: false, first_name: `User${userId}`, language_code: 'en' },
        chat_instance: 'ci',
        data,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: userId, type: 'private', first_name: `User${userId}` },
          text: 'previous screen',
        },
      },
    } as Update;
  }
}

/** Callback data of every inline button in a call's reply markup. */
export function buttonData(call: RecordedCall): string[] {
  const markup = call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}
