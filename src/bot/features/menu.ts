import { Composer } from 'grammy';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { welcome } from '../screens/welcome.js';

export const menuFeature = new Composer<BotContext>();
onCallback(menuFeature, cb.menu, (ctx) => welcome(ctx));
