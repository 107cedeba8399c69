/**
 * YooMoney wallet payments: the payer follows a quickpay link to a transfer form for our wallet,
 * and YooMoney posts an HTTP notification for every incoming transfer.
 *
 * Protocol facts this adapter relies on (no code was taken from anywhere, facts only):
 * - Transfer form, https://yoomoney.ru/docs/payment-buttons/using-api/forms: the form goes to
 *   https://yoomoney.ru/quickpay/confirm; required `receiver` (the wallet number), `quickpay-form`
 *   (fixed value `button`), `paymentType` (`PC` a YooMoney wallet, `AC` a bank card), `sum` ("the
 *   amount debited from the sender"); optional `label` (up to 64 characters, "a code or order
 *   identifier") and `successURL`. The commission table there: PC a=0.01 taken off the amount
 *   received, AC a=0.03 taken off the amount debited. The docs submit the form by POST; a Telegram
 *   button can only open a URL, so the same parameters travel in the query string of a link.
 * - Notifications, https://yoomoney.ru/docs/wallet/using-api/notification-p2p-incoming and
 *   https://yoomoney.ru/docs/payment-buttons/using-api/notifications: POST,
 *   application/x-www-form-urlencoded, UTF-8; three delivery attempts (at once, after 10 minutes,
 *   after one hour). Fields: `notification_type` (p2p-incoming | card-incoming), `operation_id`,
 *   `amount` (the operation amount: what reaches the wallet), `withdraw_amount` ("the amount
 *   debited from the sender"), `currency` (always 643), `datetime`, `sender` (empty for cards),
 *   `codepro`, `label`, `sha1_hash`, `unaccepted`, `test_notification`.
 * - tech.yandex.com/money/doc/dg/reference/notification-p2p-incoming-docpage: "always check
 *   unaccepted and codepro": unaccepted=true means the transfer is not credited yet (the owner has
 *   to act, e.g. free up the wallet's limit); codepro=true means it is protected by a code.
 * - `sha1_hash` = SHA-1, lower-case hex, of
 *   notification_type&operation_id&amount&currency&datetime&sender&codepro&notification_secret&label
 *   (the docs' "verify notification" section, as quoted identically by many independent copies; its
 *   official example is in /work/shared/fixtures/yoomoney.json and the tests check it).
 *
 * Choices:
 * - What is compared with the price: `withdraw_amount`. The link asks for `sum`, which the docs
 *   define as the amount debited from the payer, and `withdraw_amount` is that same quantity on the
 *   way back; `amount` is after YooMoney's commission and is lower for every genuine payment. But
 *   `withdraw_amount` is not covered by `sha1_hash`, so the signed `amount` bounds it: what was
 *   credited can be at most `maxFeePercent` below what was debited (the documented commissions are
 *   1-3 %), otherwise the payer-paid figure is treated as unknown and the payment goes ON_HOLD.
 * - unaccepted=true or codepro=true: the money is not in the wallet, so the update is `pending`
 *   (it credits nothing). Its event id is the operation id with a suffix, so the notification that
 *   follows once the transfer is accepted is not mistaken for a redelivery of this one.
 * - No status look-up: the wallet's operation history needs an OAuth token, which a quickpay wallet
 *   integration does not have. fetchStatus returns null, so reconciliation expires a payment whose
 *   notification never came once its reservation ends (the transfer, if any, stays in the wallet's
 *   history for an admin). No refunds either: quickpay transfers cannot be returned through an API.
 * - Freshness: the protocol has no freshness window (retries come up to an hour later with the
 *   original `datetime`); a replay carries the same operation id and is a duplicate.
 * - Answers: 200 for everything recorded (applied, duplicate, ignored, on hold, unknown payment):
 *   the event is in payment_events and a retry could not change anything. A bad hash is answered
 *   401 and a malformed body 400: YooMoney then tries again (twice at most), which lets a
 *   misconfigured secret be fixed without losing the notification.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { formatMinor } from '../../core/money.js';
import type { Checkout, CheckoutRequest, ParsedNotification, PaymentGateway, PaymentUpdate, WebhookAnswer, WebhookOutcome } from '../../core/payments/gateway.js';

export interface YooMoneySettings {
  wallet: string;
  notificationSecret: string;
  /** The quickpay base URL; default YooMoney's own. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
  /** How the payer pays: `AC` a bank card (default), `PC` a YooMoney wallet. */
  paymentType?: 'AC' | 'PC';
  /** How far the credited `amount` may fall below `withdraw_amount` (YooMoney's commission); default 5. */
  maxFeePercent?: number;
}

const DEFAULT_API_URL = 'https://yoomoney.ru';
/** The fields `sha1_hash` covers, in order; the secret goes between `codepro` and `label`. */
const SIGNED_BEFORE_SECRET = ['notification_type', 'operation_id', 'amount', 'currency', 'datetime', 'sender', 'codepro'] as const;
/** Fields that must appear at most once: a second copy could make the hash and the data disagree. */
const SINGLE_FIELDS = [...SIGNED_BEFORE_SECRET, 'label', 'sha1_hash', 'withdraw_amount', 'unaccepted', 'test_notification'];
/** ISO 4217 numeric code of the rouble: the docs say the currency is always 643. */
const RUB_NUMERIC = '643';
const MAX_LABEL_LENGTH = 64;
const AMOUNT = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

