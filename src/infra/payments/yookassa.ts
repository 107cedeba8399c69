/**
 * YooKassa acquiring, API v3 (api.yookassa.ru/v3): cards, SBP, YooMoney wallets and the rest of the
 * shop's methods behind one redirect page.
 *
 * Protocol facts relied on (no code copied):
 * - yookassa.ru/developers/using-api/interaction-format (and /basics): endpoint
 *   https://api.yookassa.ru/v3/, HTTP Basic auth with the shop id as user and the secret key as
 *   password, JSON bodies and answers, POST requests carry an `Idempotence-Key` header (a repeated
 *   request with the same key gets the first request's result; keys up to 64 characters, kept 24 h).
 * - yookassa.ru/developers/using-api/response-handling/http-codes: 200 success, 400
 *   invalid_request, 401 invalid_credentials, 403 forbidden, 404 not_found, 429
 *   too_many_requests, 500 internal_server_error (outcome unknown: ask again).
 * - yookassa.ru/developers/payment-acceptance/getting-started/quick-start (full copy saved
 *   2026-07-02): `POST /payments` with `Idempotence-Key`, body `{ amount: { value: "100.00",
 *   currency: "RUB" }, capture: true, confirmation: { type: "redirect", return_url }, description }`
 *   (description at most 128 characters; capture true = the money is taken at once, no second
 *   step); the answer is the payment object in status `pending` whose
 *   `confirmation.confirmation_url` the payer is sent to; then `GET /payments/{id}` gives its status.
 * - yookassa.ru/developers/using-api/webhooks (full copy saved 2026-07-04, the basis of
 *   /work/shared/fixtures/yookassa.json): a notification is `{ type: "notification", event:
 *   "<object>.<status>", object: <the API object as of the event> }`, events
 *   payment.waiting_for_capture / payment.succeeded / payment.canceled / refund.succeeded (payouts,
 *   deals and payment_method.active do not concern a shop like this one). There is NO signature.
 *   The shop answers HTTP 200 (body and headers ignored); any other status is redelivered for 24
 *   hours from the event. Authenticity: "check the object's status" (fetch it and compare) or the
 *   sender IP, one of 185.71.76.0/27, 185.71.77.0/27, 77.75.153.0/25, 77.75.156.11,
 *   77.75.156.35, 77.75.154.128/25, 2a02:5180::/32.
 * - Official SDK github.com/yoomoney/yookassa-sdk-php: payment statuses pending /
 *   waiting_for_capture / succeeded / canceled (lib/Model/PaymentStatus.php); cancellation reasons,
 *   among them `expired_on_confirmation` = the payer did not confirm in time
 *   (lib/Model/CancellationDetailsReasonCode.php); the refund object `{ id, payment_id, status,
 *   amount, ... }` (lib/Model/Refund.php); and, in NotificationRefundSucceeded.php, the advice not
 *   to rely on the status in a notification but to ask the API for the object.
 *
 * So a notification is never trusted for what it says: it only names an object. The adapter asks
 * the API for that object and builds the update from the API's answer (status, amount, currency,
 * metadata). The protocol has no time stamp to go stale: a redelivery is the same event id
 * (`${event}:${object.id}`) and is recorded once; a forgery names an object the API does not know,
 * or claims a status the API does not show, and is refused with nothing recorded.
 */
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { formatMinor, isSupportedCurrency, minorDigits } from '../../core/money.js';
import type {
  Checkout,
  CheckoutRequest,
  NotificationRequest,
  ParsedNotification,
  PaymentGateway,
  PaymentState,
  PaymentUpdate,
  WebhookAnswer,
  WebhookOutcome,
} from '../../core/payments/gateway.js';

export interface YooKassaSettings {
  shopId: string;
  secretKey: string;
  /** The YooKassa API base (tests: a fake server); default https://api.yookassa.ru/v3. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
  /** How long one API call may take before it is abandoned; default 15 s. */
  timeoutMs?: number;
  /**
   * Also refuse notifications that do not come from YooKassa's published networks. Off by default:
   * the look-up at the API is what proves a notification, and the sender address is only known
   * behind a reverse proxy that appends it to X-Forwarded-For (the last entry is taken, the one
   * the proxy saw; anything before it is whatever the client claimed).
   */
  checkSenderIp?: boolean;
  /** The networks notifications may come from (CIDR or single addresses); default YooKassa's list. */
  senderNetworks?: readonly string[];
}

