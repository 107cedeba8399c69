/**
 * Sber's side of online acquiring (the RBS gateway's classic REST interface) on loopback, written
 * from the published protocol and not from the adapter: register.do, getOrderStatusExtended.do and
 * refund.do as form POSTs checked for the merchant's login and the required fields, the payer's and
 * the bank's actions (pay, decline, let expire, reverse, refund), and callbacks built and signed
 * here with this file's own code (`name;value;` pairs sorted by name, HMAC-SHA256, upper-case hex),
 * so the adapter's verification is checked against an independent signer.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from '../loopback.js';

export interface FakeSberOrder {
  orderId: string;
  orderNumber: string;
  /** Registered amount, minor units. */
  amount: number;
  /** ISO 4217 numeric. */
  currency: string;
  description: string;
  returnUrl: string;
  expirationDate: string | undefined;
  orderStatus: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  actionCode: number;
  approvedAmount: number;
  depositedAmount: number;
  refundedAmount: number;
  /** The currency the operation went through in, when a test forces one. */
  paidCurrency?: string;
}

export interface RecordedSberRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  params: Record<string, string>;
}

export interface CallbackOptions {
  /** Sign with this key instead of the fake's own; null: send no checksum at all. */
  key?: string | null;
  /** Further parameters the bank may be set up to send (amount, callbackCreationDate, ...). */
  extra?: Record<string, string>;
  /** Change the parameters after signing (a tamperer's hand). */
  tamper?: (params: Record<string, string>) => void;
}

export interface FakeSber {
  /** The API base to give the adapter as apiUrl. */
  url: string;
  username: string;
  password: string;
  orders: Map<string, FakeSberOrder>;
  requests: RecordedSberRequest[];
  /** While set, every API request is answered with this HTTP status (an outage). */
  outage: number | undefined;
  byNumber(orderNumber: string): FakeSberOrder | undefined;
  /** An order registered at the gateway some other way (another shop on the same account). */
  addOrder(order: Partial<FakeSberOrder> & { orderNumber: string; amount: number }): FakeSberOrder;
  /** The payer pays on the gateway's page (one-phase: deposited at once); amount or currency may be forced. */
  pay(orderId: string, options?: { amount?: number; currency?: string }): FakeSberOrder;
  /** The issuer declines the payment (insufficient funds). */
  decline(orderId: string): FakeSberOrder;
  /** The time to pay runs out. */
  expire(orderId: string): FakeSberOrder;
  /** The merchant cancels the payment in the bank's console. */
  reverse(orderId: string): FakeSberOrder;
  /** The merchant refunds in the bank's console. */
  refund(orderId: string, amount?: number): FakeSberOrder;
  /** The callback body the gateway would POST now for the order. */
  callback(orderId: string, operation: string, status: 0 | 1, options?: CallbackOptions): string;
  close(): Promise<void>;
}

/** The checksum as the documentation defines it, written independently of the adapter. */
export function signSberCallback(params: Record<string, string>, key: string): string {
  let signed = '';
  const names = Object.keys(params).filter((name) => !['checksum', 'sign_alias'].includes(name));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) signed += `${name};${params[name]};`;
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(signed, 'utf8').digest('hex').toUpperCase();
}

const ANS = /^[\x20-\x7e]+$/;

