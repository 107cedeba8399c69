import { type Conversation, createConversation } from '@grammyjs/conversations';
import { type Api, Composer, InlineKeyboard, type Middleware } from 'grammy';
import { cancelLotOrder } from '../../core/market/orders/cancel-lot-order.js';
import { confirmLotOrder } from '../../core/market/orders/confirm-lot-order.js';
import { DEFAULT_MARKET_SETTINGS } from '../../core/market/deps.js';
import { DEFAULT_ESCROW, type Actor, type OrderDeps } from '../../core/market/orders/deps.js';
import { deliverLotOrder } from '../../core/market/orders/deliver-lot-order.js';
import { buyerLotOrders, type LotOrderView, lotOrderView, openDisputes } from '../../core/market/orders/lot-order-view.js';
import { openDispute } from '../../core/market/orders/open-dispute.js';
import { postOrderMessage } from '../../core/market/orders/post-order-message.js';
import { resolveDispute } from '../../core/market/orders/resolve-dispute.js';
import { reviewLotOrder } from '../../core/market/orders/review-lot-order.js';
import { startLotOrder } from '../../core/market/orders/start-lot-order.js';
import { Dec } from '../../core/money.js';
import { createPayment } from '../../core/payments/create-payment.js';
import { convertMinor } from '../../core/rates/rates.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext, BotDeps, ConversationContext } from '../context.js';
import { formatDate, formatMoney, type Translate } from '../format.js';
import { askKeyboard, mkoCb, openOrderKeyboard, orderKeyboard, payKeyboard, payLinkKeyboard, quantityKeyboard } from '../keyboards/market-order-buttons.js';
import { enabledMethods } from '../keyboards/payment-buttons.js';
import { createPaymentErrorText } from '../keyboards/payment-screens.js';
import { translatorFor } from '../notifications.js';
import { hasRole } from '../roles.js';
import { localeOf } from '../screens/sale-screen.js';
import { show } from '../screens/show.js';

/**
 * Market orders in escrow: buying a lot (quantity, summary with the fee in the lot's currency and
 * the buyer's display currency, payment with any enabled method), the order screen with what each
 * side may do now, the order chat relayed without either side's account, reviews, "My orders",
 * and support's disputes with the conversation and refund/release.
 */
export const marketOrdersFeature = new Composer<BotContext>();
const chat = marketOrdersFeature.filter((ctx) => ctx.chat?.type === 'private');

export function orderDepsOf(deps: Pick<BotDeps, 'payments' | 'escrow' | 'market'>): OrderDeps {
  return { ...deps.payments, escrow: deps.escrow ?? DEFAULT_ESCROW, market: deps.market ?? DEFAULT_MARKET_SETTINGS };
}
const isSupport = (ctx: BotContext) => hasRole(ctx, 'SUPPORT') || hasRole(ctx, 'ADMIN');
const actorOf = (ctx: BotContext): Actor => {
  if (!ctx.account) throw new Error('no account behind the update');
  return { userId: ctx.account.id, isSupport: isSupport(ctx) };
};

/** "6.50 USD (≈ 585.00 RUB)" when the order recorded a display currency. */
function withDisplay(t: Translate, minor: bigint, order: { currency: string; displayCurrency: string | null; displayRate: { toString(): string } | null }): string {
  const locale = localeOf(t);
  const main = formatMoney(minor, order.currency, locale);
  if (!order.displayCurrency || !order.displayRate) return main;
  const converted = convertMinor(minor, order.currency, order.displayCurrency, new Dec(order.displayRate.toString()));
  return t('mko-price-display', { price: main, display: formatMoney(converted, order.displayCurrency, locale) });
}

/** Error codes → words, in one place. */
function errorText(t: Translate, code: string, details?: Record<string, string>): string {
  switch (code) {
    case 'NOT_ENOUGH':
      return t('mko-error-not-enough', { available: details?.available ?? '0' });
    case 'BAD_QUANTITY':
    case 'LOT_NOT_FOUND':
    case 'LOT_UNAVAILABLE':
    case 'OWN_LOT':
    case 'LOT_CHANGED':
    case 'RATE_UNAVAILABLE':
    case 'ORDER_NOT_FOUND':
    case 'NOT_ALLOWED':
    case 'WRONG_STATUS':
    case 'BAD_TEXT':
    case 'BAD_RATING':
    case 'ALREADY_REVIEWED':
      return t(`mko-error-${code.toLowerCase().replaceAll('_', '-')}`);
    default:
      return t('error-generic');
  }
}