const DEFAULT_API_URL = 'https://api.yookassa.ru/v3';

/** yookassa.ru/developers/using-api/webhooks, "Проверка IP-адреса". */
export const YOOKASSA_SENDER_NETWORKS: readonly string[] = [
  '185.71.76.0/27',
  '185.71.77.0/27',
  '77.75.153.0/25',
  '77.75.156.11',
  '77.75.156.35',
  '77.75.154.128/25',
  '2a02:5180::/32',
];

/** Description is limited to 128 characters by the API. */
const MAX_DESCRIPTION = 128;

// YooKassa's ids are 36-character UUID-like strings; anything else never reaches a URL path.
const objectId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const amountSchema = z.object({ value: z.string(), currency: z.string().regex(/^[A-Za-z]{3}$/) });

const paymentSchema = z.object({
  id: objectId,
  status: z.string(),
  amount: amountSchema,
  refunded_amount: amountSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  confirmation: z.object({ type: z.string(), confirmation_url: z.url().optional() }).nullish(),
  cancellation_details: z.object({ party: z.string().optional(), reason: z.string().optional() }).nullish(),
});
type YooKassaPayment = z.infer<typeof paymentSchema>;

const refundSchema = z.object({
  id: objectId,
  payment_id: objectId,
  status: z.string(),
  amount: amountSchema,
  cancellation_details: z.object({ party: z.string().optional(), reason: z.string().optional() }).nullish(),
});

const envelopeSchema = z.object({
  type: z.literal('notification'),
  event: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  object: z.object({ id: objectId }),
});

/** The API answered with an error (or something we cannot read): the caller fails or retries. */
export class YooKassaApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'YooKassaApiError';
  }
}