export async function startFakeSber(options: { username?: string; password?: string; callbackKey?: string } = {}): Promise<FakeSber> {
  const username = options.username ?? 'market-api';
  const password = options.password ?? 'market-password';
  const orders = new Map<string, FakeSberOrder>();
  const requests: RecordedSberRequest[] = [];
  let origin = '';

  const find = (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) throw new Error(`fake Sber: no order ${orderId}`);
    return order;
  };
  const byNumber = (orderNumber: string) => [...orders.values()].find((o) => o.orderNumber === orderNumber);

  function register(p: Record<string, string>) {
    if (!p.orderNumber) return { errorCode: '4', errorMessage: 'Номер заказа не может быть пуст' };
    if (p.orderNumber.length > 32 || !ANS.test(p.orderNumber)) return { errorCode: '4', errorMessage: 'Неверный номер заказа' };
    if (!p.amount || !/^\d{1,12}$/.test(p.amount)) return { errorCode: '4', errorMessage: 'Неверная сумма' };
    if (!p.returnUrl || p.returnUrl.length > 512) return { errorCode: '4', errorMessage: 'Не указан returnUrl' };
    if (p.currency !== undefined && p.currency !== '643') return { errorCode: '3', errorMessage: `Не найдена валюта с кодом: ${p.currency}` };
    if (p.expirationDate !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(p.expirationDate)) {
      return { errorCode: '4', errorMessage: 'Неверный формат expirationDate' };
    }
    if (byNumber(p.orderNumber)) return { errorCode: '1', errorMessage: 'Заказ с таким номером уже обработан' };
    const order = addOrder({
      orderNumber: p.orderNumber,
      amount: Number(p.amount),
      currency: p.currency ?? '643',
      description: p.description ?? '',
      returnUrl: p.returnUrl,
      expirationDate: p.expirationDate,
    });
    return { orderId: order.orderId, formUrl: `${origin}/payment/merchants/test/payment_ru.html?mdOrder=${order.orderId}` };
  }

  function status(p: Record<string, string>) {
    const order = p.orderId ? orders.get(p.orderId) : p.orderNumber ? byNumber(p.orderNumber) : undefined;
    if (!order) return { errorCode: '6', errorMessage: 'Заказ не найден' };
    const paymentState = ['CREATED', 'APPROVED', 'DEPOSITED', 'REVERSED', 'REFUNDED', 'CREATED', 'DECLINED'][order.orderStatus];
    return {
      errorCode: '0',
      errorMessage: 'Успешно',
      orderNumber: order.orderNumber,
      orderStatus: order.orderStatus,
      actionCode: order.actionCode,
      actionCodeDescription: '',
      amount: order.amount,
      currency: order.paidCurrency ?? order.currency,
      date: 1_768_478_400_000,
      orderDescription: order.description,
      paymentAmountInfo: {
        approvedAmount: order.approvedAmount,
        depositedAmount: order.depositedAmount,
        refundedAmount: order.refundedAmount,
        paymentState,
      },
    };
  }

  function refundRequest(p: Record<string, string>) {
    const order = p.orderId ? orders.get(p.orderId) : undefined;
    if (!order) return { errorCode: '6', errorMessage: 'Заказ не найден' };
    if (!p.amount || !/^\d{1,12}$/.test(p.amount)) return { errorCode: '4', errorMessage: 'Неверная сумма' };
    if (order.orderStatus !== 2 && order.orderStatus !== 4) return { errorCode: '7', errorMessage: 'Не найдена успешная платежная операция' };
    if (order.refundedAmount + Number(p.amount) > order.depositedAmount) return { errorCode: '7', errorMessage: 'Общая сумма возвратов превышает сумму заказа' };
    order.refundedAmount += Number(p.amount);
    order.orderStatus = 4;
    return { errorCode: '0', errorMessage: 'Успешно' };
  }

  function addOrder(order: Partial<FakeSberOrder> & { orderNumber: string; amount: number }): FakeSberOrder {
    const full: FakeSberOrder = {
      orderId: randomUUID(),
      currency: '643',
      description: '',
      returnUrl: 'https://shop.example/return',
      expirationDate: undefined,
      orderStatus: 0,
      actionCode: -100,
      approvedAmount: 0,
      depositedAmount: 0,
      refundedAmount: 0,
      ...order,
    };
    orders.set(full.orderId, full);
    return full;
  }

  const routes: Record<string, (p: Record<string, string>) => object> = {
    '/payment/rest/register.do': register,
    '/payment/rest/getOrderStatusExtended.do': status,
    '/payment/rest/refund.do': refundRequest,
  };

  const fake: FakeSber = {
    url: '',
    username,
    password,
    orders,
    requests,
    outage: undefined,
    byNumber,
    addOrder,
    pay(orderId, opts = {}) {
      const order = find(orderId);
      const amount = opts.amount ?? order.amount;
      Object.assign(order, { orderStatus: 2, actionCode: 0, approvedAmount: amount, depositedAmount: amount });
      if (opts.currency) order.paidCurrency = opts.currency;
      return order;
    },
    decline(orderId) {
      return Object.assign(find(orderId), { orderStatus: 6, actionCode: 116 });
    },
    expire(orderId) {
      return Object.assign(find(orderId), { orderStatus: 6, actionCode: -2007 });
    },
    reverse(orderId) {
      return Object.assign(find(orderId), { orderStatus: 3 });
    },
    refund(orderId, amount) {
      const order = find(orderId);
      order.refundedAmount += amount ?? order.depositedAmount - order.refundedAmount;
      order.orderStatus = 4;
      return order;
    },
    callback(orderId, operation, callbackStatus, opts = {}) {
      const order = find(orderId);
      // Parameter order is arbitrary at the gateway: the checksum is not last on purpose.
      const params: Record<string, string> = { mdOrder: order.orderId, orderNumber: order.orderNumber, operation, status: String(callbackStatus), ...opts.extra };
      const key = opts.key === undefined ? options.callbackKey : opts.key;
      const sent: Record<string, string> = key ? { checksum: signSberCallback(params, key), ...params } : { ...params };
      opts.tamper?.(sent);
      return new URLSearchParams(sent).toString();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0]!;
    const contentType = req.headers['content-type'];
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    requests.push({ method: req.method ?? '', path, contentType, params });
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    if (fake.outage) return send(fake.outage, { error: 'unavailable' });
    const route = routes[path];
    if (!route) return send(404, { error: 'not found' });
    if (req.method !== 'POST') return send(405, { error: 'POST only' });
    if (!contentType?.startsWith('application/x-www-form-urlencoded')) return send(415, { error: 'form parameters expected' });
    if (params.userName !== username || params.password !== password) return send(200, { errorCode: '5', errorMessage: 'Доступ запрещён' });
    return send(200, route(params));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await listenOnLoopback(server);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = `${origin}/payment/rest`;
  return fake;
}
