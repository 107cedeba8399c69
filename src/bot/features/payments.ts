import { type Api, Composer, InlineKeyboard, InputFile } from 'grammy';
import { z } from 'zod';
import { type AppliedUpdate, applyPaymentUpdate } from '../../core/payments/apply-payment-update.js';
import { createPayment } from '../../core/payments/create-payment.js';
import type { ParsedNotification, PaymentUpdate, ProviderId } from '../../core/payments/gateway.js';
import { refundPayment } from '../../core/payments/refund-payment.js';
import { OPEN_STATUSES } from '../../core/payments/transitions.js';
import type { LotOrder, Payment, TokenOrder } from '../../generated/prisma/client.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';
import { formatDate, formatMoney } from '../format.js';
import type { ReservedOrder } from '../keyboards/buy-payment.js';
import { enabledMethods, payCb } from '../keyboards/payment-buttons.js';
import {
  type CheckoutRefusal,
  checkoutRefusalText,
  createPaymentErrorText,
  depositScreen,
  paymentAmountText,
  payLinkScreen,
  paySupportScreen,
  refundErrorText,
  refundQuestionScreen,
  lotRefundQuestionScreen,
} from '../keyboards/payment-screens.js';
import { type NoticeOutcome, notifyAdmins, notifyOrderStatus, translatorFor } from '../notifications.js';
import { qrCodePng } from '../qr.js';
import { isAdmin } from '../roles.js';
import { reservedScreen } from '../screens/sale-purchase.js';
import { notifyLotOrderPayment } from './market-orders.js';
import { localeOf, present, tokensText } from '../screens/sale-screen.js';
import { show } from '../screens/show.js';

/**
 * Paying for a reserved order: the method buttons open a checkout with the chosen provider (a
 * payment page link, or a Telegram Stars invoice); Stars checkouts are approved or refused here
 * (pre_checkout_query) and Stars payments credited here (successful_payment), exactly once,
 * through the same core path as the providers' webhooks; /paysupport; admins refund a payment
 * with /refund <paymentId>.
 */
export const paymentsFeature = new Composer<BotContext>();

/**
 * The Stars updates that carry money. They must reach this handler whatever else the chat is
 * doing: Telegram cancels a checkout not answered within 10 s, and a successful_payment that is
 * dropped is money taken and not credited. So they are in a composer of their own, for bot.ts
 * to register before flood control and the conversations; paymentsFeature includes it as well,
 * so they are handled wherever the feature is registered (the first registration wins).
 */
export const paymentUpdatesFeature = new Composer<BotContext>();
paymentsFeature.use(paymentUpdatesFeature);

const XTR = 'XTR';

// ---------------------------------------------------------------------------------------------
// Choosing a method, and the order's payment screen

const privateChat = paymentsFeature.filter((ctx) => ctx.chat?.type === 'private');

