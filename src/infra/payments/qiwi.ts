/**
 * QIWI P2P bills ("API P2P-счетов", api.qiwi.com/partner/bill/v1). QIWI Bank lost its licence in
 * 2024 and the service is gone; the adapter stays for completeness and is off unless
 * QIWI_SECRET_KEY and QIWI_SITE_ID are set.
 *
 * Protocol facts relied on (no code copied):
 * - github.com/QIWI-API/p2p-payments-docs, p2p-payments_{en,ru}.html.md (archived 2024-07-25):
 *   `PUT /partner/bill/v1/bills/{billId}` with `Authorization: Bearer SECRET_KEY`, JSON
 *   `{ amount: { currency, value }, expirationDateTime (with a time-zone offset), comment
 *   String(255), customer?, customFields? }`; billId is ours (letters, digits, `_`, `-`, up to 200);
 *   the answer carries `payUrl`; errors are JSON `{ errorCode, description, ... }` (e.g.
 *   `api.invoice.not.found`, `auth.unauthorized`). `GET` on the same URL gives the bill's status:
 *   WAITING (not final), PAID, REJECTED, EXPIRED (final). `successUrl` may be appended to payUrl.
 *   Notifications: POST JSON `{ bill: {...}, version }`, header `X-Api-Signature-SHA256` =
 *   HMAC-SHA256(secret key, `{amount.currency}|{amount.value}|{billId}|{siteId}|{status.value}`);
 *   answer HTTP 200 `{"error":"0"}` (application/json); any other status is a temporary error and
 *   is retried with a growing interval for 24 hours; a notification may come more than once even
 *   after a 200. The notification carries no time stamp that is signed, so there is no staleness
 *   check: a replay is the same event and is recorded once.
 * - The amount is signed with two decimals: the docs' own example (amount `1`, secret
 *   `test-merchant-secret-for-signature-check`) verifies only as `RUB|1.00|test_bill|test|PAID`
 *   (/work/shared/fixtures/qiwi.json); QIWI's SDKs format the value to two places before signing
 *   (bill-payments-node-js-sdk `toFixed(2)`, bill-payments-dotnet-sdk test value "1.00").
 * - Refunds: github.com/QIWI-API/bill-payments-docs (QIWI Checkout API, same bills API):
 *   `PUT /partner/bill/v1/bills/{billId}/refunds/{refundId}` with `{ amount: { currency, value } }`,
 *   refundId ours, answer `{ amount, datetime, refundId, status: PARTIAL | FULL }`. The P2P docs do
 *   not list refunds and the node SDK says they are "not available for individuals": a P2P
 *   account may refuse them, and the admin then sees PROVIDER_FAILED.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Checkout, CheckoutRequest, NotificationRequest, ParsedNotification, PaymentGateway, PaymentState, PaymentUpdate, WebhookAnswer, WebhookOutcome } from '../../core/payments/gateway.js';
import { formatMinor } from '../../core/money.js';

export interface QiwiSettings {
  secretKey: string;
  siteId: string;
  /** The P2P API base (tests: a fake server); default https://api.qiwi.com. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
  /** How long one API call may take before it is abandoned; default 15 s. */
  timeoutMs?: number;
}

const DEFAULT_API_URL = 'https://api.qiwi.com';
const BILLS_PATH = '/partner/bill/v1/bills';

const STATE_OF: Record<string, PaymentState> = {
  WAITING: 'pending',
  PAID: 'succeeded',
  REJECTED: 'failed',
  EXPIRED: 'expired',
};

const amountSchema = z.object({
  value: z.union([z.string(), z.number()]),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
});

/** The bill as QIWI describes it in notifications and in the bills API's answers. */
const billSchema = z.object({
  billId: z.string().min(1).max(200),
  siteId: z.union([z.string(), z.number()]).transform(String),
  amount: amountSchema,
  status: z.object({ value: z.string().min(1) }),
  payUrl: z.string().optional(),
});
type Bill = z.infer<typeof billSchema>;

const notificationSchema = z.object({ bill: billSchema });

const refundSchema = z.object({
  refundId: z.string().optional(),
  amount: amountSchema,
  status: z.string(),
});

const errorSchema = z.object({ errorCode: z.string().optional(), description: z.string().optional() });

export class QiwiApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'QiwiApiError';
  }
}

/**
 * A QIWI amount as the exact decimal string that is signed: two places, as QIWI formats it. The
 * value is read as written in the body (a JSON string as is, a JSON number through its shortest
 * decimal form, which is exact for amounts of at most two places); more than two places is not an
 * amount QIWI sends ("rounded down to two decimals") and is refused rather than guessed at.
 */