const alert = (ctx: BotContext, code: string, details?: Record<string, string>) => ctx.answerCallbackQuery({ text: errorText(ctx.t, code, details), show_alert: true });

// ---------------------------------------------------------------------------------------------
// Buying

onCallback(chat, mkoCb.buy, async (ctx, lotId) => {
  const lot = await ctx.deps.core.db.lot.findUnique({ where: { id: lotId }, include: { category: { select: { lotType: true } } } });
  if (!lot || lot.deletedAt || !lot.active || lot.quantity <= 0n) return alert(ctx, 'LOT_UNAVAILABLE');
  if (lot.category.lotType === 'FORM' || lot.quantity === 1n) return startOrder(ctx, lotId, 1n);
  await show(ctx, ctx.t('mko-quantity', { lot: lot.shortDescription, available: lot.quantity.toString() }), { reply_markup: quantityKeyboard(ctx.t, lot.id, lot.quantity) });
});

onCallback(chat, mkoCb.quantity, (ctx, lotId, quantity) => startOrder(ctx, lotId, quantity));

async function startOrder(ctx: BotContext, lotId: number, quantity: bigint) {
  const started = await startLotOrder(orderDepsOf(ctx.deps), { buyerId: actorOf(ctx).userId, lotId, quantity });
  if (!started.ok) return alert(ctx, started.code, started.details);
  const order = await ctx.deps.core.db.lotOrder.findUniqueOrThrow({ where: { id: started.value.orderId }, include: { lot: { select: { shortDescription: true } } } });
  const methods = enabledMethods(ctx.deps.payments.gateways);
  const text = [
    ctx.t('mko-summary', { order: String(order.id), lot: order.lot.shortDescription, quantity: order.quantity.toString() }),
    ctx.t('mko-summary-price', { price: withDisplay(ctx.t, order.priceMinor, order), fee: withDisplay(ctx.t, order.feeMinor, order), total: withDisplay(ctx.t, order.totalMinor, order) }),
    '',
    methods.length ? ctx.t('mko-summary-pay', { until: formatDate(order.reservedUntil, localeOf(ctx.t)) }) : ctx.t('mko-no-methods'),
  ].join('\n');
  await show(ctx, text, { reply_markup: payKeyboard(ctx.t, order.id, methods) });
}

onCallback(chat, mkoCb.pay, async (ctx, provider, orderId) => {
  const deps = orderDepsOf(ctx.deps);
  const created = await createPayment(deps, { buyerId: actorOf(ctx).userId, lotOrderId: orderId, provider });
  if (!created.ok) return ctx.answerCallbackQuery({ text: createPaymentErrorText(ctx.t, created.code), show_alert: true });
  const amount = formatMoney(created.value.amountMinor, created.value.currency, localeOf(ctx.t));
  const checkout = created.value.checkout;
  if (checkout.kind === 'redirect') {
    return show(ctx, ctx.t('mko-pay-link', { order: String(orderId), amount }), { reply_markup: payLinkKeyboard(ctx.t, orderId, checkout.payUrl, amount) });
  }
  await ctx.replyWithInvoice(ctx.t('mko-invoice-title', { order: String(orderId) }).slice(0, 32), ctx.t('mko-invoice-title', { order: String(orderId) }), created.value.publicId, 'XTR', [
    { label: ctx.t('mko-invoice-title', { order: String(orderId) }).slice(0, 32), amount: Number(created.value.amountMinor) },
  ], { provider_token: '' });
});

// ---------------------------------------------------------------------------------------------
// The order screen and its actions

const STATUS_KEYS: Record<string, string> = {
  AWAITING_PAYMENT: 'mko-status-awaiting-payment',
  PAID: 'mko-status-paid',
  DELIVERED: 'mko-status-delivered',
  CONFIRMED: 'mko-status-confirmed',
  DISPUTED: 'mko-status-disputed',
  REFUNDED: 'mko-status-refunded',
  CANCELLED: 'mko-status-cancelled',
  EXPIRED: 'mko-status-expired',
};
const PARTY_KEYS = { BUYER: 'mko-party-buyer', SELLER: 'mko-party-seller', SUPPORT: 'mko-party-support' } as const;