onCallback(privateChat, payCb.method, async (ctx, provider, orderId) => {
  const { payments } = ctx.deps;
  const created = await createPayment(payments, { buyerId: accountId(ctx), orderId, provider });
  if (!created.ok) return ctx.answerCallbackQuery({ text: createPaymentErrorText(ctx.t, created.code), show_alert: true });
  const payment = await payments.db.payment.findUniqueOrThrow({
    where: { id: created.value.paymentId },
    include: { tokenOrder: { include: { round: { select: { name: true } } } } },
  });
  const order = payment.tokenOrder;
  if (!order) throw new Error(`payment ${payment.id} was created for a token order and has none`);
  const amount = { ...payment, orderCurrency: payment.orderCurrency.trim() };
  const checkout = created.value.checkout;
  if (checkout.kind === 'deposit') {
    const expiresAt = payment.expiresAt ?? order.reservedUntil;
    const screen = depositScreen(ctx.t, {
      orderId: order.id, tokens: order.amount, provider, address: checkout.address, uri: checkout.payUrl,
      chainId: chainIdOf(checkout.payUrl), expiresAt, payment: amount,
    });
    await present(ctx, screen);
    // The same EIP-681 request as a QR code, for a wallet on a phone.
    await ctx.replyWithPhoto(new InputFile(await qrCodePng(checkout.payUrl), 'payment.png'), { caption: ctx.t('pay-deposit-qr', { address: checkout.address }) });
    return;
  }
  if (checkout.kind === 'redirect') {
    return present(
      ctx,
      payLinkScreen(ctx.t, { orderId: order.id, tokens: order.amount, provider, payUrl: checkout.payUrl, reservedUntil: order.reservedUntil, payment: amount }),
    );
  }
  if (payment.currency !== XTR) throw new Error(`payment ${payment.id} is an invoice in ${payment.currency}; only Stars invoices are sent`);
  const locale = localeOf(ctx.t);
  const tokens = tokensText(ctx.t, order.amount, locale);
  const description = ctx.t('pay-invoice-description', {
    tokens,
    round: order.round.name,
    total: formatMoney(order.priceMinor, order.currency, locale),
    amount: paymentAmountText(ctx.t, amount, locale),
    until: formatDate(order.reservedUntil, locale),
  });
  try {
    // Stars: an empty provider token, currency XTR, exactly one price, whole Stars; the payload is
    // our publicId, which the checkout and the payment come back with.
    await ctx.replyWithInvoice(
      clip(ctx.t('pay-invoice-title', { order: String(order.id) }), 32),
      clip(description, 255),
      payment.publicId,
      XTR,
      [{ label: tokens, amount: Number(payment.amountMinor) }],
      { provider_token: '' },
    );
  } catch (error) {
    ctx.log.error({ err: error, paymentId: payment.id }, 'could not send the Stars invoice');
    return ctx.answerCallbackQuery({ text: createPaymentErrorText(ctx.t, 'PROVIDER_FAILED'), show_alert: true });
  }
});

onCallback(privateChat, payCb.order, async (ctx, orderId) => {
  const order = await ctx.deps.core.db.tokenOrder.findFirst({ where: { id: orderId, buyerId: accountId(ctx) } });
  if (!order) return ctx.answerCallbackQuery({ text: createPaymentErrorText(ctx.t, 'ORDER_NOT_FOUND'), show_alert: true });
  if (order.status !== 'PENDING' || order.reservedUntil <= ctx.deps.core.clock.now()) {
    return ctx.answerCallbackQuery({ text: createPaymentErrorText(ctx.t, 'ORDER_NOT_PAYABLE'), show_alert: true });
  }
  return present(ctx, reservedScreen(ctx.t, reservedOrder(order, enabledMethods(ctx.deps.payments.gateways))));
});

privateChat.command('paysupport', (ctx) => {
  const screen = paySupportScreen(ctx.t);
  return ctx.reply(screen.text, { reply_markup: screen.keyboard });
});

// ---------------------------------------------------------------------------------------------
// Telegram Stars: the checkout question and the payment

paymentUpdatesFeature.on('pre_checkout_query', async (ctx) => {
  const query = ctx.preCheckoutQuery;
  let refusal: CheckoutRefusal | undefined;
  try {
    refusal = await checkoutRefusal(ctx.deps, query);
  } catch (error) {
    // An answer, even a refusal, beats none: Telegram waits 10 s and then fails the checkout.
    ctx.log.error({ err: error }, 'stars checkout: could not check the invoice');
    refusal = 'ERROR';
  }
  if (!refusal) return ctx.answerPreCheckoutQuery(true);
  ctx.log.info({ refusal, payload: query.invoice_payload, amount: query.total_amount }, 'stars checkout refused');
  return ctx.answerPreCheckoutQuery(false, { error_message: checkoutRefusalText(ctx.t, refusal) });
});

/**
 * Whether a Stars checkout may go on: the payload is one of our Stars payments, still open, for
 * exactly the amount asked, paid by the order's own buyer (refunds go back to who paid), and the
 * order still waits for payment within its reservation. Undefined when it may.
 */