export function createYooKassaGateway(settings: YooKassaSettings): PaymentGateway {
  const apiUrl = (settings.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const http = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? 15_000;
  const authorization = `Basic ${Buffer.from(`${settings.shopId}:${settings.secretKey}`).toString('base64')}`;
  const senders = settings.checkSenderIp ? blockListOf(settings.senderNetworks ?? YOOKASSA_SENDER_NETWORKS) : undefined;

  /** One API call; `null` for 404 (the API does not know the object), an error for anything else that is not 200. */
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    options: { body?: unknown; idempotenceKey?: string } = {},
  ): Promise<T | null> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotenceKey) headers['idempotence-key'] = options.idempotenceKey;
    const response = await http(`${apiUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status === 404) return null;
    if (response.status !== 200) {
      // The error body is `{ type: "error", id, code, description, parameter }`; no secret is echoed.
      const error = safeJson(text) as { code?: unknown; description?: unknown } | undefined;
      const code = typeof error?.code === 'string' ? error.code : undefined;
      const description = typeof error?.description === 'string' ? `: ${error.description}` : '';
      throw new YooKassaApiError(`YooKassa ${method} ${path} answered ${response.status}${code ? ` ${code}` : ''}${description}`, response.status, code);
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new YooKassaApiError(`YooKassa ${method} ${path}: unexpected answer (${parsed.error.issues[0]?.message})`, 502);
    return parsed.data;
  }

  const getPayment = (id: string) => call('GET', `/payments/${encodeURIComponent(id)}`, paymentSchema);
  const getRefund = (id: string) => call('GET', `/refunds/${encodeURIComponent(id)}`, refundSchema);

  return {
    id: 'yookassa',
    currencies: ['RUB'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      // The payment row's publicId is the idempotence key: asking again after a lost answer (or a
      // retry of a failed checkout) gets the same YooKassa payment, never a second one. YooKassa
      // has no way to end a pending payment at a time we choose, so the page may outlive the
      // reservation; a late payment is then sold from what is left or marked for refund (core).
      const created = await call('POST', '/payments', paymentSchema, {
        idempotenceKey: request.publicId,
        body: {
          amount: { value: formatMinor(request.amountMinor, request.currency), currency: request.currency },
          capture: true,
          confirmation: { type: 'redirect', return_url: settings.returnUrl },
          description: request.description.slice(0, MAX_DESCRIPTION),
          metadata: { publicId: request.publicId },
        },
      });
      if (!created) throw new YooKassaApiError('YooKassa POST /payments answered 404', 404);
      const payUrl = created.confirmation?.confirmation_url;
      if (!payUrl) throw new YooKassaApiError(`YooKassa payment ${created.id} (${created.status}) has no confirmation_url`, 502);
      return { kind: 'redirect', payUrl, providerRef: created.id };
    },

    async parseNotification(request: NotificationRequest): Promise<ParsedNotification> {
      if (senders) {
        const address = senderAddress(request.headers);
        if (!address || !isAllowed(senders, address)) {
          return { ok: false, code: 'NOT_VERIFIED', reason: `sender ${address ?? '(unknown)'} is not in YooKassa's networks` };
        }
      }
      const envelope = envelopeSchema.safeParse(safeJson(request.rawBody));
      if (!envelope.success) {
        return { ok: false, code: 'MALFORMED', reason: `not a YooKassa notification: ${envelope.error.issues[0]?.path.join('.') || 'body'} ${envelope.error.issues[0]?.message}` };
      }
      const { event, object } = envelope.data;
      const [kind, claimed] = event.split('.') as [string, string];

      if (kind === 'payment' && ['waiting_for_capture', 'succeeded', 'canceled'].includes(claimed)) {
        const payment = await getPayment(object.id);
        if (!payment) return { ok: false, code: 'NOT_VERIFIED', reason: `the API does not know payment ${object.id}` };
        if (!agrees(claimed, payment.status)) {
          return { ok: false, code: 'NOT_VERIFIED', reason: `${event} for ${object.id}, but the API says ${payment.status}` };
        }
        const state = stateOf(payment);
        if (!state) return { ok: false, code: 'NOT_VERIFIED', reason: `payment ${object.id} has an unknown status ${payment.status}` };
        return { ok: true, updates: [{ eventId: `${event}:${object.id}`, kind: event, ...describe(payment, state) }] };
      }

      if (event === 'refund.succeeded') {
        const refund = await getRefund(object.id);
        if (!refund) return { ok: false, code: 'NOT_VERIFIED', reason: `the API does not know refund ${object.id}` };
        if (refund.status !== 'succeeded') return { ok: false, code: 'NOT_VERIFIED', reason: `${event} for ${object.id}, but the API says ${refund.status}` };
        const payment = await getPayment(refund.payment_id);
        if (!payment) return { ok: false, code: 'NOT_VERIFIED', reason: `the API does not know payment ${refund.payment_id} of refund ${object.id}` };
        // Our refunded state means the whole order is undone: only a payment refunded in full
        // (from the dashboard, or by us) gets there. A partial refund is acknowledged and left to
        // the admins; the event is not recorded, so it is not held against a later full refund.
        if (!isFullyRefunded(payment)) return { ok: true, updates: [] };
        return { ok: true, updates: [{ eventId: `${event}:${object.id}`, kind: event, ...describe(payment, 'refunded') }] };
      }

      // Payouts, deals, saved payment methods: nothing this shop creates. Acknowledged, ignored.
      return { ok: true, updates: [] };
    },

    async fetchStatus(payment) {
      // Without YooKassa's id there is nothing to ask: the API finds payments by id only.
      if (!payment.providerRef) return null;
      const found = await getPayment(payment.providerRef);
      if (!found) return null;
      const ours = found.metadata?.publicId;
      if (typeof ours === 'string' && ours !== payment.publicId) {
        throw new Error(`YooKassa payment ${found.id} belongs to ${ours}, not ${payment.publicId}`);
      }
      const state = stateOf(found);
      if (!state) return null;
      return { ...describe(found, state), ref: { publicId: payment.publicId } };
    },

    async refund(payment) {
      if (!payment.providerRef) throw new Error(`payment ${payment.publicId} has no YooKassa id to refund`);
      // One refund per payment: the key makes a retried request return the refund already made.
      const refund = await call('POST', '/refunds', refundSchema, {
        idempotenceKey: `refund-${payment.publicId}`,
        body: {
          payment_id: payment.providerRef,
          amount: { value: formatMinor(payment.amountMinor, payment.currency), currency: payment.currency },
        },
      });
      if (!refund) throw new YooKassaApiError(`YooKassa does not know payment ${payment.providerRef}`, 404);
      // `pending` is accepted: YooKassa completes it (and says so with refund.succeeded).
      if (refund.status === 'canceled') {
        throw new YooKassaApiError(`YooKassa canceled refund ${refund.id}: ${refund.cancellation_details?.reason ?? 'no reason given'}`, 200, refund.cancellation_details?.reason);
      }
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      // Only 200 stops YooKassa's redeliveries (24 h). Everything recorded gets it, an ON_HOLD
      // payment too (a redelivery would only be a duplicate; the admins review the hold).
      switch (outcome) {
        case 'APPLIED':
        case 'DUPLICATE':
        case 'IGNORED':
        case 'ON_HOLD':
          return json(200, { status: 'ok', outcome });
        case 'UNKNOWN_PAYMENT':
          // Recorded, and logged; a clear error for YooKassa's delivery log. Its one redelivery
          // finds the event recorded (DUPLICATE) and gets 200.
          return json(404, { status: 'error', error: 'unknown_payment' });
        case 'REJECTED':
          // Not confirmed by the API (or a sender outside YooKassa's networks): nothing recorded.
          return json(403, { status: 'error', error: 'not_verified' });
        case 'MALFORMED':
          return json(400, { status: 'error', error: 'malformed' });
      }
    },
  };
}

