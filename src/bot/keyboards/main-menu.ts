import { InlineKeyboard } from 'grammy';
import { cb } from '../callback-data.js';
import { mkCb } from './market-buttons.js';
import type { BotContext } from '../context.js';
import { isAdmin } from '../roles.js';
import { sellCb } from './selling-buttons.js';

/** The main menu under the welcome screen and after every finished flow. */
export function mainMenu(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('menu-buy'), cb.buy.build())
    .text(ctx.t('menu-balance'), cb.balance.build())
    .row()
    .text(ctx.t('menu-referrals'), cb.referrals.build())
    .text(ctx.t('menu-profile'), cb.profile.build())
    .row()
    .text(ctx.t('menu-wallet'), cb.wallet.build())
    .text(ctx.t('menu-help'), cb.page.build('help'))
    .row()
    .text(ctx.t('menu-market'), mkCb.markets.build())
    .text(ctx.t('menu-sell'), sellCb.home.build());
  if (isAdmin(ctx)) keyboard.row().text(ctx.t('menu-admin'), cb.admin.build());
  return keyboard;
}

/** A single "back to the menu" button, for the end of a screen. */
export function backToMenu(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('menu-back'), cb.menu.build());
}