async function checkoutRefusal(
  deps: BotDeps,
  query: { from: { id: number }; currency: string; total_amount: number; invoice_payload: string },
): Promise<CheckoutRefusal | undefined> {
  if (!deps.payments.gateways.has('stars')) return 'OFF';
  const payment = await deps.core.db.payment.findUnique({
    where: { publicId: query.invoice_payload },
    select: {
      provider: true,
      status: true,
      amountMinor: true,
      currency: true,
      tokenOrder: { select: { status: true, reservedUntil: true, buyer: { select: { telegramId: true } } } },
      lotOrder: { select: { status: true, reservedUntil: true, buyer: { select: { telegramId: true } } } },
    },
  });
  // A market order waits as AWAITING_PAYMENT where a token order waits as PENDING.
  const lot = payment?.lotOrder;
  const order = payment?.tokenOrder ?? (lot ? { ...lot, status: lot.status === 'AWAITING_PAYMENT' ? 'PENDING' : lot.status } : null);
  if (payment?.provider !== 'stars' || !order) return 'UNKNOWN';
  if (order.buyer.telegramId !== BigInt(query.from.id)) return 'NOT_BUYER';
  if (query.currency !== payment.currency || BigInt(query.total_amount) !== payment.amountMinor) return 'AMOUNT';
  if (!OPEN_STATUSES.includes(payment.status) || order.status === 'PAID') return 'NOT_OPEN';
  if (order.status !== 'PENDING' || order.reservedUntil <= deps.core.clock.now()) return 'EXPIRED';
  return undefined;
}

paymentUpdatesFeature.on('message:successful_payment', async (ctx) => {
  const paid = ctx.message.successful_payment;
  const parsed = parseSuccessfulPayment(paid);
  if (!parsed.ok) {
    ctx.log.error({ reason: parsed.reason }, 'successful_payment that does not parse');
    return;
  }
  const update = parsed.updates[0]!;
  const rawBody = JSON.stringify({ from: { id: ctx.from.id }, successful_payment: paid });
  const applied = await applyPaymentUpdate(ctx.deps.payments, 'stars', update, rawBody);
  ctx.log.info({ eventId: update.eventId, outcome: applied.outcome, paymentId: applied.paymentId }, 'stars payment');
  switch (applied.outcome) {
    case 'APPLIED':
      if (applied.orderId) await notifyOrderStatus(ctx.api, ctx.deps, { orderId: applied.orderId });
      if (applied.lotOrderId) await notifyLotOrderPayment(ctx.api, ctx.deps, applied);
      return;
    case 'ON_HOLD':
      await ctx.reply(ctx.t('pay-on-hold'));
      await notifyAdmins(ctx.api, ctx.deps, applied);
      return;
    case 'DUPLICATE':
      // The same charge again (a redelivered update): it was dealt with the first time.
      return;
    case 'IGNORED':
    case 'UNKNOWN_PAYMENT':
      // A charge that credited nothing and never will (the payment had expired, or was already
      // paid by another charge, or is not ours): the Stars go back to who paid them.
      await giveBack(ctx, paid.telegram_payment_charge_id, formatMoney(BigInt(paid.total_amount), paid.currency, localeOf(ctx.t)));
      return;
  }
});

paymentUpdatesFeature.on('message:refunded_payment', async (ctx) => {
  const refunded = ctx.message.refunded_payment;
  const parsed = parseRefundedPayment(refunded);
  if (!parsed.ok) {
    ctx.log.error({ reason: parsed.reason }, 'refunded_payment that does not parse');
    return;
  }
  const update = parsed.updates[0]!;
  const applied = await applyPaymentUpdate(ctx.deps.payments, 'stars', update, JSON.stringify({ from: { id: ctx.from?.id }, refunded_payment: refunded }));
  ctx.log.info({ eventId: update.eventId, outcome: applied.outcome, paymentId: applied.paymentId }, 'stars refund');
  if (applied.outcome === 'APPLIED' && applied.orderId) await notifyOrderStatus(ctx.api, ctx.deps, { orderId: applied.orderId });
});

