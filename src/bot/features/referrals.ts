import { createConversation } from '@grammyjs/conversations';
import { Composer, type Middleware } from 'grammy';
import type { BotContext, ConversationContext } from '../context.js';

export const referralsFeature = new Composer<BotContext>();
referralsFeature.callbackQuery('ref', (ctx) => ctx.conversation.enter('exp'));

export function referralsConversations(): Middleware<BotContext>[] {
  return [createConversation<BotContext, ConversationContext>(async (conversation, ctx) => {
    await ctx.reply('inside 1');
    const next = await conversation.wait();
    await ctx.reply(`inside 2 ${next.message?.text}`);
  }, { id: 'exp' }) as never];
}
