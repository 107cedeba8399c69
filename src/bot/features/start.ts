import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { MAX_ID } from '../keyboards/market-buttons.js';
import { showLotCard } from '../screens/market-lot.js';
import { welcome } from '../screens/welcome.js';

/**
 * /start, with or without a payload. Documented payloads:
 * - a referral code (8 letters and digits): the inviter becomes the referrer at the first start;
 * - `lot_<id>`: opens that lot's card (a broken link, an unknown lot or one no longer on sale:
 *   a message saying so, then the menu);
 * - `buy`: opens the token sale card.
 * Anything else is a normal start. The user was registered (and the referrer attributed) by the
 * account middleware before this runs.
 */
export const startFeature = new Composer<BotContext>();
const privateChat = startFeature.chatType('private');

privateChat.command('start', async (ctx) => {
  const payload = ctx.match.trim();
  if (payload.startsWith('lot_')) {
    const lot = /^lot_([1-9]\d{0,9})$/.exec(payload);
    const lotId = lot ? Number(lot[1]) : 0;
    if (lotId < 1 || lotId > MAX_ID) {
      await ctx.reply(ctx.t('start-lot-bad-link'));
    } else {
      const shown = await showLotCard(ctx, lotId, undefined, { fresh: true });
      if (shown === 'ok') return;
      await ctx.reply(ctx.t('start-lot-unavailable'));
    }
  }
  await welcome(ctx, { fresh: true });
});

privateChat.command('menu', (ctx) => welcome(ctx, { fresh: true }));
