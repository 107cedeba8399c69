/**
 * Sber online acquiring: the RBS payment gateway (made by BPC) behind securepayments.sberbank.ru
 * (test host 3dsec.sberbank.ru), through its classic REST interface.
 *
 * What this relies on (facts read, no code taken):
 * - Requests: `POST <base>/<method>.do`, application/x-www-form-urlencoded, authenticated by the
 *   merchant's API `userName` and `password`; the answer is JSON carrying `errorCode` ("0" or absent:
 *   no system error) and `errorMessage`. dev.bpcbt.com/en/integration/api/rest.html (its curl example
 *   of getOrderStatusExtended.do); securecardpayment.ru/wiki en:integration:api:rest:requests:register
 *   and :getorderstatusextended (request fields, and that dates go without a zone, in Moscow time);
 *   Sber's own API description as generated into github.com/alekciy/php-ecom-sber-sdk
 *   (docs/Model/RegisterRequest.md, GetOrderStatusExtendedResponse.md, PaymentAmountInfo.md,
 *   RefundRequest.md, and the README's errorCode and actionCode tables).
 * - register.do: orderNumber (ANS..32, unique per store: a second registration of a number is
 *   refused with errorCode 1), amount in minor units, currency (ISO 4217 numeric, 643), returnUrl,
 *   description (up to 99 characters advised), expirationDate `yyyy-MM-ddTHH:mm:ss` → orderId and
 *   formUrl (the page the payer opens).
 * - getOrderStatusExtended.do (orderId or orderNumber): orderStatus 0 registered, 1 amount held
 *   (two-phase), 2 paid in full, 3 authorization reversed, 4 refunded, 5 issuer's ACS started,
 *   6 declined; orderStatus is absent when the order is not found (errorCode 6: wrong order number).
 *   actionCode -2007: the time to pay ran out. amount, currency (numeric), paymentAmountInfo
 *   {approvedAmount, depositedAmount, refundedAmount, paymentState}.
 * - refund.do: orderId and amount in minor units.
 * - Callbacks (dev.bpcbt.com "Callback notifications", read as a markdown copy): GET (query) or POST
 *   (the same parameters as a form body); mdOrder, orderNumber, operation (approved, deposited,
 *   reversed, refunded, declinedByTimeout, bindingCreated, ...), status (1 success, 0 failure), and
 *   extras the bank may switch on. Checksum: drop `checksum` and `sign_alias`, sort the rest by name
 *   ascending, write `name;value;` for each, HMAC-SHA256 with the shared key (or an RSA signature
 *   checked with the gateway's public key: the doc's example verifies with SHA-512), upper-case hex.
 *   The gateway wants 200 OK; any other answer is repeated every 30 s, at most 3 times.
 *
 * A callback is only ever a prompt here: the state and the amount always come from
 * getOrderStatusExtended.do, asked right away. With a key configured the checksum is checked first,
 * so a forged callback is refused before anything is asked or written. Reading the state fresh
 * makes callbacks that arrive late, twice or out of order harmless, and gives the paid amount even
 * when the bank does not send `amount` in callbacks.
 */
import { createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { z } from 'zod';
import type { Checkout, CheckoutRequest, ParsedNotification, PaymentGateway, PaymentUpdate, WebhookAnswer, WebhookOutcome } from '../../core/payments/gateway.js';

export interface SberSettings {
  username: string;
  password: string;
  /** The key of the callback checksum (HMAC-SHA256); callbacks without it are verified by a status request only. */
  callbackKey?: string;
  /** The gateway's public key (PEM), when the bank signs callbacks with asymmetric cryptography. */
  callbackPublicKey?: string;
  /** The gateway base (tests: a fake server); default Sber's production. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
  /** How long one request to the gateway may take; default 15 s. */
  timeoutMs?: number;
}

export const SBER_API_URL = 'https://securepayments.sberbank.ru/payment/rest';

/** The gateway said no (errorCode other than 0), or answered something that is not its protocol. */
export class SberGatewayError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: string,
    message: string,
  ) {
    super(`Sber ${method}: ${message}`);
    this.name = 'SberGatewayError';
  }
}