export function orderScreenText(t: Translate, view: LotOrderView): string {
  const { order } = view;
  const lines = [
    t('mko-order-title', { order: String(order.id), lot: view.lotTitle, quantity: order.quantity.toString() }),
    t('mko-order-status', { status: t(STATUS_KEYS[order.status] ?? 'mko-status-paid') }),
    // The buyer's own currency is the buyer's business: the others see the lot's currency only.
    t('mko-order-total', { total: view.role === 'BUYER' ? withDisplay(t, order.totalMinor, order) : formatMoney(order.totalMinor, order.currency, localeOf(t)) }),
  ];
  if (view.role === 'SELLER') lines.push(t('mko-order-proceeds', { amount: formatMoney(order.priceMinor, order.currency, localeOf(t)) }));
  if (order.status === 'DELIVERED' && order.confirmBy) lines.push(t('mko-order-confirm-by', { until: formatDate(order.confirmBy, localeOf(t)) }));
  if (view.goods.length) lines.push('', t('mko-order-goods'), ...view.goods);
  if (view.review) lines.push(t('mko-order-review', { stars: '⭐'.repeat(view.review.rating), text: view.review.text }));
  if (view.messages.length) {
    lines.push('', t('mko-order-chat'));
    for (const m of view.messages.slice(-20)) lines.push(`${t(PARTY_KEYS[m.role])}: ${m.text}`);
  }
  return lines.join('\n');
}

async function showOrder(ctx: BotContext, orderId: number, notice?: string) {
  const view = await lotOrderView(ctx.deps.core.db, { actor: actorOf(ctx), orderId });
  if (!view.ok) return alert(ctx, view.code);
  const text = orderScreenText(ctx.t, view.value);
  await show(ctx, notice ? `${notice}\n\n${text}` : text, { reply_markup: orderKeyboard(ctx.t, orderId, view.value.actions, enabledMethods(ctx.deps.payments.gateways)) });
}

onCallback(chat, mkoCb.view, (ctx, orderId) => showOrder(ctx, orderId));

onCallback(chat, mkoCb.confirm, async (ctx, orderId) => {
  const result = await confirmLotOrder(orderDepsOf(ctx.deps), { actor: actorOf(ctx), orderId });
  if (!result.ok) return alert(ctx, result.code);
  await showOrder(ctx, orderId, ctx.t('mko-confirmed'));
  await notifyLotOrder(ctx.api, ctx.deps, orderId, 'confirmed');
});

onCallback(chat, mkoCb.cancel, async (ctx, orderId) => {
  const result = await cancelLotOrder(orderDepsOf(ctx.deps), { actor: actorOf(ctx), orderId });
  if (!result.ok) return alert(ctx, result.code);
  await showOrder(ctx, orderId, ctx.t(result.value.refunded ? 'mko-cancelled-refunded' : 'mko-cancelled'));
  if (result.value.refunded) await notifyLotOrder(ctx.api, ctx.deps, orderId, 'seller-cancelled');
});

onCallback(chat, mkoCb.refund, (ctx, orderId) => resolve(ctx, orderId, 'refund'));
onCallback(chat, mkoCb.release, (ctx, orderId) => resolve(ctx, orderId, 'release'));

async function resolve(ctx: BotContext, orderId: number, decision: 'refund' | 'release') {
  const result = await resolveDispute(orderDepsOf(ctx.deps), { actor: actorOf(ctx), orderId, decision });
  if (!result.ok) return alert(ctx, result.code);
  const notice = decision === 'release' ? ctx.t('mko-resolved-release') : ctx.t(result.value.moneyReturned ? 'mko-resolved-refund' : 'mko-resolved-refund-pending');
  await showOrder(ctx, orderId, notice);
  await notifyLotOrder(ctx.api, ctx.deps, orderId, decision === 'release' ? 'released' : 'refunded');
}

// Asking for text: delivery, dispute reason, chat message, review text.
type Purpose = 'deliver' | 'dispute' | 'message' | 'review';
const ASK_CONVERSATION = 'market-order-text';

for (const [kind, purpose] of [
  [mkoCb.deliver, 'deliver'],
  [mkoCb.dispute, 'dispute'],
  [mkoCb.message, 'message'],
] as const) {
  onCallback(chat, kind, async (ctx, orderId) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(ASK_CONVERSATION, purpose, orderId, 0);
  });
}
onCallback(chat, mkoCb.rate, async (ctx, orderId, rating) => {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(ASK_CONVERSATION, 'review', orderId, rating);
});

