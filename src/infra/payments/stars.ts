/**
 * Telegram Stars (currency XTR) behind the PaymentGateway port. Stars have no payment page and no
 * webhook of their own: the bot sends the invoice, Telegram asks the bot to approve the checkout
 * (pre_checkout_query), and the money arrives as a service message in the buyer's chat
 * (message.successful_payment), all through the bot's updates (src/bot/features/payments.ts).
 * This adapter is what is left for the port: the currency, the invoice checkout, and refunds.
 *
 * Protocol facts this relies on (read, not copied):
 * - Bot API field lists (/work/shared/fixtures/telegram.json: PaulSonOfLars/telegram-bot-api-spec,
 *   a scrape of core.telegram.org/bots/api, Bot API 10.1) and the same text as quoted by the
 *   library docs (docs.aiogram.dev, docs.python-telegram-bot.org, grammy.dev/ref/types):
 *   - sendInvoice: title "1-32 characters", description "1-255 characters", payload "1-128 bytes,
 *     not displayed to the user", provider_token "Pass an empty string for payments in Telegram
 *     Stars", currency "Pass XTR for payments in Telegram Stars", prices "Must contain exactly one
 *     item for payments in Telegram Stars"; XTR amounts are whole Stars (no minor digits).
 *   - answerPreCheckoutQuery: "The Bot API must receive an answer within 10 seconds"; ok=false
 *     requires error_message, which "Telegram will display to the user".
 *   - SuccessfulPayment: currency, total_amount, invoice_payload, telegram_payment_charge_id
 *     (required), provider_payment_charge_id. RefundedPayment: currency ("currently always XTR"),
 *     total_amount, invoice_payload, telegram_payment_charge_id, provider_payment_charge_id?.
 *   - refundStarPayment(user_id: "identifier of the user whose payment will be refunded",
 *     telegram_payment_charge_id): "Refunds a successful payment in Telegram Stars", in full.
 *   - StarTransaction.id "coincides with SuccessfulPayment.telegram_payment_charge_id for
 *     successful incoming payments from users" (grammy.dev/ref/types/startransaction): the charge
 *     id is the payment's identity at Telegram, so it is our providerRef and the event id.
 * - There is no per-invoice status look-up in the Bot API (only the bot's whole transaction list,
 *   getStarTransactions), so fetchStatus answers null and reconciliation expires an unpaid Stars
 *   payment once its reservation has ended.
 */
import type { Db } from '../../core/deps.js';
import type { Checkout, CheckoutRequest, ParsedNotification, PaymentGateway, WebhookAnswer, WebhookOutcome } from '../../core/payments/gateway.js';

export const STARS_CURRENCY = 'XTR';

export interface StarsSettings {
  /**
   * Gives Stars back: the bot's `api.refundStarPayment(user_id, telegram_payment_charge_id)`.
   * Without it (and `payerOf`) the gateway cannot refund.
   */
  refundStarPayment?: (userId: number, telegramPaymentChargeId: string) => Promise<unknown>;
  /** The Telegram id of who paid a payment (by its publicId); null when unknown. */
  payerOf?: (publicId: string) => Promise<number | null>;
}

/**
 * The payer of a Stars payment is the order's buyer: the bot approves a checkout only from the
 * buyer's own Telegram account (src/bot/features/payments.ts), so the buyer's Telegram id is the
 * one refundStarPayment needs.
 */
export function orderBuyerAsPayer(db: Db): (publicId: string) => Promise<number | null> {
  return async (publicId) => {
    const payment = await db.payment.findUnique({
      where: { publicId },
      select: {
        provider: true,
        tokenOrder: { select: { buyer: { select: { telegramId: true } } } },
        lotOrder: { select: { buyer: { select: { telegramId: true } } } },
      },
    });
    const buyer = payment?.tokenOrder?.buyer ?? payment?.lotOrder?.buyer;
    return payment?.provider === 'stars' && buyer ? Number(buyer.telegramId) : null;
  };
}

export function createStarsGateway(settings: StarsSettings = {}): PaymentGateway {
  const { refundStarPayment, payerOf } = settings;
  const gateway: PaymentGateway = {
    id: 'stars',
    currencies: [STARS_CURRENCY],

    /** Nothing to ask anyone: the bot sends the invoice with the payment's publicId as its payload. */
    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (request.currency !== STARS_CURRENCY) throw new Error(`Stars invoices are in ${STARS_CURRENCY}, not ${request.currency}`);
      if (request.amountMinor < 1n || request.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new Error(`a Stars invoice needs a whole number of Stars from 1, not ${request.amountMinor}`);
      }
      if (Buffer.byteLength(request.publicId) > 128) throw new Error('the invoice payload is over 128 bytes');
      return { kind: 'invoice' };
    },

    /** Stars payments come as bot updates (src/bot/features/payments.ts), never to a payment webhook. */
    async parseNotification(): Promise<ParsedNotification> {
      return { ok: false, code: 'MALFORMED', reason: 'Telegram Stars payments arrive as bot updates, not as webhooks' };
    },

    async fetchStatus() {
      return null;
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      const status = outcome === 'MALFORMED' ? 400 : outcome === 'REJECTED' ? 403 : 200;
      return { status, body: JSON.stringify({ outcome }), contentType: 'application/json' };
    },
  };
  if (refundStarPayment && payerOf) {
    gateway.refund = async (payment) => {
      if (!payment.providerRef) throw new Error(`Stars payment ${payment.publicId} has no telegram_payment_charge_id`);
      const payer = await payerOf(payment.publicId);
      if (payer === null) throw new Error(`Stars payment ${payment.publicId}: the payer is unknown`);
      await refundStarPayment(payer, payment.providerRef);
    };
  }
  return gateway;
}
