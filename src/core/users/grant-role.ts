import type { Role } from '../../generated/prisma/client.js';
import type { CoreDeps, Db } from '../deps.js';
import { fail, ok, type Result } from '../result.js';

/** Roles an admin hands out; BUYER is everyone's and never granted or revoked. */
export const ASSIGNABLE_ROLES = ['SELLER', 'SUPPORT', 'ADMIN'] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** How an admin names a user: their Telegram id, their @username, or (from a button) our id. */
export type UserRef = { telegramId: bigint } | { username: string } | { userId: number };

export interface RoleHolder {
  userId: number;
  telegramId: bigint;
  username: string | null;
  firstName: string;
  roles: Role[];
}

export type GrantRoleError = 'USER_NOT_FOUND' | 'ROLE_NOT_ASSIGNABLE' | 'SELF_ADMIN_REVOKE';

/**
 * A user as an admin types them: digits are a Telegram id, anything else a username with or
 * without the "@" (Telegram's rules: a letter first, then letters, digits and "_", 4–32 long).
 */
export function parseUserRef(text: string): Result<UserRef, 'USER_REF_INVALID'> {
  const value = text.trim();
  if (/^\d{1,15}$/.test(value) && BigInt(value) > 0n) return ok({ telegramId: BigInt(value) });
  const username = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(value)?.[1];
  return username ? ok({ username }) : fail('USER_REF_INVALID');
}

/** The user a reference points to, with their roles. */
export async function findRoleHolder(db: Db, ref: UserRef): Promise<Result<RoleHolder, 'USER_NOT_FOUND'>> {
  const select = { id: true, telegramId: true, username: true, firstName: true, roles: true } as const;
  let user: { id: number; telegramId: bigint; username: string | null; firstName: string; roles: Role[] } | null;
  if ('userId' in ref) user = await db.user.findUnique({ where: { id: ref.userId }, select });
  else if ('telegramId' in ref) user = await db.user.findUnique({ where: { telegramId: ref.telegramId }, select });
  else {
    // Usernames move between accounts and ours are refreshed only when their owner writes to the
    // bot, so an old holder may still carry one: the most recently seen holder is the current one.
    user = await db.user.findFirst({
      where: { username: { equals: ref.username, mode: 'insensitive' } },
      orderBy: { updatedAt: 'desc' },
      select,
    });
  }
  if (!user) return fail('USER_NOT_FOUND');
  return ok({ userId: user.id, telegramId: user.telegramId, username: user.username, firstName: user.firstName, roles: user.roles });
}

/** Gives the user a role (no change when they have it). */
export function grantRole(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { actorId: number; target: UserRef; role: Role },
): Promise<Result<RoleHolder, GrantRoleError>> {
  return setRole(deps, input, true);
}

/** Takes a role away (no change when they lack it); nobody can take away their own ADMIN. */
export function revokeRole(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { actorId: number; target: UserRef; role: Role },
): Promise<Result<RoleHolder, GrantRoleError>> {
  return setRole(deps, input, false);
}

async function setRole(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { actorId: number; target: UserRef; role: Role },
  granted: boolean,
): Promise<Result<RoleHolder, GrantRoleError>> {
  if (!(ASSIGNABLE_ROLES as readonly Role[]).includes(input.role)) return fail('ROLE_NOT_ASSIGNABLE');
  const found = await findRoleHolder(deps.db, input.target);
  if (!found.ok) return found;
  const holder = found.value;
  // An admin who revokes their own ADMIN could leave the bot with no admin at all.
  if (!granted && input.role === 'ADMIN' && holder.userId === input.actorId) return fail('SELF_ADMIN_REVOKE');
  // One statement, so two admins toggling at once cannot lose each other's change.
  const [row] = await deps.db.$queryRaw<{ roles: Role[] }[]>`
    UPDATE users SET
      roles = CASE
        WHEN ${granted} AND NOT (${input.role}::"Role" = ANY(roles)) THEN array_append(roles, ${input.role}::"Role")
        WHEN NOT ${granted} THEN array_remove(roles, ${input.role}::"Role")
        ELSE roles END,
      updated_at = ${deps.clock.now()}
    WHERE id = ${holder.userId}
    RETURNING roles::text[] AS roles`;
  if (!row) return fail('USER_NOT_FOUND');
  return ok({ ...holder, roles: row.roles });
}