async function askText(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, purpose: Purpose, orderId: number, rating: number) {
  await ctx.reply(ctx.t(`mko-ask-${purpose}`, { order: String(orderId) }), { reply_markup: askKeyboard(ctx.t, purpose === 'review') });
  let text = '';
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      if (mkoCb.abort.parse(data)) {
        await next.answerCallbackQuery();
        await next.reply(ctx.t('mko-aborted'), { reply_markup: openOrderKeyboard(ctx.t, orderId) });
        return;
      }
      if (purpose === 'review' && mkoCb.noText.parse(data)) {
        await next.answerCallbackQuery();
        break;
      }
      return conversation.halt({ next: true });
    }
    const typed = next.message?.text;
    if (typed === undefined) {
      if (next.message) {
        await next.reply(ctx.t('mko-text-only'));
        continue;
      }
      await conversation.skip({ next: true });
      continue;
    }
    if (typed.startsWith('/')) return conversation.halt({ next: true });
    text = typed;
    break;
  }
  const actor: Actor = await conversation.external((c: BotContext) => actorOf(c));
  const outcome = await conversation.external(async (c: BotContext) => {
    const deps = orderDepsOf(c.deps);
    switch (purpose) {
      case 'deliver': {
        const r = await deliverLotOrder(deps, { actor, orderId, text });
        if (r.ok) await notifyLotOrder(c.api, c.deps, orderId, 'delivered');
        return r.ok ? 'mko-delivered' : errorText(c.t, r.code);
      }
      case 'dispute': {
        const r = await openDispute(deps, { actor, orderId, reason: text });
        if (r.ok) await notifyLotOrder(c.api, c.deps, orderId, 'disputed');
        return r.ok ? 'mko-disputed' : errorText(c.t, r.code);
      }
      case 'message': {
        const r = await postOrderMessage(deps, { actor, orderId, text });
        if (r.ok) await relayMessage(c.api, c.deps, r.value);
        return r.ok ? 'mko-message-sent' : errorText(c.t, r.code);
      }
      case 'review': {
        const r = await reviewLotOrder(deps, { actor, orderId, rating, text });
        return r.ok ? 'mko-reviewed' : errorText(c.t, r.code);
      }
    }
  });
  await ctx.reply(outcome.startsWith('mko-') ? ctx.t(outcome) : outcome, { reply_markup: openOrderKeyboard(ctx.t, orderId) });
}

export function marketOrdersConversations(): Middleware<BotContext>[] {
  return [createConversation<BotContext, ConversationContext>(askText, ASK_CONVERSATION)];
}

// ---------------------------------------------------------------------------------------------
// Lists: my orders, disputes

async function showMyOrders(ctx: BotContext, page: number) {
  const list = await buyerLotOrders(ctx.deps.core.db, { buyerId: actorOf(ctx).userId, page });
  const keyboard = new InlineKeyboard();
  for (const o of list.orders) keyboard.text(`#${o.id} · ${ctx.t(STATUS_KEYS[o.status]!)} · ${o.lot.shortDescription}`.slice(0, 60), mkoCb.view.build(o.id)).row();
  if (list.page > 1) keyboard.text('◀', mkoCb.mine.build(list.page - 1));
  if (list.hasNext) keyboard.text('▶', mkoCb.mine.build(list.page + 1));
  keyboard.row().text(ctx.t('menu-back'), cb.menu.build());
  await show(ctx, list.orders.length ? ctx.t('mko-my-orders') : ctx.t('mko-my-orders-empty'), { reply_markup: keyboard });
}
onCallback(chat, mkoCb.mine, (ctx, page) => showMyOrders(ctx, page));

async function showDisputes(ctx: BotContext, page: number) {
  if (!isSupport(ctx)) {
    if (ctx.callbackQuery) return ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true });
    return ctx.reply(ctx.t('not-allowed'));
  }
  const list = await openDisputes(ctx.deps.core.db, { page });
  const keyboard = new InlineKeyboard();
  for (const o of list.orders) keyboard.text(`#${o.id} · ${o.lot.shortDescription}`.slice(0, 60), mkoCb.view.build(o.id)).row();
  if (list.page > 1) keyboard.text('◀', mkoCb.disputes.build(list.page - 1));
  if (list.hasNext) keyboard.text('▶', mkoCb.disputes.build(list.page + 1));
  keyboard.row().text(ctx.t('menu-back'), cb.menu.build());
  await show(ctx, list.orders.length ? ctx.t('mko-disputes') : ctx.t('mko-disputes-empty'), { reply_markup: keyboard });
}
onCallback(chat, mkoCb.disputes, (ctx, page) => showDisputes(ctx, page));
chat.command('disputes', (ctx) => showDisputes(ctx, 1));
chat.command('orders', (ctx) => showMyOrders(ctx, 1));

// ---------------------------------------------------------------------------------------------
// Telling the sides (after commit; a Telegram failure is logged, never thrown)

export type LotOrderEvent = 'paid' | 'delivered' | 'confirmed' | 'auto-confirmed' | 'disputed' | 'refunded' | 'released' | 'seller-cancelled' | 'expired';