async function giveBack(ctx: BotContext, chargeId: string, amount: string): Promise<void> {
  const payer = ctx.from?.id;
  try {
    if (payer === undefined) throw new Error('a payment message without a sender');
    await ctx.api.refundStarPayment(payer, chargeId);
    ctx.log.warn({ chargeId }, 'a Stars charge that credited nothing was given back');
    await ctx.reply(ctx.t('pay-stars-returned', { amount }));
  } catch (error) {
    ctx.log.error({ err: error, chargeId }, 'a Stars charge that credited nothing could not be given back');
    await ctx.reply(ctx.t('pay-stars-not-applied', { amount }));
  }
}

// Telegram's payment service messages, validated before they become PaymentUpdates.
const chargeIdSchema = z.string().min(1).max(256);
const payloadSchema = z.string().min(1).refine((value) => Buffer.byteLength(value) <= 128, 'over 128 bytes');
const starsAmountSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const successfulPaymentSchema = z.object({
  currency: z.string().min(1),
  total_amount: starsAmountSchema,
  invoice_payload: payloadSchema,
  telegram_payment_charge_id: chargeIdSchema,
  provider_payment_charge_id: z.string(),
});
const refundedPaymentSchema = z.object({
  currency: z.string().min(1),
  total_amount: starsAmountSchema,
  invoice_payload: payloadSchema,
  telegram_payment_charge_id: chargeIdSchema,
  provider_payment_charge_id: z.string().optional(),
});

function malformed(error: z.ZodError): ParsedNotification {
  return { ok: false, code: 'MALFORMED', reason: error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

/**
 * `message.successful_payment` as a PaymentUpdate: the charge id is the event id (one
 * successful_payment per charge, so a redelivered update is a duplicate) and becomes the
 * payment's providerRef (refundStarPayment needs it); the payload is our publicId; the amount is
 * what the payer paid, compared exactly with what was asked.
 */
export function parseSuccessfulPayment(raw: unknown): ParsedNotification {
  const parsed = successfulPaymentSchema.safeParse(raw);
  if (!parsed.success) return malformed(parsed.error);
  const paid = parsed.data;
  const update: PaymentUpdate = {
    eventId: paid.telegram_payment_charge_id,
    kind: 'successful_payment',
    ref: { publicId: paid.invoice_payload },
    state: 'succeeded',
    amountMinor: BigInt(paid.total_amount),
    currency: paid.currency,
    providerRef: paid.telegram_payment_charge_id,
  };
  return { ok: true, updates: [update] };
}

/**
 * `message.refunded_payment` as a PaymentUpdate, matched by the charge id rather than the
 * payload: only the charge that paid a payment undoes it (a second charge for the same invoice,
 * given back because it credited nothing, changes nothing).
 */
export function parseRefundedPayment(raw: unknown): ParsedNotification {
  const parsed = refundedPaymentSchema.safeParse(raw);
  if (!parsed.success) return malformed(parsed.error);
  const refunded = parsed.data;
  const update: PaymentUpdate = {
    eventId: `refunded:${refunded.telegram_payment_charge_id}`,
    kind: 'refunded_payment',
    ref: { providerRef: refunded.telegram_payment_charge_id },
    state: 'refunded',
    amountMinor: BigInt(refunded.total_amount),
    currency: refunded.currency,
  };
  return { ok: true, updates: [update] };
}

// ---------------------------------------------------------------------------------------------
// Admins: /refund <paymentId> (or /refund order <orderId>), a question, then the refund

const admins = privateChat.filter(isAdmin);
const notAdmins = privateChat.drop(isAdmin);
notAdmins.command('refund', (ctx) => ctx.reply(ctx.t('not-allowed')));
notAdmins.callbackQuery([payCb.refund.pattern, payCb.keep.pattern, payCb.refunds.pattern, payCb.ask.pattern], (ctx) => ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true }));

