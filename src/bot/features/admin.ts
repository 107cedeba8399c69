import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

// Placeholder: filled in by its feature work.
export const adminFeature = new Composer<BotContext>();