const RUB_NUMERIC = '643';
const CURRENCY_OF_NUMERIC: Record<string, string> = { '643': 'RUB', '840': 'USD', '978': 'EUR' };
/** Callback operations about a payment; the rest (stored cards and such) are not ours to apply. */
const PAYMENT_OPERATIONS = new Set(['approved', 'deposited', 'reversed', 'refunded', 'declinedByTimeout']);
const ANSWER_TYPE = 'text/plain; charset=utf-8';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_HEX = /^[0-9a-fA-F]{32}$/;

/**
 * Our publicId as the gateway's orderNumber. orderNumber holds at most 32 characters and a UUID
 * has 36, so a UUID goes without its hyphens (and comes back with them: publicIdOf).
 */
export function orderNumberOf(publicId: string): string {
  if (UUID.test(publicId)) return publicId.replaceAll('-', '');
  if (publicId.length > 32) throw new Error(`Sber: a publicId of ${publicId.length} characters does not fit orderNumber (32)`);
  return publicId;
}

export function publicIdOf(orderNumber: string): string {
  if (!UUID_HEX.test(orderNumber)) return orderNumber;
  const h = orderNumber;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Dates go to the gateway without a zone, in Moscow time (UTC+3 all year since 2014). */
function moscowTime(date: Date): string {
  return new Date(date.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
}

/**
 * A callback's parameters from the body (a POST form) or a query string (a GET, passed on as the
 * body); null when it is neither, or names a parameter twice.
 */
export function parseSberCallback(rawBody: string): Record<string, string> | null {
  const text = rawBody.trim().replace(/^\?/, '');
  if (!text || text.startsWith('{') || text.startsWith('<')) return null;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (!name || Object.hasOwn(params, name)) return null;
    params[name] = value;
  }
  return params;
}

/** The string the checksum is made over: every parameter but checksum and sign_alias, by name. */
export function sberSignedString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'checksum' && name !== 'sign_alias')
    .sort()
    .map((name) => `${name};${params[name]};`)
    .join('');
}

/** Whether the callback's checksum was made with the shared key (HMAC-SHA256) or the gateway's private key (RSA, SHA-512). */
export function verifySberChecksum(params: Record<string, string>, keys: { key?: string; publicKey?: KeyObject | string }): boolean {
  const checksum = params.checksum?.trim().toUpperCase();
  if (!checksum || !/^[0-9A-F]+$/.test(checksum) || checksum.length % 2 !== 0) return false;
  const signed = Buffer.from(sberSignedString(params), 'utf8');
  if (keys.key) {
    const expected = Buffer.from(createHmac('sha256', keys.key).update(signed).digest('hex').toUpperCase(), 'latin1');
    const given = Buffer.from(checksum, 'latin1');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  if (keys.publicKey) {
    try {
      if (verify('sha512', signed, keys.publicKey, Buffer.from(checksum, 'hex'))) return true;
    } catch {
      // A signature of the wrong size for the key is simply not valid.
    }
  }
  return false;
}

const text = (max: number) => z.string().min(1).max(max);
const CallbackParams = z.object({
  mdOrder: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'mdOrder is not a gateway order id'),
  orderNumber: text(64).optional(),
  operation: z.string().regex(/^[A-Za-z]{1,40}$/, 'operation is not a word'),
  status: z.enum(['0', '1']),
});

const codeText = z.union([z.string(), z.number()]).transform(String);
const int = z.union([z.number().int(), z.string().regex(/^-?\d{1,18}$/).transform(Number)]);
const minor = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]).transform((v) => BigInt(v));

const RegisterAnswer = z.object({ errorCode: codeText.optional(), errorMessage: z.string().optional(), orderId: text(64).optional(), formUrl: z.url().optional() });
const StatusAnswer = z.object({
  errorCode: codeText.optional(),
  errorMessage: z.string().optional(),
  orderNumber: z.string().optional(),
  orderStatus: int.optional(),
  actionCode: int.optional(),
  amount: minor.optional(),
  currency: codeText.optional(),
  paymentAmountInfo: z
    .object({ approvedAmount: minor.optional(), depositedAmount: minor.optional(), refundedAmount: minor.optional(), paymentState: z.string().optional() })
    .optional(),
});
type StatusAnswer = z.infer<typeof StatusAnswer>;
const PlainAnswer = z.object({ errorCode: codeText.optional(), errorMessage: z.string().optional() });

