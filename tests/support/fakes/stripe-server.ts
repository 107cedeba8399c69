/**
 * Stripe's side of the protocol on loopback, for the adapter's tests: the API calls the adapter
 * makes (through the real `stripe` SDK over HTTP) and the webhook notifications Stripe would send.
 *
 * Written from Stripe's documents, independently of src/infra/payments/stripe.ts, so the two check
 * each other: form-encoded requests with bracketed keys, `Authorization: Bearer <secret key>`,
 * `Idempotency-Key` (first response saved and replayed; the same key with other parameters is an
 * idempotency_error), Checkout Sessions (open → complete/expired, payment_status
 * unpaid/paid, expires_at 30 min..24 h after creation), PaymentIntents, Charges and Refunds, errors
 * as `{ error: { type, code?, message, param? } }`, and events signed
 * `Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>`.
 *
 * Stricter than Stripe where that catches our mistakes: an idempotency key is required on every
 * POST, and `success_url` on a session.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from '../loopback.js';

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Json;
  headers: Record<string, string | string[] | undefined>;
  form: Json;
}

export interface StripeNotification {
  body: string;
  headers: Record<string, string>;
}

export interface FakeStripe {
  /** The API base to give the adapter (`apiUrl`). */
  url: string;
  requests: RecordedRequest[];
  sessions: Map<string, Json>;
  paymentIntents: Map<string, Json>;
  charges: Map<string, Json>;
  /** Every event the fake emitted, oldest first. */
  events: Json[];
  /** Puts a session object as it is (e.g. an official example) where GET can find it. */
  putSession(session: Json): void;
  /** The payer pays: card (immediate), or a delayed method (`async`: completed but unpaid). */
  pay(sessionId: string, options?: { async?: boolean; amountTotal?: number; currency?: string }): Json;
  asyncSucceed(sessionId: string): Json;
  asyncFail(sessionId: string): Json;
  expire(sessionId: string): Json;
  /** A refund made in the Dashboard (not through our API call); returns the charge.refunded event. */
  refundInDashboard(sessionId: string, amount?: number): Json;
  event(type: string, object: Json): Json;
  /** The notification exactly as Stripe posts it: pretty JSON and its signature header. */
  notification(event: Json, options?: { timestamp?: number; secret?: string }): StripeNotification;
  close(): Promise<void>;
}

const API_VERSION = '2026-10-28.endive';

