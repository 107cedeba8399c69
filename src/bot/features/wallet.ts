import { Composer, type Middleware } from 'grammy';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { backToMenu } from '../keyboards/main-menu.js';
import { show } from '../screens/show.js';

/** The Wallet entry of the menu; MetaMask linking arrives with the Ethereum work. */
export const walletFeature = new Composer<BotContext>();

onCallback(walletFeature, cb.wallet, (ctx) => show(ctx, ctx.t('wallet-soon'), { reply_markup: backToMenu(ctx) }));

/** The conversations this feature registers (createConversation), installed before any feature. */
export function walletConversations(): Middleware<BotContext>[] {
  return [];
}