/** What the gateway says about an order, in our terms. */
type Observed = Pick<PaymentUpdate, 'state' | 'amountMinor' | 'currency'>;

function observe(status: StatusAnswer & { orderStatus: number }): Observed {
  const info = status.paymentAmountInfo;
  // The amount actually taken: deposited (one-phase payments deposit at once), else approved,
  // else the order's registered amount, which orderStatus 2 says was authorized in full.
  const paid = [info?.depositedAmount, info?.approvedAmount].find((v) => v !== undefined && v > 0n) ?? status.amount;
  // Every order is registered in 643, so an answer without a currency means that one; any other
  // code is named as it came, and the exact-currency check holds the payment.
  const currency = CURRENCY_OF_NUMERIC[status.currency ?? RUB_NUMERIC] ?? `ISO4217:${status.currency}`;
  switch (status.orderStatus) {
    case 2:
      return { state: 'succeeded', amountMinor: paid, currency };
    case 3:
      // A reversal gives the whole authorization back.
      return { state: 'refunded' };
    case 4:
      // A partial refund (made in the bank's console) leaves the order paid: an admin settles the rest.
      if (info?.refundedAmount !== undefined && paid !== undefined && info.refundedAmount < paid) {
        return { state: 'succeeded', amountMinor: paid, currency };
      }
      return { state: 'refunded' };
    case 6:
      return { state: status.actionCode === -2007 ? 'expired' : 'failed' };
    default:
      // 0 registered, 1 held (two-phase, not used here), 5 the payer is at the issuer's 3-D Secure.
      return { state: 'pending' };
  }
}

const reject = (code: 'BAD_SIGNATURE' | 'MALFORMED' | 'NOT_VERIFIED', reason: string): ParsedNotification => ({ ok: false, code, reason });

