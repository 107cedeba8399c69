/**
 * QIWI's side of the P2P bills API, on loopback, written from the published docs
 * (QIWI-API/p2p-payments-docs; refunds from QIWI-API/bill-payments-docs) and not from the
 * adapter: bill creation (PUT), status (GET), refunds (PUT .../refunds/{refundId}), the payer's
 * actions (pay, reject, let expire), and the notification exactly as QIWI posts it, signed here
 * with its own code so the adapter's verification is checked against an independent signer.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from '../loopback.js';

export type FakeBillStatus = 'WAITING' | 'PAID' | 'REJECTED' | 'EXPIRED';

export interface FakeBill {
  billId: string;
  siteId: string;
  amount: { currency: string; value: string };
  status: { value: FakeBillStatus; changedDateTime: string };
  customer: Record<string, string>;
  customFields: Record<string, string>;
  comment?: string;
  creationDateTime: string;
  expirationDateTime: string;
  payUrl: string;
  refunds: FakeRefund[];
}

export interface FakeRefund {
  refundId: string;
  amount: { currency: string; value: string };
  datetime: string;
  status: 'PARTIAL' | 'FULL';
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Reply {
  status: number;
  json: unknown;
}

export interface NotificationOptions {
  /** The amount as it appears in the body: a string ("1125.00") or a JSON number (1125). */
  value?: string | number;
  currency?: string;
  status?: string;
  siteId?: string;
  /** Sign with another key (a forger's). */
  secretKey?: string;
  /** Change the body after it was signed (a tamperer's). */
  tamper?: (body: Record<string, unknown>) => void;
}

export interface FakeQiwiNotification {
  body: string;
  headers: Record<string, string>;
}

export interface FakeQiwi {
  /** The API base to give the adapter as apiUrl. */
  url: string;
  secretKey: string;
  siteId: string;
  bills: Map<string, FakeBill>;
  requests: RecordedRequest[];
  /** How a second PUT of an existing bill is answered: the bill again (default), or a 4xx error. */
  repeatPut: 'return-existing' | 'refuse';
  /** Refunds off, as for an individual's P2P account. */
  refundsDisabled: boolean;
  /** The next create answers with this body instead of the bill (a fixture's response, say). */
  nextCreateBody: unknown;
  /** The payer pays the bill (QIWI moves it to PAID); no notification is sent until a test posts one. */
  pay(billId: string): FakeBill;
  reject(billId: string): FakeBill;
  expire(billId: string): FakeBill;
  /** The notification QIWI would POST for the bill now (or with the given changes). */
  notification(billId: string, options?: NotificationOptions): FakeQiwiNotification;
  close(): Promise<void>;
}

/** HMAC-SHA256 over `currency|value|billId|siteId|status`, the value with two decimals. */
export function qiwiSignature(secretKey: string, fields: { currency: string; value: string | number; billId: string; siteId: string; status: string }): string {
  const value = Number(fields.value).toFixed(2);
  const text = `${fields.currency}|${value}|${fields.billId}|${fields.siteId}|${fields.status}`;
  return createHmac('sha256', secretKey).update(text, 'utf8').digest('hex');
}

const BILL_PATH = /^\/partner\/bill\/v1\/bills\/([^/]+)$/;
const REFUND_PATH = /^\/partner\/bill\/v1\/bills\/([^/]+)\/refunds\/([^/]+)$/;
const BILL_ID = /^[A-Za-z0-9_-]{1,200}$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const DATE_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2})$/;

