/**
 * Telegram's side of a Telegram Stars payment, on loopback: a Bot API server for the methods a
 * Stars sale uses, written from the Bot API's published rules (/work/shared/fixtures/telegram.json
 * `stars_rules`, `pre_checkout_query_fields`, `successful_payment_fields`) and not from the bot:
 * - sendInvoice is checked as Telegram checks a Stars invoice (currency XTR, empty provider
 *   token, exactly one price in whole Stars, payload 1-128 bytes, title 1-32 and description
 *   1-255 characters) and kept;
 * - `pay` is the payer pressing Pay: Telegram sends the bot a pre_checkout_query, takes the Stars
 *   only if the bot answered ok (answerPreCheckoutQuery, within 10 s, error_message required on a
 *   refusal), and then sends the successful_payment service message with a new charge id;
 * - refundStarPayment gives a charge back once, to the user who paid it;
 * - every other method (sendMessage, editMessageText, answerCallbackQuery ...) is recorded.
 * Updates go to the bot through `deliver` (the tests post them to POST /webhooks/telegram, as
 * Telegram does in webhook mode).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Update } from 'grammy/types';
import { listenOnLoopback } from '../loopback.js';

/** The payer as Telegram describes them in updates. */
export interface FakePayer {
  id: number;
  first_name: string;
  language_code?: string;
}

export interface FakeInvoice {
  messageId: number;
  chatId: number;
  title: string;
  description: string;
  payload: string;
  currency: string;
  amount: number;
  label: string;
}

export interface FakeCharge {
  chargeId: string;
  userId: number;
  payload: string;
  amount: number;
  refunded: boolean;
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface CheckoutResult {
  /** The bot's answer to the pre_checkout_query: ok, or the refusal Telegram shows the payer. */
  approved: boolean;
  errorMessage?: string;
  /** Whether the bot answered at all while handling the query (Telegram waits 10 s at most). */
  answered: boolean;
  /** Milliseconds from sending the query to the bot's answer. */
  answeredInMs?: number;
  /** Set when the Stars were taken: the charge, and the successful_payment update sent. */
  charge?: FakeCharge;
  successfulPayment?: Update;
}

export interface PayOptions {
  /** What the checkout says, if not the invoice's own (a forged or stale form). */
  totalAmount?: number;
  currency?: string;
  payload?: string;
  /** What successful_payment says was paid, if not what the checkout said. */
  paidAmount?: number;
  paidCurrency?: string;
}

export interface FakeTelegram {
  /** The Bot API root to give the bot (`apiRoot`). */
  url: string;
  token: string;
  calls: ApiCall[];
  invoices: FakeInvoice[];
  charges: Map<string, FakeCharge>;
  /** The updates Telegram sent the bot through `pay`. */
  delivered: Update[];
  /** The payer presses Pay on an invoice. */
  pay(invoice: Pick<FakeInvoice, 'payload' | 'amount' | 'currency'>, payer: FakePayer, options?: PayOptions): Promise<CheckoutResult>;
  /** A successful_payment for a charge Telegram made (e.g. to deliver it again, or a second one). */
  successfulPaymentUpdate(charge: FakeCharge, payer: FakePayer, paid?: { amount?: number; currency?: string }): Update;
  /** Takes Stars for a payload without asking the bot (a charge the bot never saw approved). */
  charge(payload: string, payer: FakePayer, amount: number): FakeCharge;
  /** The refunded_payment service message Telegram sends after a refund. */
  refundedPaymentUpdate(charge: FakeCharge, payer: FakePayer): Update;
  /** Texts sent to a chat (sendMessage), in order. */
  textsTo(chatId: number): string[];
  callsOf(method: string): ApiCall[];
  close(): Promise<void>;
}

interface PendingQuery {
  sentAt: number;
  answer?: { ok: boolean; errorMessage?: string; at: number };
}

const READ_LIMIT = 1 << 20;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > READ_LIMIT) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class BadRequest extends Error {}

