import { Composer, type Middleware } from 'grammy';
import type { BotContext } from '../context.js';

// Placeholder: filled in by its feature work.
export const buyTokensFeature = new Composer<BotContext>();
export function buyTokensConversations(): Middleware<BotContext>[] {
  return [];
}