export function qiwiAmountString(value: string | number): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return `${BigInt(match[1]!).toString()}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** "1125.00" → 112500n (both currencies QIWI takes, RUB and KZT, have two minor digits). */
function minorOf(amount: string): bigint {
  return BigInt(amount.replace('.', ''));
}

/** The string QIWI signs, from the notification's values as strings. */
export function qiwiSignedString(bill: { currency: string; value: string; billId: string; siteId: string; status: string }): string {
  return [bill.currency, bill.value, bill.billId, bill.siteId, bill.status].join('|');
}

/** The header's HMAC as bytes: hex as the SDKs compare it; base64 of the same 32 bytes is taken too. */
function signatureBytes(header: string | undefined): Buffer | null {
  if (!header) return null;
  const value = header.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64');
  return null;
}

/** `2026-01-15T12:30:00+00:00`: QIWI wants the due date with an explicit offset. */
function qiwiDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

const ANSWERS: Record<WebhookOutcome, WebhookAnswer> = {
  // 200 {"error":"0"} is the only answer that stops QIWI's retries; give it once the
  // notification is recorded, whatever the record says.
  APPLIED: { status: 200, body: '{"error":"0"}' },
  DUPLICATE: { status: 200, body: '{"error":"0"}' },
  IGNORED: { status: 200, body: '{"error":"0"}' },
  ON_HOLD: { status: 200, body: '{"error":"0"}' },
  // The protocol has no "permanent refusal": any other answer is a temporary error retried for
  // 24 hours, which cannot make a bill we never issued known. It is recorded as UNKNOWN_PAYMENT
  // and logged; QIWI is told to stop.
  UNKNOWN_PAYMENT: { status: 200, body: '{"error":"0"}' },
  // Not signed by QIWI with our key (or not for our site): refused, nothing recorded.
  REJECTED: { status: 401, body: '{"error":"401","message":"bad signature"}' },
  MALFORMED: { status: 400, body: '{"error":"400","message":"malformed notification"}' },
};

export function createQiwiGateway(settings: QiwiSettings): PaymentGateway {
  const apiUrl = (settings.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const doFetch = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? 15_000;
  const billUrl = (billId: string) => `${apiUrl}${BILLS_PATH}/${encodeURIComponent(billId)}`;

  async function call(method: 'GET' | 'PUT', url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await doFetch(url, {
      method,
      headers: {
        authorization: `Bearer ${settings.secretKey}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  function apiError(what: string, status: number, json: unknown): QiwiApiError {
    const parsed = errorSchema.safeParse(json);
    const code = parsed.success ? parsed.data.errorCode : undefined;
    const description = parsed.success ? parsed.data.description : undefined;
    return new QiwiApiError(status, code, `QIWI ${what}: HTTP ${status}${code ? ` ${code}` : ''}${description ? ` (${description})` : ''}`);
  }

  async function getBill(billId: string): Promise<Bill | null> {
    const { status, json } = await call('GET', billUrl(billId));
    const error = errorSchema.safeParse(json);
    if (status === 404 || (error.success && error.data.errorCode === 'api.invoice.not.found')) return null;
    if (status < 200 || status >= 300) throw apiError('bill status', status, json);
    const bill = billSchema.safeParse(json);
    if (!bill.success) throw new Error(`QIWI bill status: unexpected answer (${bill.error.issues[0]?.message})`);
    return bill.data;
  }

  function withSuccessUrl(payUrl: string): string {
    const url = new URL(payUrl);
    url.searchParams.set('successUrl', settings.returnUrl);
    return url.toString();
  }

  /** Our bill at QIWI is the one we asked for: same amount, same currency. */
  function isOurs(bill: Bill, value: string, currency: string): boolean {
    return qiwiAmountString(bill.amount.value) === value && bill.amount.currency.toUpperCase() === currency;
  }

  return {
    id: 'qiwi',
    currencies: ['RUB'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const currency = request.currency.toUpperCase();
      if (currency !== 'RUB') throw new Error(`QIWI takes RUB here, not ${request.currency}`);
      if (request.amountMinor <= 0n) throw new Error('QIWI bill amount must be positive');
      const value = formatMinor(request.amountMinor, currency);
      // The billId is our publicId, in the URL of a PUT: asking again for the same payment names
      // the same bill, never a second one.
      const { status, json } = await call('PUT', billUrl(request.publicId), {
        amount: { currency, value },
        comment: request.description.slice(0, 255),
        expirationDateTime: qiwiDateTime(request.expiresAt),
      });
      let bill: Bill | null = null;
      if (status >= 200 && status < 300) {
        const parsed = billSchema.safeParse(json);
        if (!parsed.success) throw new Error(`QIWI create bill: unexpected answer (${parsed.error.issues[0]?.message})`);
        bill = parsed.data;
      } else if (status >= 400 && status < 500 && status !== 401 && status !== 403) {
        // A repeated PUT of a bill that exists may be refused; the bill itself is still good if it
        // is ours and open (the docs do not say how a repeated PUT is answered).
        const existing = await getBill(request.publicId);
        if (existing?.status.value !== 'WAITING' || !isOurs(existing, value, currency)) throw apiError('create bill', status, json);
        bill = existing;
      } else {
        throw apiError('create bill', status, json);
      }
      if (!isOurs(bill, value, currency)) throw new Error(`QIWI create bill: the bill is for ${JSON.stringify(bill.amount)}, not ${value} ${currency}`);
      if (!bill.payUrl) throw new Error('QIWI create bill: no payUrl in the answer');
      return { kind: 'redirect', payUrl: withSuccessUrl(bill.payUrl) };
    },

    async parseNotification(request: NotificationRequest): Promise<ParsedNotification> {
      const given = signatureBytes(request.headers['x-api-signature-sha256']);
      if (!given) return { ok: false, code: 'BAD_SIGNATURE', reason: 'no usable X-Api-Signature-SHA256 header' };
      let body: unknown;
      try {
        body = JSON.parse(request.rawBody);
      } catch {
        return { ok: false, code: 'MALFORMED', reason: 'the body is not JSON' };
      }
      const parsed = notificationSchema.safeParse(body);
      if (!parsed.success) return { ok: false, code: 'MALFORMED', reason: `not a QIWI bill notification (${parsed.error.issues[0]?.path.join('.')})` };
      const { bill } = parsed.data;
      const value = qiwiAmountString(bill.amount.value);
      if (value === null) return { ok: false, code: 'MALFORMED', reason: 'amount.value is not an amount with at most two decimals' };

      const signed = qiwiSignedString({ currency: bill.amount.currency, value, billId: bill.billId, siteId: bill.siteId, status: bill.status.value });
      const expected = createHmac('sha256', Buffer.from(settings.secretKey, 'utf8')).update(signed, 'utf8').digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, code: 'BAD_SIGNATURE', reason: 'X-Api-Signature-SHA256 does not match' };
      }
      // Signed with our key but for another site: not ours to apply.
      if (bill.siteId !== settings.siteId) return { ok: false, code: 'NOT_VERIFIED', reason: `siteId ${bill.siteId} is not ours` };

      const state = STATE_OF[bill.status.value];
      if (!state) return { ok: false, code: 'MALFORMED', reason: `unknown bill status ${bill.status.value}` };
      const update: PaymentUpdate = {
        // A bill has one notification per status (WAITING, then one final): redeliveries repeat it.
        eventId: `${bill.billId}:${bill.status.value}`,
        kind: `bill.${bill.status.value}`,
        ref: { publicId: bill.billId },
        state,
        ...(state === 'succeeded' ? { amountMinor: minorOf(value), currency: bill.amount.currency.toUpperCase() } : {}),
      };
      return { ok: true, updates: [update] };
    },

    async fetchStatus(payment) {
      const bill = await getBill(payment.publicId);
      if (!bill) return null;
      const state = STATE_OF[bill.status.value];
      if (!state) throw new Error(`QIWI bill status: unknown status ${bill.status.value}`);
      if (state !== 'succeeded') return { ref: { publicId: payment.publicId }, state };
      const value = qiwiAmountString(bill.amount.value);
      if (value === null) throw new Error(`QIWI bill status: unreadable amount ${JSON.stringify(bill.amount.value)}`);
      return { ref: { publicId: payment.publicId }, state, amountMinor: minorOf(value), currency: bill.amount.currency.toUpperCase() };
    },

    async refund(payment) {
      const currency = payment.currency.toUpperCase();
      const value = formatMinor(payment.amountMinor, currency);
      // One full refund per bill, named after it: a retried refund is the same refund, not a second.
      const refundId = payment.publicId;
      const { status, json } = await call('PUT', `${billUrl(payment.publicId)}/refunds/${encodeURIComponent(refundId)}`, { amount: { currency, value } });
      if (status < 200 || status >= 300) throw apiError('refund', status, json);
      const refund = refundSchema.safeParse(json);
      if (!refund.success) throw new Error(`QIWI refund: unexpected answer (${refund.error.issues[0]?.message})`);
      if (qiwiAmountString(refund.data.amount.value) !== value) throw new Error(`QIWI refund: refunded ${JSON.stringify(refund.data.amount)}, not ${value} ${currency}`);
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      return { ...ANSWERS[outcome], contentType: 'application/json' };
    },
  };
}