/** The Stripe-Signature header for a payload, from the rule: HMAC-SHA256 over "<t>.<payload>", hex. */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function startFakeStripe(options: { secretKey: string; webhookSecret: string; now?: () => Date }): Promise<FakeStripe> {
  const now = options.now ?? (() => new Date());
  const seconds = () => Math.floor(now().getTime() / 1000);
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Json>();
  const paymentIntents = new Map<string, Json>();
  const charges = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const events: Json[] = [];
  const idempotent = new Map<string, { route: string; body: string; status: number; response: Json }>();
  let baseUrl = '';

  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
  const clone = <T>(value: T): T => structuredClone(value);

  function event(type: string, object: Json): Json {
    const created = {
      id: id('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: seconds(),
      data: { object: clone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(created);
    return created;
  }

  function session(sessionId: string): Json {
    const found = sessions.get(sessionId);
    if (!found) throw new Error(`fake stripe: no session ${sessionId}`);
    return found;
  }

  function createSession(form: Json): Json {
    if (form.mode !== 'payment') throw new ApiError(400, 'invalid_request_error', 'mode must be payment here', 'mode');
    const items = form.line_items;
    if (!Array.isArray(items) || items.length !== 1) throw new ApiError(400, 'invalid_request_error', 'one line item expected', 'line_items');
    const item = items[0] as Json;
    const priceData = item.price_data as Json | undefined;
    const quantity = Number(item.quantity);
    if (!priceData || !Number.isInteger(quantity) || quantity < 1) throw new ApiError(400, 'invalid_request_error', 'line item needs price_data and quantity', 'line_items[0]');
    const currency = String(priceData.currency ?? '');
    if (!/^[a-z]{3}$/.test(currency)) throw new ApiError(400, 'invalid_request_error', 'currency must be a lower-case ISO code', 'line_items[0][price_data][currency]');
    if (!/^\d+$/.test(String(priceData.unit_amount ?? ''))) {
      throw new ApiError(400, 'invalid_request_error', 'unit_amount must be a non-negative integer', 'line_items[0][price_data][unit_amount]');
    }
    const productName = (priceData.product_data as Json | undefined)?.name;
    if (typeof productName !== 'string' || !productName) throw new ApiError(400, 'invalid_request_error', 'product_data.name is required', 'line_items[0][price_data][product_data][name]');
    if (typeof form.success_url !== 'string' || !/^https?:\/\//.test(form.success_url)) throw new ApiError(400, 'invalid_request_error', 'success_url is required', 'success_url');
    const created = seconds();
    let expiresAt = created + 24 * 3600;
    if (form.expires_at !== undefined) {
      expiresAt = Number(form.expires_at);
      if (!Number.isInteger(expiresAt) || expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
        throw new ApiError(400, 'invalid_request_error', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at');
      }
    }
    const amount = Number(priceData.unit_amount) * quantity;
    const sessionId = `cs_test_${randomBytes(24).toString('hex')}`;
    const created_session: Json = {
      id: sessionId,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: form.cancel_url ?? null,
      client_reference_id: form.client_reference_id ?? null,
      created,
      currency,
      customer: null,
      customer_details: null,
      expires_at: expiresAt,
      livemode: false,
      metadata: (form.metadata as Json | undefined) ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: form.success_url,
      url: `${baseUrl}/c/pay/${sessionId}`,
      // Kept so a PaymentIntent made at payment time gets its metadata, as Stripe does.
      _payment_intent_data: (form.payment_intent_data as Json | undefined) ?? {},
    };
    sessions.set(sessionId, created_session);
    return created_session;
  }

  function publicSession(stored: Json, expand: string[]): Json {
    const { _payment_intent_data: _hidden, ...visible } = stored;
    if (expand.includes('payment_intent') && typeof visible.payment_intent === 'string') {
      visible.payment_intent = clone(paymentIntents.get(visible.payment_intent) ?? null);
    }
    return clone(visible);
  }

  function makeCharge(intent: Json): Json {
    const charge: Json = {
      id: id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      metadata: {},
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: 'succeeded',
    };
    charges.set(charge.id as string, charge);
    intent.latest_charge = charge.id;
    return charge;
  }

  function refundIntent(intentId: string, amount: number | undefined, metadata: Json): { refund: Json; event: Json } {
    const intent = paymentIntents.get(intentId);
    if (!intent) throw new ApiError(404, 'invalid_request_error', `No such payment_intent: '${intentId}'`, 'payment_intent', 'resource_missing');
    const charge = typeof intent.latest_charge === 'string' ? charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge) throw new ApiError(400, 'invalid_request_error', 'This PaymentIntent has no successful charge to refund.', 'payment_intent');
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    const refundAmount = amount ?? left;
    if (left <= 0) throw new ApiError(400, 'invalid_request_error', `Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    if (refundAmount <= 0 || refundAmount > left) throw new ApiError(400, 'invalid_request_error', 'Refund amount is greater than what is left.', 'amount');
    charge.amount_refunded = (charge.amount_refunded as number) + refundAmount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: Json = {
      id: id('re'),
      object: 'refund',
      amount: refundAmount,
      charge: charge.id,
      currency: charge.currency,
      metadata,
      payment_intent: intent.id,
      status: 'succeeded',
      created: seconds(),
    };
    refunds.set(refund.id as string, refund);
    return { refund, event: event('charge.refunded', charge) };
  }

  function authorize(req: IncomingMessage) {
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
      throw new ApiError(401, 'invalid_request_error', 'Invalid API Key provided.');
    }
  }

  /** A POST under an idempotency key: the first answer is kept and replayed; other parameters are an error. */
  function once(req: IncomingMessage, route: string, body: string, run: () => Json): { status: number; response: Json } {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key || key.length > 255) throw new ApiError(400, 'invalid_request_error', 'fake stripe: an Idempotency-Key header is required');
    const seen = idempotent.get(key);
    if (seen) {
      if (seen.route !== route || seen.body !== body) {
        throw new ApiError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
      }
      return { status: seen.status, response: seen.response };
    }
    // Run first: a request that fails validation is not saved (the endpoint never started).
    const response = run();
    idempotent.set(key, { route, body, status: 200, response: clone(response) });
    return { status: 200, response };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const form = parseForm(body);
    const query = parseForm(url.search.slice(1));
    requests.push({ method: req.method ?? '', path: url.pathname, query, headers: { ...req.headers }, form });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), 'stripe-version': API_VERSION });
      res.end(JSON.stringify(payload));
    };
    try {
      authorize(req);
      const expand = Array.isArray(query.expand) ? (query.expand as string[]) : [];
      const sessionPath = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
      const intentPath = url.pathname.match(/^\/v1\/payment_intents\/([^/]+)$/);
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const { status, response } = once(req, url.pathname, body, () => publicSession(createSession(form), []));
        return send(status, response);
      }
      if (req.method === 'GET' && sessionPath) {
        const found = sessions.get(decodeURIComponent(sessionPath[1]!));
        if (!found) throw new ApiError(404, 'invalid_request_error', `No such checkout.session: '${sessionPath[1]}'`, 'session', 'resource_missing');
        return send(200, publicSession(found, expand));
      }
      if (req.method === 'GET' && intentPath) {
        const found = paymentIntents.get(decodeURIComponent(intentPath[1]!));
        if (!found) throw new ApiError(404, 'invalid_request_error', `No such payment_intent: '${intentPath[1]}'`, 'intent', 'resource_missing');
        return send(200, clone(found));
      }
      if (req.method === 'POST' && url.pathname === '/v1/refunds') {
        const intentId = form.payment_intent;
        if (typeof intentId !== 'string' || !intentId) throw new ApiError(400, 'invalid_request_error', 'payment_intent or charge is required', 'payment_intent');
        const amount = form.amount === undefined ? undefined : Number(form.amount);
        const { status, response } = once(req, url.pathname, body, () => refundIntent(intentId, amount, (form.metadata as Json | undefined) ?? {}).refund);
        return send(status, response);
      }
      throw new ApiError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    } catch (error) {
      if (error instanceof ApiError) {
        return send(error.status, { error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}), ...(error.code ? { code: error.code } : {}) } });
      }
      return send(500, { error: { type: 'api_error', message: String(error) } });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await listenOnLoopback(server);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    sessions,
    paymentIntents,
    charges,
    events,
    putSession(stored) {
      sessions.set(String(stored.id), clone(stored));
    },
    pay(sessionId, payOptions = {}) {
      const stored = session(sessionId);
      if (stored.status !== 'open') throw new Error(`fake stripe: session ${sessionId} is ${stored.status}`);
      if (payOptions.amountTotal !== undefined) stored.amount_total = payOptions.amountTotal;
      if (payOptions.currency !== undefined) stored.currency = payOptions.currency;
      const intent: Json = {
        id: id('pi'),
        object: 'payment_intent',
        amount: stored.amount_total,
        currency: stored.currency,
        metadata: clone(((stored._payment_intent_data as Json | undefined)?.metadata as Json | undefined) ?? {}),
        status: payOptions.async ? 'processing' : 'succeeded',
        latest_charge: null,
      };
      paymentIntents.set(intent.id as string, intent);
      if (!payOptions.async) makeCharge(intent);
      stored.payment_intent = intent.id;
      stored.status = 'complete';
      stored.payment_status = payOptions.async ? 'unpaid' : 'paid';
      return event('checkout.session.completed', publicSession(stored, []));
    },
    asyncSucceed(sessionId) {
      const stored = session(sessionId);
      const intent = paymentIntents.get(String(stored.payment_intent));
      if (intent?.status !== 'processing') throw new Error(`fake stripe: session ${sessionId} has no processing payment`);
      intent.status = 'succeeded';
      makeCharge(intent);
      stored.payment_status = 'paid';
      return event('checkout.session.async_payment_succeeded', publicSession(stored, []));
    },
    asyncFail(sessionId) {
      const stored = session(sessionId);
      const intent = paymentIntents.get(String(stored.payment_intent));
      if (intent?.status !== 'processing') throw new Error(`fake stripe: session ${sessionId} has no processing payment`);
      intent.status = 'requires_payment_method';
      return event('checkout.session.async_payment_failed', publicSession(stored, []));
    },
    expire(sessionId) {
      const stored = session(sessionId);
      if (stored.status !== 'open') throw new Error(`fake stripe: session ${sessionId} is ${stored.status}`);
      stored.status = 'expired';
      stored.url = null;
      return event('checkout.session.expired', publicSession(stored, []));
    },
    refundInDashboard(sessionId, amount) {
      return refundIntent(String(session(sessionId).payment_intent), amount, {}).event;
    },
    event,
    notification(sent, notificationOptions = {}) {
      const body = JSON.stringify(sent, null, 2);
      const timestamp = notificationOptions.timestamp ?? seconds();
      return {
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': stripeSignatureHeader(body, notificationOptions.secret ?? options.webhookSecret, timestamp),
        },
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** `a[b][0][c]=v` form encoding (what Stripe's API takes) into nested objects and arrays. */
export function parseForm(encoded: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
      const slot = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = value;
        return;
      }
      container[slot] ??= nextIsIndex ? [] : {};
      node = container[slot] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}