const refundTarget = z.union([
  z.string().regex(/^#?[1-9]\d{0,9}$/).transform((s) => ({ paymentId: Number(s.replace('#', '')) })),
  z
    .string()
    .regex(/^(?:order|заказ)\s+#?[1-9]\d{0,9}$/i)
    .transform((s) => ({ orderId: Number(/(\d+)$/.exec(s)![1]) })),
]);

type RefundCandidate = Payment & { tokenOrder: TokenOrder | null; lotOrder: LotOrder | null };
const REFUND_CANDIDATE = { tokenOrder: true, lotOrder: true } as const;

/**
 * The refund question for one payment, or why it cannot be refunded: a token order's paid or held
 * payment, or a market order's held one (a paid market order is refunded through its dispute or
 * the seller's cancel, which undo the escrow hold).
 */
async function askRefund(ctx: BotContext, payment: RefundCandidate | null) {
  if (!payment || (!payment.tokenOrder && !payment.lotOrder)) return show(ctx, refundErrorText(ctx.t, 'PAYMENT_NOT_FOUND'));
  const refundable = payment.status === 'ON_HOLD' || (payment.status === 'SUCCEEDED' && payment.tokenOrder);
  if (!refundable) return show(ctx, ctx.t('pay-refund-not-refundable', { payment: String(payment.id), status: payment.status }));
  const amount = { ...payment, orderCurrency: payment.orderCurrency.trim() };
  const screen = payment.tokenOrder
    ? refundQuestionScreen(ctx.t, {
        paymentId: payment.id,
        provider: payment.provider as ProviderId,
        status: payment.status,
        orderId: payment.tokenOrder.id,
        tokens: payment.tokenOrder.amount,
        orderStatus: payment.tokenOrder.status,
        payment: amount,
      })
    : lotRefundQuestionScreen(ctx.t, {
        paymentId: payment.id,
        provider: payment.provider as ProviderId,
        status: payment.status,
        orderId: payment.lotOrder!.id,
        orderStatus: payment.lotOrder!.status,
        holdReason: payment.holdReason ?? '',
        payment: amount,
      });
  return show(ctx, screen.text, { reply_markup: screen.keyboard });
}

admins.command('refund', async (ctx) => {
  const target = refundTarget.safeParse(ctx.match.trim());
  if (!target.success || !Number.isSafeInteger(Object.values(target.data)[0])) return ctx.reply(refundErrorText(ctx.t, 'BAD_INPUT'));
  const db = ctx.deps.core.db;
  const payment =
    'paymentId' in target.data
      ? await db.payment.findUnique({ where: { id: target.data.paymentId }, include: REFUND_CANDIDATE })
      : await db.payment.findFirst({
          where: { tokenOrderId: target.data.orderId, status: { in: ['SUCCEEDED', 'ON_HOLD', 'REFUNDED'] } },
          orderBy: { id: 'desc' },
          include: REFUND_CANDIDATE,
        });
  return askRefund(ctx, payment);
});

// From /admin: the latest refundable payments, each a button to the same question.
onCallback(admins, payCb.refunds, async (ctx) => {
  const payments = await ctx.deps.core.db.payment.findMany({
    where: { OR: [{ status: { in: ['SUCCEEDED', 'ON_HOLD'] }, tokenOrderId: { not: null } }, { status: 'ON_HOLD', lotOrderId: { not: null } }] },
    orderBy: { id: 'desc' },
    take: 10,
  });
  const keyboard = new InlineKeyboard();
  for (const payment of payments) {
    const amount = formatMoney(payment.amountMinor, payment.currency, localeOf(ctx.t));
    keyboard.text(ctx.t('pay-refund-pick', { payment: String(payment.id), order: String(payment.tokenOrderId ?? payment.lotOrderId), amount }), payCb.ask.build(payment.id)).row();
  }
  keyboard.text(ctx.t('menu-back'), cb.admin.build());
  await show(ctx, ctx.t(payments.length ? 'pay-refund-list' : 'pay-refund-list-empty'), { reply_markup: keyboard });
});

onCallback(admins, payCb.ask, async (ctx, paymentId) =>
  askRefund(ctx, await ctx.deps.core.db.payment.findUnique({ where: { id: paymentId }, include: REFUND_CANDIDATE })),
);

onCallback(admins, payCb.refund, async (ctx, paymentId) => {
  const result = await refundPayment(ctx.deps.payments, { paymentId, isAdmin: isAdmin(ctx) });
  if (!result.ok) {
    if (result.code !== 'NOT_REFUNDABLE') return show(ctx, refundErrorText(ctx.t, result.code));
    const payment = await ctx.deps.core.db.payment.findUnique({ where: { id: paymentId }, select: { status: true } });
    return show(ctx, ctx.t('pay-refund-not-refundable', { payment: String(paymentId), status: payment?.status ?? '?' }));
  }
  const { orderId, market } = result.value;
  const payment = await ctx.deps.core.db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { lotOrder: { include: { buyer: true } } } });
  const amount = formatMoney(payment.amountMinor, payment.currency, localeOf(ctx.t));
  await show(ctx, ctx.t(market ? 'pay-refund-done-lot' : 'pay-refund-done', { payment: String(paymentId), order: String(orderId), amount }));
  if (!market) return notifyOrderStatus(ctx.api, ctx.deps, { orderId });
  const buyer = payment.lotOrder!.buyer;
  const t = translatorFor(buyer.language);
  await ctx.api
    .sendMessage(Number(buyer.telegramId), t('pay-refund-lot-buyer', { payment: String(paymentId), order: String(orderId), amount: formatMoney(payment.amountMinor, payment.currency, localeOf(t)) }))
    .catch((error) => ctx.log.warn({ err: error, paymentId }, 'could not tell the buyer about the refund'));
});