export function createYooMoneyGateway(settings: YooMoneySettings): PaymentGateway {
  if (!/^\d{11,20}$/.test(settings.wallet)) throw new Error('YOOMONEY_WALLET must be a YooMoney wallet number (11 to 20 digits)');
  if (!settings.notificationSecret) throw new Error('YOOMONEY_NOTIFICATION_SECRET must not be empty');
  const maxFeeBasisPoints = BigInt(Math.round((settings.maxFeePercent ?? 5) * 100));
  if (maxFeeBasisPoints < 0n || maxFeeBasisPoints >= 10_000n) throw new Error('YooMoney maxFeePercent must be between 0 and 100');
  const formUrl = `${(settings.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '')}/quickpay/confirm`;

  function expectedHash(form: URLSearchParams): Buffer {
    const signed = [...SIGNED_BEFORE_SECRET.map((name) => form.get(name) ?? ''), settings.notificationSecret, form.get('label') ?? ''].join('&');
    return createHash('sha1').update(signed, 'utf8').digest();
  }

  /** The payer-paid amount, bounded by the signed credited amount (see the choices above). */
  function payerPaid(credited: bigint, withdrawn: bigint | undefined): bigint | undefined {
    if (withdrawn === undefined || credited > withdrawn) return undefined;
    return credited * 10_000n >= withdrawn * (10_000n - maxFeeBasisPoints) ? withdrawn : undefined;
  }

  return {
    id: 'yoomoney',
    currencies: ['RUB'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (request.currency !== 'RUB') throw new Error(`YooMoney takes RUB only, not ${request.currency}`);
      if (request.amountMinor <= 0n) throw new Error('YooMoney: the amount must be positive');
      if (request.publicId.length > MAX_LABEL_LENGTH) throw new Error('YooMoney: the label is limited to 64 characters');
      const query = new URLSearchParams({
        receiver: settings.wallet,
        'quickpay-form': 'button',
        paymentType: settings.paymentType ?? 'AC',
        sum: formatMinor(request.amountMinor, 'RUB'),
        label: request.publicId,
        successURL: settings.returnUrl,
      });
      // No providerRef: YooMoney learns of the payment only when the payer submits the form.
      return { kind: 'redirect', payUrl: `${formUrl}?${query}` };
    },

    async parseNotification({ rawBody }): Promise<ParsedNotification> {
      const form = new URLSearchParams(rawBody);
      const repeated = SINGLE_FIELDS.find((name) => form.getAll(name).length > 1);
      if (repeated) return malformed(`${repeated} appears more than once`);
      const missing = [...SIGNED_BEFORE_SECRET, 'sha1_hash'].filter((name) => form.get(name) === null);
      if (missing.length > 0) return malformed(`missing ${missing.join(', ')}`);

      const given = form.get('sha1_hash')!.toLowerCase();
      const expected = expectedHash(form);
      if (!/^[0-9a-f]{40}$/.test(given) || !timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
        return { ok: false, code: 'BAD_SIGNATURE', reason: 'sha1_hash does not match' };
      }
      // The "Test" button in the wallet's settings: genuine, about no transfer.
      if (form.get('test_notification') === 'true') return { ok: true, updates: [] };

      const operationId = form.get('operation_id')!;
      if (!operationId) return malformed('empty operation_id');
      const credited = parseRub(form.get('amount')!);
      if (credited === null) return malformed('amount is not an amount');
      const withdrawRaw = form.get('withdraw_amount');
      const withdrawn = withdrawRaw === null ? undefined : parseRub(withdrawRaw);
      if (withdrawn === null) return malformed('withdraw_amount is not an amount');
      const currencyCode = form.get('currency')!;
      const kind = form.get('notification_type')!;
      const ref = { publicId: form.get('label') ?? '' };

      const held = form.get('unaccepted') === 'true' ? 'unaccepted' : form.get('codepro') === 'true' ? 'codepro' : null;
      const update: PaymentUpdate = held
        ? { eventId: `${operationId}:${held}`, kind: `${kind}:${held}`, ref, state: 'pending' }
        : {
            eventId: operationId,
            kind,
            ref,
            state: 'succeeded',
            amountMinor: payerPaid(credited, withdrawn),
            currency: currencyCode === RUB_NUMERIC ? 'RUB' : currencyCode,
          };
      return { ok: true, updates: [update] };
    },

    async fetchStatus() {
      // Quickpay has no status call without an OAuth token: see the choices above.
      return null;
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      const status = outcome === 'REJECTED' ? 401 : outcome === 'MALFORMED' ? 400 : 200;
      return { status, body: JSON.stringify({ outcome: outcome.toLowerCase() }), contentType: 'application/json' };
    },
  };
}

function malformed(reason: string): ParsedNotification {
  return { ok: false, code: 'MALFORMED', reason };
}

/** "1125.00", "0.5" or "300" in kopecks; null for anything else. */
function parseRub(text: string): bigint | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}