const RECIPIENTS: Record<LotOrderEvent, ('BUYER' | 'SELLER' | 'SUPPORT')[]> = {
  paid: ['BUYER', 'SELLER'],
  delivered: ['BUYER'],
  confirmed: ['SELLER'],
  'auto-confirmed': ['BUYER', 'SELLER'],
  disputed: ['SELLER', 'SUPPORT'],
  refunded: ['BUYER', 'SELLER'],
  released: ['BUYER', 'SELLER'],
  'seller-cancelled': ['BUYER'],
  expired: ['BUYER'],
};

/** Tells the order's parties (in their languages) what happened; the buyer of an auto-delivered order gets the goods. */
export async function notifyLotOrder(api: Api, deps: Pick<BotDeps, 'core' | 'logger' | 'adminIds'>, orderId: number, event: LotOrderEvent): Promise<void> {
  const order = await deps.core.db.lotOrder.findUnique({
    where: { id: orderId },
    include: { buyer: { select: { telegramId: true, language: true } }, seller: { select: { telegramId: true, language: true } }, goods: { orderBy: { id: 'asc' } } },
  });
  if (!order) return;
  const targets: { telegramId: bigint; language: string; role: 'BUYER' | 'SELLER' | 'SUPPORT' }[] = [];
  for (const role of RECIPIENTS[event]) {
    if (role === 'BUYER') targets.push({ ...order.buyer, role });
    else if (role === 'SELLER') targets.push({ ...order.seller, role });
    else targets.push(...(await supportRecipients(deps)).map((s) => ({ ...s, role })));
  }
  for (const target of targets) {
    const t = translatorFor(target.language);
    let text = t(`mko-notice-${event}-${target.role.toLowerCase()}`, { order: String(order.id) });
    if (event === 'paid' && target.role === 'BUYER' && order.goods.length) text += `\n\n${t('mko-order-goods')}\n${order.goods.map((g) => g.content).join('\n')}`;
    await api
      .sendMessage(Number(target.telegramId), text, { reply_markup: openOrderKeyboard(t, order.id) })
      .catch((error) => deps.logger.warn({ err: error, orderId }, 'could not send a market order notice'));
  }
}

async function supportRecipients(deps: Pick<BotDeps, 'core' | 'adminIds'>): Promise<{ telegramId: bigint; language: string }[]> {
  const staff = await deps.core.db.user.findMany({ where: { roles: { hasSome: ['SUPPORT', 'ADMIN'] } }, select: { telegramId: true, language: true } });
  const all = new Map<bigint, string>(deps.adminIds.map((id) => [id, 'en']));
  for (const s of staff) all.set(s.telegramId, s.language);
  return [...all].map(([telegramId, language]) => ({ telegramId, language }));
}

/** Relays a chat message: the recipients see the sender's part ("Buyer", "Seller", "Support") and the order number, never an account. */
async function relayMessage(api: Api, deps: Pick<BotDeps, 'core' | 'logger'>, message: { orderId: number; senderRole: 'BUYER' | 'SELLER' | 'SUPPORT'; text: string; recipientIds: number[] }) {
  const users = await deps.core.db.user.findMany({ where: { id: { in: message.recipientIds } }, select: { telegramId: true, language: true } });
  for (const user of users) {
    const t = translatorFor(user.language);
    const text = t('mko-relay', { order: String(message.orderId), from: t(PARTY_KEYS[message.senderRole]), text: message.text });
    await api.sendMessage(Number(user.telegramId), text, { reply_markup: new InlineKeyboard().text(t('mko-button-reply'), mkoCb.message.build(message.orderId)).text(t('mko-button-view'), mkoCb.view.build(message.orderId)) }).catch((error) => deps.logger.warn({ err: error }, 'could not relay an order message'));
  }
}

/** After a lot order's payment was applied (webhook, reconciliation, Stars): the sides hear of it. */
export async function notifyLotOrderPayment(api: Api, deps: Pick<BotDeps, 'core' | 'logger' | 'adminIds'>, applied: { outcome: string; lotOrderId?: number; status?: string; orderStatus?: string }): Promise<void> {
  if (applied.outcome !== 'APPLIED' || !applied.lotOrderId) return;
  if (applied.status === 'SUCCEEDED') await notifyLotOrder(api, deps, applied.lotOrderId, 'paid');
  else if (applied.status === 'EXPIRED' && applied.orderStatus === 'EXPIRED') await notifyLotOrder(api, deps, applied.lotOrderId, 'expired');
}
