import { createHash, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../loopback.js';

/**
 * YooMoney's side of a quickpay wallet integration, on loopback: the transfer form the payer's
 * link opens (`/quickpay/confirm`, checked as the docs require), and the HTTP notifications
 * YooMoney posts for incoming transfers, built and signed here from the docs (independently of
 * the adapter, so each checks the other). Quickpay has no status call, no failure or expiry
 * notification and no refunds, so the fake has none either.
 */

/** A transfer form as a payer opened it. */
export interface QuickpayForm {
  receiver: string;
  quickpayForm: string;
  paymentType: 'PC' | 'AC';
  sum: string;
  label: string;
  successURL: string | null;
  method: 'GET' | 'POST';
}

/** A notification as YooMoney sends it: the form fields and the urlencoded body. */
export interface Notification {
  fields: Record<string, string>;
  body: string;
}

export interface Delivery {
  notification: Notification;
  response: Response;
}

export interface PayOptions {
  /** What the payer is debited; default the form's `sum`. */
  withdrawAmount?: string;
  /** What reaches the wallet; default `withdrawAmount` less the documented commission. */
  amount?: string;
  currency?: string;
  operationId?: string;
  datetime?: string;
  unaccepted?: boolean;
  codepro?: boolean;
  /** Sign with another secret (a forger, or a wallet whose secret was changed). */
  secret?: string;
}

type Send = (body: string, headers: Record<string, string>) => Promise<Response>;

export interface FakeYooMoney {
  url: string;
  /** Forms opened by payers, by label. */
  forms: Map<string, QuickpayForm>;
  /** Forms refused, with the reason (a link that does not follow the docs). */
  refused: string[];
  /** Where notifications go: the app under test. */
  deliverTo(send: Send): void;
  /** The payer completes the transfer they opened under `label`; YooMoney notifies. */
  pay(label: string, options?: PayOptions): Promise<Delivery>;
  /** A signed notification with these fields over a base transfer (for hand-made cases). */
  notification(fields: Record<string, string>, secret?: string): Notification;
  /** Posts a notification (again): YooMoney's retries, or someone replaying it. */
  deliver(notification: Notification | string): Promise<Response>;
  /** What the wallet settings' "Test" button sends. */
  testNotification(): Promise<Delivery>;
  close(): Promise<void>;
}

/**
 * sha1_hash as the docs define it: SHA-1 (lower-case hex) of
 * notification_type&operation_id&amount&currency&datetime&sender&codepro&notification_secret&label.
 */
export function signYooMoneyNotification(fields: Record<string, string | undefined>, secret: string): string {
  const line = `${fields.notification_type ?? ''}&${fields.operation_id ?? ''}&${fields.amount ?? ''}&${fields.currency ?? ''}&${fields.datetime ?? ''}&${fields.sender ?? ''}&${fields.codepro ?? ''}&${secret}&${fields.label ?? ''}`;
  return createHash('sha1').update(Buffer.from(line, 'utf8')).digest('hex');
}

/** Kopecks after YooMoney's documented commission: PC a=0.01 off the amount received, AC a=0.03 off the amount debited. */
function creditedAfterCommission(sum: string, paymentType: 'PC' | 'AC'): string {
  const [whole, fraction = ''] = sum.split('.');
  const kopecks = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  // PC: sum - sum * a / (1 + a) = sum / 1.01; AC: sum * (1 - a) = sum * 0.97; both rounded down.
  const credited = paymentType === 'PC' ? (kopecks * 100n) / 101n : (kopecks * 97n) / 100n;
  return `${credited / 100n}.${(credited % 100n).toString().padStart(2, '0')}`;
}

export async function startFakeYooMoney(options: { wallet: string; secret: string }): Promise<FakeYooMoney> {
  const forms = new Map<string, QuickpayForm>();
  const refused: string[] = [];
  let send: Send | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/quickpay/confirm' && url.pathname !== '/quickpay/confirm.xml') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const params = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const problem = checkForm(params);
    if (problem) {
      refused.push(problem);
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(problem);
      return;
    }
    const form: QuickpayForm = {
      receiver: params.get('receiver')!,
      quickpayForm: params.get('quickpay-form')!,
      paymentType: params.get('paymentType') as 'PC' | 'AC',
      sum: params.get('sum')!,
      label: params.get('label') ?? '',
      successURL: params.get('successURL'),
      method: req.method === 'POST' ? 'POST' : 'GET',
    };
    forms.set(form.label, form);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<p>Transfer ${form.sum} RUB to ${form.receiver}</p>`);
  }

  /** The form's rules from the docs: required receiver, quickpay-form=button, paymentType PC|AC, sum; label up to 64. */
  function checkForm(params: URLSearchParams): string | null {
    for (const name of ['receiver', 'quickpay-form', 'paymentType', 'sum']) {
      if (!params.get(name)) return `${name} is required`;
    }
    if (params.get('receiver') !== options.wallet) return 'receiver is not a wallet here';
    if (params.get('quickpay-form') !== 'button') return 'quickpay-form must be "button"';
    if (!['PC', 'AC'].includes(params.get('paymentType')!)) return 'paymentType must be PC or AC';
    if (!/^\d+(\.\d{1,2})?$/.test(params.get('sum')!) || Number(params.get('sum')) <= 0) return 'sum is not a positive amount';
    if ((params.get('label') ?? '').length > 64) return 'label is longer than 64 characters';
    const successURL = params.get('successURL');
    if (successURL !== null && !URL.canParse(successURL)) return 'successURL is not a URL';
    return null;
  }

  function build(fields: Record<string, string>, secret = options.secret): Notification {
    const signed = { ...fields, sha1_hash: signYooMoneyNotification(fields, secret) };
    return { fields: signed, body: new URLSearchParams(signed).toString() };
  }

  function baseTransfer(): Record<string, string> {
    return {
      notification_type: 'card-incoming',
      operation_id: String(randomInt(1e9, 2 ** 47)) + String(randomInt(1e5, 1e6)),
      datetime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sender: '',
      codepro: 'false',
      currency: '643',
      amount: '0.97',
      withdraw_amount: '1.00',
      label: '',
      unaccepted: 'false',
    };
  }

  async function deliver(notification: Notification | string): Promise<Response> {
    if (!send) throw new Error('fake YooMoney: call deliverTo(...) first');
    const body = typeof notification === 'string' ? notification : notification.body;
    return send(body, { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' });
  }

  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    forms,
    refused,
    deliverTo(target) {
      send = target;
    },
    async pay(label, pay = {}) {
      const form = forms.get(label);
      if (!form) throw new Error(`fake YooMoney: no one opened a form labelled ${label}`);
      const withdrawAmount = pay.withdrawAmount ?? form.sum;
      const fields: Record<string, string> = {
        ...baseTransfer(),
        notification_type: form.paymentType === 'PC' ? 'p2p-incoming' : 'card-incoming',
        sender: form.paymentType === 'PC' ? '41001000000001' : '',
        amount: pay.amount ?? creditedAfterCommission(withdrawAmount, form.paymentType),
        withdraw_amount: withdrawAmount,
        label,
        codepro: String(pay.codepro ?? false),
        unaccepted: String(pay.unaccepted ?? false),
        ...(pay.currency ? { currency: pay.currency } : {}),
        ...(pay.operationId ? { operation_id: pay.operationId } : {}),
        ...(pay.datetime ? { datetime: pay.datetime } : {}),
      };
      const notification = build(fields, pay.secret);
      return { notification, response: await deliver(notification) };
    },
    notification(fields, secret) {
      return build({ ...baseTransfer(), ...fields }, secret);
    },
    deliver,
    async testNotification() {
      const notification = build({ ...baseTransfer(), operation_id: 'test-notification', test_notification: 'true' });
      return { notification, response: await deliver(notification) };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