export async function startFakeTelegram(options: { token: string; deliver: (update: Update) => Promise<unknown> }): Promise<FakeTelegram> {
  const calls: ApiCall[] = [];
  const invoices: FakeInvoice[] = [];
  const charges = new Map<string, FakeCharge>();
  const queries = new Map<string, PendingQuery>();
  const delivered: Update[] = [];
  const send = (update: Update) => {
    delivered.push(update);
    return options.deliver(update);
  };
  let messageId = 5000;
  let updateId = 900_000;
  let queryId = 1;

  const now = () => Math.floor(Date.now() / 1000);
  const chars = (value: unknown) => (typeof value === 'string' ? [...value].length : -1);

  function message(chatId: unknown, extra: Record<string, unknown>) {
    return { message_id: ++messageId, date: now(), chat: { id: chatId, type: 'private', first_name: 'Buyer' }, ...extra };
  }

  function sendInvoice(p: Record<string, unknown>) {
    if (typeof p.chat_id !== 'number' && typeof p.chat_id !== 'string') throw new BadRequest('Bad Request: chat_id is empty');
    const title = chars(p.title);
    if (title < 1 || title > 32) throw new BadRequest('Bad Request: title must be 1-32 characters');
    const description = chars(p.description);
    if (description < 1 || description > 255) throw new BadRequest('Bad Request: description must be 1-255 characters');
    const payloadBytes = typeof p.payload === 'string' ? Buffer.byteLength(p.payload) : 0;
    if (payloadBytes < 1 || payloadBytes > 128) throw new BadRequest('Bad Request: payload must be 1-128 bytes');
    if (p.currency !== 'XTR') throw new BadRequest('Bad Request: this fake sells Stars only: currency must be XTR');
    if (p.provider_token !== undefined && p.provider_token !== '') throw new BadRequest('Bad Request: provider_token must be empty for Stars');
    const prices = p.prices;
    if (!Array.isArray(prices) || prices.length !== 1) throw new BadRequest('Bad Request: Stars invoices need exactly one price');
    const [price] = prices as { label?: unknown; amount?: unknown }[];
    if (typeof price?.label !== 'string' || price.label.length === 0) throw new BadRequest('Bad Request: price label is empty');
    if (!Number.isInteger(price.amount) || (price.amount as number) < 1) throw new BadRequest('Bad Request: Stars amounts are whole and at least 1');
    const sent = message(p.chat_id, {
      invoice: { title: p.title, description: p.description, start_parameter: '', currency: 'XTR', total_amount: price.amount },
    });
    invoices.push({
      messageId: sent.message_id,
      chatId: Number(p.chat_id),
      title: p.title as string,
      description: p.description as string,
      payload: p.payload as string,
      currency: 'XTR',
      amount: price.amount as number,
      label: price.label,
    });
    return sent;
  }

  function answerPreCheckoutQuery(p: Record<string, unknown>) {
    const query = queries.get(String(p.pre_checkout_query_id));
    if (!query) throw new BadRequest('Bad Request: QUERY_ID_INVALID');
    if (query.answer) throw new BadRequest('Bad Request: query is already answered');
    if (typeof p.ok !== 'boolean') throw new BadRequest('Bad Request: ok is required');
    if (!p.ok && (typeof p.error_message !== 'string' || p.error_message.length === 0)) throw new BadRequest('Bad Request: ERROR_TEXT_EMPTY');
    query.answer = { ok: p.ok, ...(p.ok ? {} : { errorMessage: p.error_message as string }), at: performance.now() };
    return true;
  }

  function refundStarPayment(p: Record<string, unknown>) {
    const charge = charges.get(String(p.telegram_payment_charge_id));
    if (!charge) throw new BadRequest('Bad Request: CHARGE_NOT_FOUND');
    if (charge.userId !== Number(p.user_id)) throw new BadRequest('Bad Request: USER_ID_INVALID');
    if (charge.refunded) throw new BadRequest('Bad Request: CHARGE_ALREADY_REFUNDED');
    charge.refunded = true;
    return true;
  }

  function answer(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'sendInvoice':
        return sendInvoice(p);
      case 'answerPreCheckoutQuery':
        return answerPreCheckoutQuery(p);
      case 'refundStarPayment':
        return refundStarPayment(p);
      case 'sendMessage':
        return message(p.chat_id, { text: p.text });
      case 'editMessageText':
        return message(p.chat_id, { message_id: p.message_id, text: p.text });
      default:
        return true;
    }
  }

  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (match[1] !== options.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const text = await readBody(request);
      const payload = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const method = match[2]!;
      calls.push({ method, payload });
      return reply(200, { ok: true, result: answer(method, payload) });
    } catch (error) {
      if (error instanceof BadRequest) return reply(400, { ok: false, error_code: 400, description: error.message });
      return reply(500, { ok: false, error_code: 500, description: String(error) });
    }
  });
  const port = await listenOnLoopback(server);

  function newCharge(payload: string, payer: FakePayer, amount: number): FakeCharge {
    // Telegram's charge ids are opaque strings; these look the part and never repeat.
    const charge = { chargeId: `stxFAKE${randomBytes(12).toString('base64url')}`, userId: payer.id, payload, amount, refunded: false };
    charges.set(charge.chargeId, charge);
    return charge;
  }

  function successfulPaymentUpdate(charge: FakeCharge, payer: FakePayer, paid: { amount?: number; currency?: string } = {}): Update {
    return {
      update_id: ++updateId,
      message: {
        message_id: ++messageId,
        date: now(),
        chat: { id: payer.id, type: 'private', first_name: payer.first_name },
        from: { ...payer, is_bot: false },
        successful_payment: {
          currency: paid.currency ?? 'XTR',
          total_amount: paid.amount ?? charge.amount,
          invoice_payload: charge.payload,
          telegram_payment_charge_id: charge.chargeId,
          provider_payment_charge_id: '',
        },
      },
    } as Update;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    calls,
    invoices,
    charges,
    delivered,

    async pay(invoice, payer, opts = {}) {
      const id = `pcq${queryId++}`;
      const query: PendingQuery = { sentAt: performance.now() };
      queries.set(id, query);
      const currency = opts.currency ?? invoice.currency;
      const totalAmount = opts.totalAmount ?? invoice.amount;
      const payload = opts.payload ?? invoice.payload;
      await send({
        update_id: ++updateId,
        pre_checkout_query: { id, from: { ...payer, is_bot: false }, currency, total_amount: totalAmount, invoice_payload: payload },
      } as Update);
      const given = query.answer;
      if (!given) return { approved: false, answered: false };
      const answeredInMs = given.at - query.sentAt;
      // Telegram gives up on a checkout the bot did not answer within 10 seconds.
      if (!given.ok || answeredInMs > 10_000) {
        return { approved: false, answered: true, answeredInMs, ...(given.errorMessage ? { errorMessage: given.errorMessage } : {}) };
      }
      const charge = newCharge(payload, payer, opts.paidAmount ?? totalAmount);
      const successfulPayment = successfulPaymentUpdate(charge, payer, { amount: opts.paidAmount ?? totalAmount, currency: opts.paidCurrency ?? currency });
      await send(successfulPayment);
      return { approved: true, answered: true, answeredInMs, charge, successfulPayment };
    },

    successfulPaymentUpdate,

    charge: newCharge,

    refundedPaymentUpdate(charge, payer) {
      return {
        update_id: ++updateId,
        message: {
          message_id: ++messageId,
          date: now(),
          chat: { id: payer.id, type: 'private', first_name: payer.first_name },
          from: { ...payer, is_bot: false },
          refunded_payment: { currency: 'XTR', total_amount: charge.amount, invoice_payload: charge.payload, telegram_payment_charge_id: charge.chargeId },
        },
      } as Update;
    },

    textsTo(chatId) {
      return calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
    },

    callsOf(method) {
      return calls.filter((c) => c.method === method);
    },

    close() {
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
