/**
 * YooKassa's side of the protocol on loopback, for the adapter's integration tests: the payments
 * and refunds endpoints of API v3 with HTTP Basic auth and Idempotence-Key semantics, levers that
 * make a payment paid / canceled / expired / refunded as YooKassa would, and the notifications
 * YooKassa would then send. Written from the published protocol (see the adapter's header for the
 * sources), independently of the adapter, so the two check each other:
 * - every request needs `Authorization: Basic base64(shopId:secretKey)` (else 401
 *   invalid_credentials); every POST needs `Idempotence-Key` of at most 64 characters and a JSON
 *   body (else 400 invalid_request / 415); errors are `{ type: "error", id, code, description,
 *   parameter? }`; an unknown id is 404 not_found.
 * - the same Idempotence-Key on the same endpoint returns the first request's result (the same
 *   object, created once). A different body under a used key is refused with 400 here: the docs
 *   only promise the replay, the fake is stricter so a bug that reuses keys shows.
 * - a notification is `{ type: "notification", event: "<object>.<status>", object }`, JSON, no
 *   signature; it carries the object as it is when the event happens.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../loopback.js';

export interface Amount {
  value: string;
  currency: string;
}

export interface YkPayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: Amount;
  confirmation?: { type: string; confirmation_url?: string };
  created_at: string;
  captured_at?: string;
  description?: string;
  metadata: Record<string, string>;
  recipient?: { account_id: string; gateway_id: string };
  income_amount?: Amount;
  refunded_amount?: Amount;
  cancellation_details?: { party: string; reason: string };
  payment_method?: Record<string, unknown>;
  refundable: boolean;
  test: boolean;
  [field: string]: unknown;
}

export interface YkRefund {
  id: string;
  payment_id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  amount: Amount;
  created_at: string;
  description?: string;
  cancellation_details?: { party: string; reason: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface Notification {
  body: string;
  headers: Record<string, string>;
}

/** A sender address inside YooKassa's published networks (185.71.76.0/27). */
export const YOOKASSA_SENDER = '185.71.76.10';

export interface FakeYooKassa {
  apiUrl: string;
  shopId: string;
  secretKey: string;
  payments: Map<string, YkPayment>;
  refunds: Map<string, YkRefund>;
  requests: RecordedRequest[];
  /** Answer every API call with 500 (YooKassa down). */
  down: boolean;
  /** Refunds asked through the API come back canceled with this reason. */
  refuseRefunds?: string;
  /** Puts an object in the store exactly as given (an official example, a payment made elsewhere). */
  seed(payment: YkPayment): YkPayment;
  /** The payer pays: succeeded (waiting_for_capture when created with capture false). `amount` overrides what was paid. */
  pay(id: string, options?: { amount?: Amount }): YkPayment;
  /** The payment is canceled with a reason (default general_decline: the bank declined). */
  cancel(id: string, reason?: string): YkPayment;
  /** The payer never confirmed: canceled with expired_on_confirmation. */
  expire(id: string): YkPayment;
  /** A refund made in YooKassa's dashboard (default: the rest of the amount). */
  refund(paymentId: string, value?: string): YkRefund;
  /** The notification YooKassa sends for an event about a stored object; `edit` tampers with a copy. */
  notification(event: string, objectId: string, options?: { from?: string; edit?: (object: Record<string, unknown>) => void }): Notification;
  close(): Promise<void>;
}