function qiwiNow(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

function cents(value: string): number {
  return Math.round(Number(value) * 100);
}

export async function startFakeQiwi(options: { secretKey: string; siteId: string }): Promise<FakeQiwi> {
  const bills = new Map<string, FakeBill>();
  const requests: RecordedRequest[] = [];

  const fake: FakeQiwi = {
    url: '',
    secretKey: options.secretKey,
    siteId: options.siteId,
    bills,
    requests,
    repeatPut: 'return-existing',
    refundsDisabled: false,
    nextCreateBody: undefined,
    pay: (billId) => move(billId, 'PAID'),
    reject: (billId) => move(billId, 'REJECTED'),
    expire: (billId) => move(billId, 'EXPIRED'),
    notification(billId, notify = {}) {
      const bill = bills.get(billId);
      if (!bill) throw new Error(`fake QIWI: no bill ${billId}`);
      const currency = notify.currency ?? bill.amount.currency;
      const value = notify.value ?? bill.amount.value;
      const status = notify.status ?? bill.status.value;
      const siteId = notify.siteId ?? bill.siteId;
      const body: Record<string, unknown> = {
        bill: {
          siteId,
          billId,
          amount: { value, currency },
          status: { value: status, changedDateTime: bill.status.changedDateTime },
          customer: bill.customer,
          customFields: bill.customFields,
          ...(bill.comment === undefined ? {} : { comment: bill.comment }),
          creationDateTime: bill.creationDateTime,
          expirationDateTime: bill.expirationDateTime,
        },
        version: '1',
      };
      const signature = qiwiSignature(notify.secretKey ?? options.secretKey, { currency, value, billId, siteId, status });
      notify.tamper?.(body);
      return {
        body: JSON.stringify(body),
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-api-signature-sha256': signature },
      };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  function move(billId: string, status: FakeBillStatus): FakeBill {
    const bill = bills.get(billId);
    if (!bill) throw new Error(`fake QIWI: no bill ${billId}`);
    if (bill.status.value !== 'WAITING') throw new Error(`fake QIWI: bill ${billId} is ${bill.status.value}, final`);
    bill.status = { value: status, changedDateTime: qiwiNow() };
    return bill;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      let reply: Reply;
      try {
        reply = route(req, body);
      } catch (error) {
        reply = fail(500, 'internal.error', String(error));
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    });
  });

  const send = (status: number, json: unknown): Reply => ({ status, json });

  /** QIWI's error body: `{ serviceName, errorCode, description, userMessage, dateTime, traceId }`. */
  const fail = (status: number, errorCode: string, description: string): Reply =>
    send(status, { serviceName: 'invoicing-api', errorCode, description, userMessage: description, dateTime: qiwiNow(), traceId: 'fake' });

  function billView(bill: FakeBill) {
    const { refunds: _refunds, ...view } = bill;
    return view;
  }

  function route(req: IncomingMessage, body: string): Reply {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) return fail(401, 'auth.unauthorized', 'Неверные аутентификационные данные');
    if (!String(req.headers.accept ?? '').includes('application/json')) return fail(406, 'http.media.type.not.acceptable', 'Неверный тип данных');

    const refundMatch = REFUND_PATH.exec(path);
    if (refundMatch && req.method === 'PUT') return refund(req, decodeURIComponent(refundMatch[1]!), decodeURIComponent(refundMatch[2]!), body);
    const billMatch = BILL_PATH.exec(path);
    if (billMatch && req.method === 'PUT') return create(req, decodeURIComponent(billMatch[1]!), body);
    if (billMatch && req.method === 'GET') {
      const bill = bills.get(decodeURIComponent(billMatch[1]!));
      return bill ? send(200, billView(bill)) : fail(404, 'api.invoice.not.found', 'Invoice not found');
    }
    return fail(404, 'http.url.not.found', 'Ресурс не найден');
  }

  function parseJson(req: IncomingMessage, body: string): Record<string, unknown> | null {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return null;
    try {
      const json: unknown = JSON.parse(body);
      return json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  function readAmount(json: Record<string, unknown>): { currency: string; value: string } | null {
    const amount = json.amount as { currency?: unknown; value?: unknown } | undefined;
    if (!amount || typeof amount !== 'object') return null;
    const value = typeof amount.value === 'number' ? amount.value.toFixed(2) : amount.value;
    if (typeof value !== 'string' || !AMOUNT.test(value) || Number(value) <= 0) return null;
    if (amount.currency !== 'RUB' && amount.currency !== 'KZT') return null;
    return { currency: amount.currency, value: Number(value).toFixed(2) };
  }

  function create(req: IncomingMessage, billId: string, body: string): Reply {
    if (!BILL_ID.test(billId)) return fail(400, 'validation.error', 'billId: letters, digits, _ and - only');
    const json = parseJson(req, body);
    if (!json) return fail(400, 'http.message.conversion.failed', 'Bad request');
    const amount = readAmount(json);
    if (!amount) return fail(400, 'validation.error', 'amount: currency RUB or KZT and a positive value with at most two decimals');
    const expiration = json.expirationDateTime;
    if (typeof expiration !== 'string' || !DATE_WITH_ZONE.test(expiration)) return fail(400, 'validation.error', 'expirationDateTime: with a time zone');
    if (json.comment !== undefined && (typeof json.comment !== 'string' || json.comment.length > 255)) return fail(400, 'validation.error', 'comment: String(255)');

    const existing = bills.get(billId);
    if (existing) {
      const same = existing.amount.currency === amount.currency && existing.amount.value === amount.value;
      if (fake.repeatPut === 'refuse' || !same) return fail(400, 'validation.error', 'A bill with this billId exists');
      return send(200, billView(existing));
    }
    const now = qiwiNow();
    const bill: FakeBill = {
      billId,
      siteId: options.siteId,
      amount,
      status: { value: 'WAITING', changedDateTime: now },
      customer: {},
      customFields: (json.customFields as Record<string, string> | undefined) ?? {},
      ...(typeof json.comment === 'string' ? { comment: json.comment } : {}),
      creationDateTime: now,
      expirationDateTime: expiration,
      payUrl: `https://oplata.qiwi.com/form/?invoice_uid=${billId}`,
      refunds: [],
    };
    bills.set(billId, bill);
    if (fake.nextCreateBody !== undefined) {
      const canned = fake.nextCreateBody;
      fake.nextCreateBody = undefined;
      return send(200, canned);
    }
    return send(200, billView(bill));
  }

  function refund(req: IncomingMessage, billId: string, refundId: string, body: string): Reply {
    if (fake.refundsDisabled) return fail(403, 'refund.not.available', 'Refunds are not available for this account');
    const bill = bills.get(billId);
    if (!bill) return fail(404, 'api.invoice.not.found', 'Invoice not found');
    const done = bill.refunds.find((r) => r.refundId === refundId);
    if (done) return send(200, done);
    if (bill.status.value !== 'PAID') return fail(400, 'refund.incorrect.status', 'The bill is not paid');
    const json = parseJson(req, body);
    if (!json) return fail(400, 'http.message.conversion.failed', 'Bad request');
    const amount = readAmount(json);
    const refunded = bill.refunds.reduce((sum, r) => sum + cents(r.amount.value), 0);
    if (!amount || amount.currency !== bill.amount.currency || cents(amount.value) + refunded > cents(bill.amount.value)) {
      return fail(400, 'refund.incorrect.amount', 'Неверная сумма возврата');
    }
    const status = cents(amount.value) + refunded === cents(bill.amount.value) ? 'FULL' : 'PARTIAL';
    const made: FakeRefund = { refundId, amount, datetime: qiwiNow(), status };
    bill.refunds.push(made);
    return send(200, made);
  }

  await listenOnLoopback(server);
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
