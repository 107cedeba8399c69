import { createConversation } from '@grammyjs/conversations';
import { Composer, type Middleware } from 'grammy';
import { tokenBalance } from '../../core/ledger/balance.js';
import { currentSale } from '../../core/tokens/current-sale.js';
import { cancelOrder } from '../../core/tokens/release-reservations.js';
import { userPurchases } from '../../core/tokens/user-purchases.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext, ConversationContext } from '../context.js';
import { BUY_CONVERSATION, buyTokensConversation } from '../conversations/buy-tokens.js';
import { buyCb } from '../keyboards/buy-buttons.js';
import { balanceScreen, orderCancelScreen, purchasesScreen } from '../screens/sale-account.js';
import { saleCardScreen } from '../screens/sale-card.js';
import { present } from '../screens/sale-screen.js';

/**
 * The token sale: the active round's card (menu → Buy tokens), buying (a conversation), my
 * purchases, the balance, and cancelling a pending order.
 */
export const buyTokensFeature = new Composer<BotContext>();

const PURCHASES_PER_PAGE = 5;

async function showSaleCard(ctx: BotContext) {
  const sale = await currentSale(ctx.deps.core, ctx.deps.tokenId);
  await present(ctx, saleCardScreen(ctx.t, sale, ctx.deps.core.clock.now()));
}

async function showBalance(ctx: BotContext) {
  const balance = await tokenBalance(ctx.deps.core.db, buyerId(ctx), ctx.deps.tokenId);
  await present(ctx, balanceScreen(ctx.t, balance));
}

onCallback(buyTokensFeature, cb.buy, showSaleCard);
buyTokensFeature.chatType('private').command('buy', showSaleCard);

onCallback(buyTokensFeature, buyCb.start, async (ctx) => {
  // Buying starts afresh: whatever flow the chat was in, the buyer chose this one.
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BUY_CONVERSATION);
});

onCallback(buyTokensFeature, cb.balance, showBalance);
buyTokensFeature.chatType('private').command('balance', showBalance);

onCallback(buyTokensFeature, cb.purchases, async (ctx, page) => {
  let purchases = await userPurchases(ctx.deps.core.db, buyerId(ctx), { page, pageSize: PURCHASES_PER_PAGE });
  // A page past the end (orders changed since the button was drawn): show the last one.
  if (purchases.items.length === 0 && purchases.total > 0) {
    purchases = await userPurchases(ctx.deps.core.db, buyerId(ctx), { page: purchases.pages, pageSize: PURCHASES_PER_PAGE });
  }
  await present(ctx, purchasesScreen(ctx.t, purchases));
});

onCallback(buyTokensFeature, buyCb.cancelOrder, async (ctx, orderId) => {
  const result = await cancelOrder(ctx.deps.core, { buyerId: buyerId(ctx), orderId });
  await present(ctx, orderCancelScreen(ctx.t, orderId, result.ok ? 'CANCELLED' : result.code));
});

/** Every button press and command comes from a user, registered by the account middleware. */
function buyerId(ctx: BotContext): number {
  if (!ctx.account) throw new Error('no account behind the update');
  return ctx.account.id;
}

/** The conversations this feature registers (createConversation), installed before any feature. */
export function buyTokensConversations(): Middleware<BotContext>[] {
  return [createConversation<BotContext, ConversationContext>(buyTokensConversation, { id: BUY_CONVERSATION })];
}
