import { Composer, type Middleware } from 'grammy';
import type { BotContext } from '../context.js';

// Placeholder: filled in by its feature work.
export const walletFeature = new Composer<BotContext>();

/** The conversations this feature registers (createConversation), installed before any feature. */
export function walletConversations(): Middleware<BotContext>[] {
  return [];
}
