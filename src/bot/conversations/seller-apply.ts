import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { SellerStatus } from '../../generated/prisma/client.js';
import { applyToSell } from '../../core/market/sellers/apply-to-sell.js';
import { ABOUT_MAX, parseAbout } from '../../core/market/sellers/seller-fields.js';
import { fail, ok } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import { sellErrorText, sellHome } from '../keyboards/selling-screens.js';
import { tellAdmins } from '../notifications-market.js';
import { askValid, STEP_WAIT_MS, type StepConversation } from './lot-ask.js';

export const SELLER_APPLY = 'selling-apply';
const SKIP = 'skip';

/** "About you" (optional: Skip) → the application sent (admins told, with it) or approved at once. */
async function apply(conversation: StepConversation, ctx: ConversationContext): Promise<void> {
  const back = { label: ctx.t('sell-button-back'), data: sellCb.home.build() };
  const about = await askValid<string>(conversation, ctx, ctx.t('sell-ask-about', { max: ABOUT_MAX }), { choices: [{ label: ctx.t('sell-button-skip'), value: SKIP }], backTo: back }, (reply) => {
    if ('choice' in reply) return { value: '' };
    if (!('text' in reply)) return { problem: ctx.t('sell-text-only') };
    const parsed = parseAbout(reply.text);
    return parsed.ok ? { value: parsed.value } : { problem: sellErrorText(ctx, parsed.code) };
  });
  const applied = await conversation.external(async (outer) => {
    const account = outer.account;
    if (!account) return fail('NOT_ALLOWED');
    const autoApprove = outer.deps.market?.sellerAutoApprove ?? false;
    const result = await applyToSell(outer.deps.core, { userId: account.id, autoApprove, about });
    if (!result.ok) return result;
    if (result.value.status === 'APPLIED') {
      const name = account.username ? `@${account.username}` : account.firstName;
      await tellAdmins(outer, about ? 'sell-admin-new-application-about' : 'sell-admin-new-application', { name, about });
    }
    return ok({ status: result.value.status as SellerStatus });
  });
  if (!applied.ok) {
    await ctx.reply(`⚠️ ${sellErrorText(ctx, applied.code)}`, { reply_markup: new InlineKeyboard().text(back.label, back.data) });
    return;
  }
  const { status } = applied.value;
  const screen = sellHome(ctx, { status, rejectReason: null }, ctx.t(status === 'APPLIED' ? 'sell-applied' : 'sell-approved-now'));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

export function sellerApplyConversations() {
  return [createConversation<BotContext, ConversationContext>(apply, { id: SELLER_APPLY, maxMillisecondsToWait: STEP_WAIT_MS })];
}
