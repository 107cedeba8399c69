import type { AppFlavor } from './context.js';
import type { Context } from 'grammy';

/** Admins: the ADMIN role in the database, or a Telegram id listed in ADMIN_TELEGRAM_IDS. */
export function isAdmin(ctx: Context & AppFlavor): boolean {
  if (ctx.account?.roles.includes('ADMIN')) return true;
  const id = ctx.from?.id;
  return id !== undefined && ctx.deps.adminIds.includes(BigInt(id));
}

export function hasRole(ctx: Context & AppFlavor, role: 'SELLER' | 'SUPPORT' | 'ADMIN'): boolean {
  return role === 'ADMIN' ? isAdmin(ctx) : Boolean(ctx.account?.roles.includes(role));
}