export async function startFakeYooKassa(options: { shopId?: string; secretKey?: string } = {}): Promise<FakeYooKassa> {
  const shopId = options.shopId ?? '100500';
  const secretKey = options.secretKey ?? 'test_Fh8hUAVVBGUGbjmlzba6TB0iyUbos_lueTHE-axOwM0';
  const expectedAuth = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
  const payments = new Map<string, YkPayment>();
  const refunds = new Map<string, YkRefund>();
  const requests: RecordedRequest[] = [];
  const idempotence = new Map<string, { body: string; status: number; answer: unknown }>();

  const now = () => new Date().toISOString();
  const newId = () => randomUUID();
  const cents = (value: string) => BigInt(value.replace('.', ''));
  const money = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;

  function get(id: string): YkPayment {
    const payment = payments.get(id);
    if (!payment) throw new Error(`the fake YooKassa has no payment ${id}`);
    return payment;
  }

  function createPayment(body: Record<string, unknown>): [number, unknown] {
    const amount = body.amount as Partial<Amount> | undefined;
    if (!amount || typeof amount.value !== 'string' || !/^\d+\.\d{2}$/.test(amount.value) || cents(amount.value) <= 0n) {
      return invalid('amount.value', 'amount.value must be a positive decimal string with two places');
    }
    if (amount.currency !== 'RUB') return invalid('amount.currency', 'this shop takes RUB');
    const confirmation = body.confirmation as { type?: unknown; return_url?: unknown } | undefined;
    if (confirmation?.type !== 'redirect' || typeof confirmation.return_url !== 'string') {
      return invalid('confirmation', 'confirmation { type: "redirect", return_url } is required for a redirect payment');
    }
    if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 128)) {
      return invalid('description', 'description is a string of at most 128 characters');
    }
    const metadata = (body.metadata ?? {}) as Record<string, unknown>;
    if (typeof metadata !== 'object' || Object.values(metadata).some((v) => typeof v !== 'string')) {
      return invalid('metadata', 'metadata values are strings');
    }
    const id = newId();
    const payment: YkPayment = {
      id,
      status: 'pending',
      paid: false,
      amount: { value: amount.value, currency: amount.currency },
      confirmation: { type: 'redirect', confirmation_url: `https://yoomoney.ru/api-pages/v2/payment-confirm/epl?orderId=${id}` },
      created_at: now(),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      metadata: metadata as Record<string, string>,
      recipient: { account_id: shopId, gateway_id: '100700' },
      refundable: false,
      test: true,
      capture: body.capture === true,
    };
    payments.set(id, payment);
    return [200, strip(payment)];
  }

  function createRefund(body: Record<string, unknown>): [number, unknown] {
    const paymentId = body.payment_id;
    if (typeof paymentId !== 'string') return invalid('payment_id', 'payment_id is required');
    const payment = payments.get(paymentId);
    if (!payment) return [404, error('not_found', `payment ${paymentId} not found`)];
    const amount = body.amount as Partial<Amount> | undefined;
    if (!amount || typeof amount.value !== 'string' || !/^\d+\.\d{2}$/.test(amount.value)) return invalid('amount.value', 'amount.value is required');
    if (amount.currency !== payment.amount.currency) return invalid('amount.currency', 'the refund is in the payment currency');
    if (payment.status !== 'succeeded') return invalid('payment_id', `payment is ${payment.status}, not succeeded`);
    const refunded = cents(payment.refunded_amount?.value ?? '0.00');
    if (refunded + cents(amount.value) > cents(payment.amount.value)) return invalid('amount', 'more than what is left to refund');
    if (fake.refuseRefunds) {
      const refund: YkRefund = { id: newId(), payment_id: paymentId, status: 'canceled', amount: { value: amount.value, currency: amount.currency }, created_at: now(), cancellation_details: { party: 'yoo_money', reason: fake.refuseRefunds } };
      refunds.set(refund.id, refund);
      return [200, refund];
    }
    return [200, makeRefund(payment, amount.value)];
  }

  function makeRefund(payment: YkPayment, value: string): YkRefund {
    const refund: YkRefund = { id: newId(), payment_id: payment.id, status: 'succeeded', amount: { value, currency: payment.amount.currency }, created_at: now() };
    refunds.set(refund.id, refund);
    const total = cents(payment.refunded_amount?.value ?? '0.00') + cents(value);
    payment.refunded_amount = { value: money(total), currency: payment.amount.currency };
    payment.refundable = total < cents(payment.amount.value);
    return refund;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    requests.push({ method: req.method ?? '', path, headers, body });
    const send = ([status, answer]: [number, unknown]) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    };

    if (fake.down) return send([500, error('internal_server_error', 'technical problems at YooKassa')]);
    if (headers.authorization !== expectedAuth) return send([401, error('invalid_credentials', 'wrong shop id or secret key')]);

    const paymentMatch = /^\/v3\/payments\/([^/]+)$/.exec(path);
    const refundMatch = /^\/v3\/refunds\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && paymentMatch) {
      const payment = payments.get(decodeURIComponent(paymentMatch[1]!));
      return send(payment ? [200, strip(payment)] : [404, error('not_found', 'payment not found')]);
    }
    if (req.method === 'GET' && refundMatch) {
      const refund = refunds.get(decodeURIComponent(refundMatch[1]!));
      return send(refund ? [200, refund] : [404, error('not_found', 'refund not found')]);
    }
    if (req.method !== 'POST' || (path !== '/v3/payments' && path !== '/v3/refunds')) {
      return send([path === '/v3/payments' || path === '/v3/refunds' ? 405 : 404, error('not_found', `no ${req.method} ${path}`)]);
    }

    const key = headers['idempotence-key'];
    if (!key) return send(invalid('Idempotence-Key', 'the Idempotence-Key header is required'));
    if (key.length > 64) return send(invalid('Idempotence-Key', 'Idempotence-Key is at most 64 characters'));
    if (!headers['content-type']?.startsWith('application/json')) return send([415, error('invalid_request', 'content type must be application/json')]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(invalid('body', 'the body is not JSON'));
    }
    if (!parsed || typeof parsed !== 'object') return send(invalid('body', 'the body is not a JSON object'));

    const slot = `${path} ${key}`;
    const seen = idempotence.get(slot);
    if (seen) {
      if (JSON.stringify(JSON.parse(seen.body)) !== JSON.stringify(parsed)) {
        return send(invalid('Idempotence-Key', 'this Idempotence-Key was used with other parameters'));
      }
      return send([seen.status, seen.answer]);
    }
    const result = path === '/v3/payments' ? createPayment(parsed as Record<string, unknown>) : createRefund(parsed as Record<string, unknown>);
    // Only what was executed is kept for replay; a refused request can be corrected and sent again.
    if (result[0] === 200) idempotence.set(slot, { body, status: result[0], answer: result[1] });
    return send(result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(error('internal_server_error', String(err))));
    });
  });
  const port = await listenOnLoopback(server);

  const fake: FakeYooKassa = {
    apiUrl: `http://127.0.0.1:${port}/v3`,
    shopId,
    secretKey,
    payments,
    refunds,
    requests,
    down: false,

    seed(payment) {
      const copy = structuredClone(payment);
      payments.set(copy.id, copy);
      return copy;
    },

    pay(id, opts = {}) {
      const payment = get(id);
      if (payment.status !== 'pending') throw new Error(`payment ${id} is ${payment.status}, it cannot be paid`);
      if (opts.amount) payment.amount = { ...opts.amount };
      const captured = payment.capture !== false;
      payment.status = captured ? 'succeeded' : 'waiting_for_capture';
      payment.paid = true;
      payment.payment_method = { type: 'bank_card', id: payment.id, saved: false, title: 'Bank card *4444', card: { first6: '555555', last4: '4444', expiry_month: '07', expiry_year: '2030', card_type: 'MasterCard' } };
      if (captured) {
        payment.captured_at = now();
        payment.income_amount = { value: money((cents(payment.amount.value) * 965n) / 1000n), currency: payment.amount.currency };
        payment.refunded_amount = { value: '0.00', currency: payment.amount.currency };
        payment.refundable = true;
      }
      delete payment.confirmation;
      return payment;
    },

    cancel(id, reason = 'general_decline') {
      const payment = get(id);
      if (payment.status !== 'pending' && payment.status !== 'waiting_for_capture') throw new Error(`payment ${id} is ${payment.status}, it cannot be canceled`);
      payment.status = 'canceled';
      payment.paid = false;
      payment.cancellation_details = { party: reason === 'expired_on_confirmation' ? 'yoo_money' : 'payment_network', reason };
      delete payment.confirmation;
      return payment;
    },

    expire(id) {
      return fake.cancel(id, 'expired_on_confirmation');
    },

    refund(paymentId, value) {
      const payment = get(paymentId);
      if (payment.status !== 'succeeded') throw new Error(`payment ${paymentId} is ${payment.status}, nothing to refund`);
      const left = cents(payment.amount.value) - cents(payment.refunded_amount?.value ?? '0.00');
      return makeRefund(payment, value ?? money(left));
    },

    notification(event, objectId, opts = {}) {
      const stored = event.startsWith('refund.') ? refunds.get(objectId) : payments.get(objectId);
      if (!stored) throw new Error(`the fake YooKassa has no object ${objectId} for ${event}`);
      const object = structuredClone(event.startsWith('refund.') ? stored : strip(stored as YkPayment)) as Record<string, unknown>;
      opts.edit?.(object);
      return {
        body: JSON.stringify({ type: 'notification', event, object }),
        // As the app sees it behind its reverse proxy, which appends the sender's address.
        headers: { 'content-type': 'application/json', 'x-forwarded-for': opts.from ?? YOOKASSA_SENDER },
      };
    },

    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  return fake;
}

/** The API object as YooKassa shows it (the fake's own bookkeeping removed). */
function strip(payment: YkPayment): Omit<YkPayment, 'capture'> {
  const { capture: _capture, ...shown } = payment;
  return shown;
}

function error(code: string, description: string, parameter?: string) {
  return { type: 'error', id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) };
}

function invalid(parameter: string, description: string): [number, unknown] {
  return [400, error('invalid_request', description, parameter)];
}