onCallback(admins, payCb.keep, (ctx, paymentId) => show(ctx, ctx.t('pay-refund-kept', { payment: String(paymentId) })));

// ---------------------------------------------------------------------------------------------
// A payment that failed or expired while its order still waits: the buyer may try again.

/**
 * After a provider's notification (or reconciliation) failed or expired a payment: if its order
 * is still pending within its reservation, the buyer is told and gets the order's payment screen
 * again, with every enabled method. Like notifyOrderStatus, a Telegram failure is logged and
 * reported, never thrown.
 */
export async function offerPaymentRetry(
  api: Api,
  deps: Pick<BotDeps, 'core' | 'payments' | 'logger'>,
  applied: AppliedUpdate,
): Promise<NoticeOutcome> {
  if (applied.outcome !== 'APPLIED' || (applied.status !== 'FAILED' && applied.status !== 'EXPIRED') || !applied.orderId) return 'skipped';
  const order = await deps.core.db.tokenOrder.findUnique({ where: { id: applied.orderId }, include: { buyer: { select: { telegramId: true, language: true } } } });
  const methods = enabledMethods(deps.payments.gateways);
  if (order?.status !== 'PENDING' || order.reservedUntil <= deps.core.clock.now() || methods.length === 0) return 'skipped';
  const t = translatorFor(order.buyer.language);
  const screen = reservedScreen(t, reservedOrder(order, methods));
  try {
    await api.sendMessage(Number(order.buyer.telegramId), `${t('pay-retry', { order: String(order.id) })}\n\n${screen.text}`, { reply_markup: screen.keyboard });
    return 'sent';
  } catch (error) {
    deps.logger.warn({ err: error, orderId: order.id }, 'could not offer the buyer another payment');
    return 'failed';
  }
}

function reservedOrder(
  order: { id: number; amount: bigint; priceMinor: bigint; currency: string; reservedUntil: Date },
  methods: readonly ProviderId[],
): ReservedOrder {
  return { orderId: order.id, amount: order.amount, priceMinor: order.priceMinor, currency: order.currency.trim(), reservedUntil: order.reservedUntil, methods };
}

/** Every button press and command comes from a user, registered by the account middleware. */
function accountId(ctx: BotContext): number {
  if (!ctx.account) throw new Error('no account behind the update');
  return ctx.account.id;
}

/** Telegram's length limits are in characters: cut with an ellipsis rather than be refused. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The chain id an EIP-681 request names (`ethereum:<address>@<chainId>...`). */
function chainIdOf(uri: string): number {
  return Number(/@(\d+)/.exec(uri)?.[1] ?? 1);
}
