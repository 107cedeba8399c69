import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { welcome } from '../screens/welcome.js';

/**
 * /start, with or without a payload. Documented payloads:
 * - a referral code (8 letters and digits): the inviter becomes the referrer at the first start;
 * - `lot_<id>`: opens that lot (the market fills this in; until then: not available);
 * - `buy`: opens the token sale card.
 * Anything else is a normal start. The user was registered (and the referrer attributed) by the
 * account middleware before this runs.
 */
export const startFeature = new Composer<BotContext>();
const privateChat = startFeature.chatType('private');

privateChat.command('start', async (ctx) => {
  const payload = ctx.match.trim();
  const lot = /^lot_(\d{1,10})$/.exec(payload);
  if (lot) {
    await ctx.reply(ctx.t('start-lot-unavailable'));
  }
  await welcome(ctx, { fresh: true });
});

privateChat.command('menu', (ctx) => welcome(ctx, { fresh: true }));
