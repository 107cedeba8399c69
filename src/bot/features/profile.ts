import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

// Placeholder: filled in by its feature work.
export const profileFeature = new Composer<BotContext>();