export function createSberGateway(settings: SberSettings): PaymentGateway {
  const base = (settings.apiUrl ?? SBER_API_URL).replace(/\/+$/, '');
  const doFetch = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? 15_000;
  const publicKey = settings.callbackPublicKey ? createPublicKey(settings.callbackPublicKey) : undefined;
  const signed = Boolean(settings.callbackKey || publicKey);

  async function call<T extends z.ZodType>(method: string, params: Record<string, string>, schema: T): Promise<z.infer<T>> {
    const body = new URLSearchParams({ userName: settings.username, password: settings.password, ...params });
    const response = await doFetch(`${base}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const raw = await response.text();
    if (!response.ok) throw new SberGatewayError(method, `HTTP ${response.status}`, `HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new SberGatewayError(method, 'NOT_JSON', 'the answer is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SberGatewayError(method, 'BAD_ANSWER', `unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  const failed = (answer: { errorCode?: string }) => answer.errorCode !== undefined && answer.errorCode !== '0';

  /** The order's status at the gateway; null when the gateway does not know the order. */
  async function orderStatus(by: { orderId: string } | { orderNumber: string }) {
    const answer = await call('getOrderStatusExtended.do', by, StatusAnswer);
    if (answer.errorCode === '6') return null;
    if (failed(answer)) throw new SberGatewayError('getOrderStatusExtended.do', answer.errorCode!, answer.errorMessage ?? `errorCode ${answer.errorCode}`);
    if (answer.orderStatus === undefined) return null;
    return answer as StatusAnswer & { orderStatus: number };
  }

  return {
    id: 'sber',
    currencies: ['RUB'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (request.currency !== 'RUB') throw new Error(`Sber takes RUB only, not ${request.currency}`);
      const answer = await call(
        'register.do',
        {
          orderNumber: orderNumberOf(request.publicId),
          amount: request.amountMinor.toString(),
          currency: RUB_NUMERIC,
          returnUrl: settings.returnUrl,
          description: request.description.slice(0, 99),
          expirationDate: moscowTime(request.expiresAt),
        },
        RegisterAnswer,
      );
      // errorCode 1 is the gateway's idempotency: this orderNumber is registered already, and
      // registering it again never makes a second order. Its page address is not given again.
      if (failed(answer)) throw new SberGatewayError('register.do', answer.errorCode!, answer.errorMessage ?? `errorCode ${answer.errorCode}`);
      if (!answer.orderId || !answer.formUrl) throw new SberGatewayError('register.do', 'BAD_ANSWER', 'no orderId or formUrl in the answer');
      return { kind: 'redirect', payUrl: answer.formUrl, providerRef: answer.orderId };
    },

    async parseNotification({ rawBody }): Promise<ParsedNotification> {
      const params = parseSberCallback(rawBody);
      if (!params) return reject('MALFORMED', 'not a form of callback parameters');
      if (signed) {
        if (!params.checksum) return reject('BAD_SIGNATURE', 'no checksum');
        if (!verifySberChecksum(params, { key: settings.callbackKey, publicKey })) return reject('BAD_SIGNATURE', 'checksum does not match');
      }
      const callback = CallbackParams.safeParse(params);
      if (!callback.success) return reject('MALFORMED', callback.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const { mdOrder, orderNumber, operation, status } = callback.data;
      if (!PAYMENT_OPERATIONS.has(operation)) return { ok: true, updates: [] };

      // The look-up authenticates an unsigned callback and gives the state and amount either way.
      // A gateway that cannot be reached throws: the webhook answers 500 and the bank repeats it.
      const current = await orderStatus({ orderId: mdOrder });
      if (!current) return reject('NOT_VERIFIED', 'the gateway does not know this order');
      if (current.orderNumber && orderNumber && current.orderNumber !== orderNumber) {
        return reject('NOT_VERIFIED', 'the callback names another orderNumber than the gateway has for this order');
      }
      // Unsigned, the callback's own orderNumber proves nothing: only the gateway's is used.
      const number = current.orderNumber || (signed ? orderNumber : undefined);
      return {
        ok: true,
        updates: [
          {
            // A redelivery that finds the order as it was is a duplicate; one that finds it moved on is news.
            eventId: `${mdOrder}:${operation}:${status}:${current.orderStatus}`,
            kind: `${operation}:${status}`,
            ref: number ? { publicId: publicIdOf(number) } : { providerRef: mdOrder },
            providerRef: mdOrder,
            ...observe(current),
          },
        ],
      };
    },

    async fetchStatus(payment) {
      const current = await orderStatus(payment.providerRef ? { orderId: payment.providerRef } : { orderNumber: orderNumberOf(payment.publicId) });
      if (!current) return null;
      if (current.orderNumber && publicIdOf(current.orderNumber) !== payment.publicId) {
        throw new SberGatewayError('getOrderStatusExtended.do', 'MISMATCH', `order ${payment.providerRef} belongs to another orderNumber`);
      }
      return { ref: { publicId: payment.publicId }, ...(payment.providerRef ? { providerRef: payment.providerRef } : {}), ...observe(current) };
    },

    async refund(payment) {
      if (payment.currency !== 'RUB') throw new Error(`Sber refunds RUB only, not ${payment.currency}`);
      if (!payment.providerRef) throw new Error('Sber: the payment has no gateway order id to refund');
      // refund.do has no idempotency key: an order refunded already (a retry after a lost answer) is done.
      const current = await orderStatus({ orderId: payment.providerRef });
      if (current && observe(current).state === 'refunded') return;
      const answer = await call('refund.do', { orderId: payment.providerRef, amount: payment.amountMinor.toString() }, PlainAnswer);
      if (failed(answer)) throw new SberGatewayError('refund.do', answer.errorCode!, answer.errorMessage ?? `errorCode ${answer.errorCode}`);
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      switch (outcome) {
        case 'APPLIED':
        case 'DUPLICATE':
        case 'IGNORED':
        case 'ON_HOLD':
          // Recorded (an ON_HOLD one waits for an admin): 200 stops the gateway's repeats.
          return { status: 200, body: 'OK', contentType: ANSWER_TYPE };
        case 'UNKNOWN_PAYMENT':
          // A real gateway order we never made: said clearly; the gateway tries at most 3 more times.
          return { status: 404, body: 'unknown order', contentType: ANSWER_TYPE };
        case 'REJECTED':
          return { status: 403, body: 'checksum or order not verified', contentType: ANSWER_TYPE };
        case 'MALFORMED':
          return { status: 400, body: 'malformed callback', contentType: ANSWER_TYPE };
      }
    },
  };
}
