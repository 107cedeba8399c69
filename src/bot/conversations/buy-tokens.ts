import type { Conversation } from '@grammyjs/conversations';
import type { CoreDeps } from '../../core/deps.js';
import { cancelOrder } from '../../core/tokens/release-reservations.js';
import { purchaseOffer } from '../../core/tokens/purchase-offer.js';
import { type PurchaseQuote, quotePurchase } from '../../core/tokens/quote-purchase.js';
import { type StartedPurchase, type StartPurchaseError, startPurchase } from '../../core/tokens/start-purchase.js';
import type { Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { buyCb } from '../keyboards/buy-buttons.js';
import { enabledMethods } from '../keyboards/payment-buttons.js';
import { amountScreen, cancelledScreen, endsThePurchase, refusalScreen, refusalText, reservedScreen, summaryScreen } from '../screens/sale-purchase.js';
import { present } from '../screens/sale-screen.js';
import { fromStored, type Stored, toStored } from './buy-stored.js';

export const BUY_CONVERSATION = 'buy-tokens';

type BuyConversation = Conversation<BotContext, ConversationContext>;

/** Where the buyer is: choosing an amount (maybe after a refusal), or looking at the summary. */
type Step = { at: 'amount'; problem?: string } | { at: 'summary'; quote: PurchaseQuote; notice?: string };

/** What the buyer did, with the context of that update (to edit the pressed message or reply). */
type Input = { ctx: ConversationContext } & ({ kind: 'amount'; amount: string } | { kind: 'confirm' | 'change' | 'cancel' });

/**
 * Buying tokens: amount (a preset or typed) → summary with the exact total → Confirm, which
 * reserves the tokens and opens the pending order → the payment step. Nothing is created before
 * Confirm; Cancel is offered at every step; a command or another feature's button leaves the
 * flow and is handled as usual. Every core call runs in `external`, so a replay (or another
 * process picking the conversation up from the database) never repeats a reservation.
 */
export async function buyTokensConversation(conversation: BuyConversation, first: ConversationContext): Promise<void> {
  const { core, tokenId } = first.deps;
  const buyerId = first.account?.id;
  if (buyerId === undefined) throw new Error('a purchase needs a registered buyer');
  let ctx = first;
  let step: Step = { at: 'amount' };

  for (;;) {
    if (step.at === 'amount') {
      const offer = await run(conversation, () => purchaseOffer(core, tokenId));
      if (!offer.ok) return present(ctx, refusalScreen(ctx.t, offer));
      await present(ctx, amountScreen(ctx.t, offer.value, step.problem));
      const input = await nextInput(conversation, 'amount');
      ctx = input.ctx;
      if (input.kind === 'cancel') return present(ctx, cancelledScreen(ctx.t));
      if (input.kind !== 'amount') continue;
      const next = await quoteStep(conversation, core, tokenId, input.amount, ctx);
      if (!next) return;
      step = next;
      continue;
    }

    await present(ctx, summaryScreen(ctx.t, step.quote, core.sale.reservationMinutes, step.notice));
    const input = await nextInput(conversation, 'summary');
    ctx = input.ctx;
    if (input.kind === 'cancel') return present(ctx, cancelledScreen(ctx.t));
    if (input.kind === 'change') {
      step = { at: 'amount' };
      continue;
    }
    if (input.kind === 'amount') {
      // A new amount typed at the summary replaces the old one.
      const next = await quoteStep(conversation, core, tokenId, input.amount, ctx);
      if (!next) return;
      step = next;
      continue;
    }

    const quote: PurchaseQuote = step.quote;
    // The round may have moved on (ended, sold out, next round's price) while the buyer read the
    // summary: price it again first, so an order is only opened at the price on the screen.
    const fresh = await quoteStep(conversation, core, tokenId, quote.amount.toString(), ctx);
    if (!fresh) return;
    if (fresh.at === 'amount' || !sameTerms(fresh.quote, quote)) {
      step = priceChanged(fresh, ctx);
      continue;
    }
    const started: Result<StartedPurchase, StartPurchaseError> = await run(conversation, () => startPurchase(core, { buyerId, tokenId, amount: quote.amount }));
    if (!started.ok) {
      if (endsThePurchase(started)) return present(ctx, refusalScreen(ctx.t, started));
      step = { at: 'amount', problem: refusalText(ctx.t, started) };
      continue;
    }
    const order = started.value;
    if (!sameTerms(order, quote)) {
      // The round moved on in the instant between the check above and the reservation: never
      // charge a price the buyer has not seen. Give the tokens back and show the new summary.
      await run(conversation, () => cancelOrder(core, { buyerId, orderId: order.orderId }));
      const next = await quoteStep(conversation, core, tokenId, quote.amount.toString(), ctx);
      if (!next) return;
      step = priceChanged(next, ctx);
      continue;
    }
    return present(ctx, reservedScreen(ctx.t, { ...order, methods: enabledMethods(ctx.deps.payments.gateways) }));
  }
}

/** The summary again with a word that the terms changed (or the amount step, if it no longer fits). */
function priceChanged(next: Step, ctx: ConversationContext): Step {
  return next.at === 'summary' ? { ...next, notice: ctx.t('buy-summary-price-changed') } : next;
}

/** Same round, same total: what the buyer agreed to. */
function sameTerms(a: { roundId: number; priceMinor: bigint }, b: { roundId: number; priceMinor: bigint }): boolean {
  return a.roundId === b.roundId && a.priceMinor === b.priceMinor;
}

/** Prices an amount: the summary step, the amount step again with the reason, or the end. */
async function quoteStep(
  conversation: BuyConversation,
  core: CoreDeps,
  tokenId: number,
  amount: string,
  ctx: ConversationContext,
): Promise<Step | undefined> {
  const quote = await run(conversation, () => quotePurchase(core, { tokenId, amount }));
  if (quote.ok) return { at: 'summary', quote: quote.value };
  if (endsThePurchase(quote)) {
    await present(ctx, refusalScreen(ctx.t, quote));
    return undefined;
  }
  return { at: 'amount', problem: refusalText(ctx.t, quote) };
}

/** A core call outside the replay, its result kept in the conversation's state (BigInt, Dates, Decimals and all). */
function run<R>(conversation: BuyConversation, task: () => Promise<R>): Promise<R> {
  return conversation.external<R, Stored>({ task, beforeStore: toStored, afterLoad: (stored) => fromStored(stored) as R });
}

/**
 * Waits for the buyer's next move at a step. Commands (/start, /menu, ...) and buttons of other
 * screens leave the conversation and go on to their handlers; buttons of the wrong step are
 * answered as out of date; anything else that is not text gets a hint.
 */
async function nextInput(conversation: BuyConversation, at: Step['at']): Promise<Input> {
  for (;;) {
    const ctx = await conversation.wait();
    const data = ctx.callbackQuery?.data;
    if (data !== undefined) {
      const input = buttonInput(ctx, data);
      if (!input) return conversation.halt({ next: true });
      if (at === 'amount' && (input.kind === 'confirm' || input.kind === 'change')) {
        await ctx.answerCallbackQuery({ text: ctx.t('stale-button') });
        continue;
      }
      await ctx.answerCallbackQuery();
      return input;
    }
    const text = ctx.message?.text;
    if (text?.startsWith('/')) return conversation.halt({ next: true });
    if (text !== undefined) return { ctx, kind: 'amount', amount: text };
    if (ctx.message) await ctx.reply(ctx.t('buy-amount-use-buttons'));
    else await conversation.skip({ next: true });
  }
}

function buttonInput(ctx: ConversationContext, data: string): Input | undefined {
  const preset = buyCb.amount.parse(data);
  if (preset) return { ctx, kind: 'amount', amount: preset[0].toString() };
  if (buyCb.confirm.parse(data)) return { ctx, kind: 'confirm' };
  if (buyCb.change.parse(data)) return { ctx, kind: 'change' };
  if (buyCb.cancel.parse(data)) return { ctx, kind: 'cancel' };
  return undefined;
}