/** What the API's payment object says, in our terms (amount for a success: what the payer paid). */
function describe(payment: YooKassaPayment, state: PaymentState): Omit<PaymentUpdate, 'eventId' | 'kind'> {
  const publicId = payment.metadata?.publicId;
  return {
    ref: typeof publicId === 'string' && publicId ? { publicId } : { providerRef: payment.id },
    state,
    ...(state === 'succeeded' ? toMinor(payment.amount) : {}),
    providerRef: payment.id,
  };
}

function stateOf(payment: YooKassaPayment): PaymentState | undefined {
  switch (payment.status) {
    case 'pending':
    // Paid but held for a capture we never ask for (we create payments with capture: true).
    case 'waiting_for_capture':
      return 'pending';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      // The payer let the confirmation time run out: the checkout expired. Any other reason
      // (declined, 3-D Secure failed, fraud...) is a failure; the order stays payable meanwhile.
      return payment.cancellation_details?.reason === 'expired_on_confirmation' ? 'expired' : 'failed';
    default:
      return undefined;
  }
}

/**
 * Whether the API's current status bears out the event. The same status always does; a
 * waiting_for_capture notification may genuinely arrive after the payment moved on to its final
 * status. Anything else (a success the API does not show) is not YooKassa's.
 */
function agrees(claimed: string, actual: string): boolean {
  return claimed === actual || (claimed === 'waiting_for_capture' && (actual === 'succeeded' || actual === 'canceled'));
}

function isFullyRefunded(payment: YooKassaPayment): boolean {
  if (!payment.refunded_amount) return false;
  const paid = toMinor(payment.amount);
  const refunded = toMinor(payment.refunded_amount);
  return refunded.currency === paid.currency && refunded.amountMinor >= paid.amountMinor;
}

/** "1125.00" RUB → 112500n. Exact: more decimals than the currency has is an error, not a rounding. */
export function toMinor(amount: { value: string; currency: string }): { amountMinor: bigint; currency: string } {
  const currency = amount.currency.toUpperCase();
  const digits = isSupportedCurrency(currency) ? minorDigits(currency) : 2;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.value);
  if (!match || (match[2]?.length ?? 0) > digits) throw new YooKassaApiError(`YooKassa amount "${amount.value}" ${currency} is not a ${digits}-decimal number`, 502);
  return { amountMinor: BigInt(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`), currency };
}

/** The address the reverse proxy saw: the last X-Forwarded-For entry. */
function senderAddress(headers: Record<string, string | undefined>): string | undefined {
  const hops = headers['x-forwarded-for']?.split(',').map((hop) => hop.trim()).filter(Boolean);
  const last = hops?.at(-1);
  return last?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

function blockListOf(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address, prefix] = network.split('/') as [string, string | undefined];
    const family = isIP(address);
    if (!family) throw new Error(`YooKassa sender network "${network}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isAllowed(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function json(status: number, body: unknown): WebhookAnswer {
  return { status, body: JSON.stringify(body), contentType: 'application/json' };
}
