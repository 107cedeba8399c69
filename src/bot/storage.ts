import type { StorageAdapter } from 'grammy';
import type { Db } from '../core/deps.js';

// JSON cannot carry BigInt (token amounts, Telegram ids): they travel as {"$bigint": "123"}.
// PostgreSQL's jsonb cannot hold a NUL character, which a user can type: such a string travels
// as {"$nul": [the parts between the NULs]}.
const replacer = (_key: string, value: unknown) => {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'string' && value.includes('\u0000')) return { $nul: value.split('\u0000') };
  return value;
};
const reviver = (_key: string, value: unknown) => {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return value;
  if ('$bigint' in value) return BigInt((value as { $bigint: string }).$bigint);
  if ('$nul' in value) return (value as { $nul: string[] }).$nul.join('\u0000');
  return value;
};

/**
 * grammY's storage in the database (table bot_state): sessions and conversations survive a
 * restart and are shared by every instance behind a load balancer.
 */
export function databaseStorage<T>(db: Db, prefix: string): StorageAdapter<T> {
  const full = (key: string) => `${prefix}:${key}`;
  return {
    async read(key) {
      const rows = await db.$queryRaw<{ value: string }[]>`SELECT value::text AS value FROM bot_state WHERE key = ${full(key)}`;
      return rows[0] ? (JSON.parse(rows[0].value, reviver) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value, replacer);
      await db.$executeRaw`
        INSERT INTO bot_state (key, value, updated_at) VALUES (${full(key)}, ${json}::jsonb, now())
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
    },
    async delete(key) {
      await db.$executeRaw`DELETE FROM bot_state WHERE key = ${full(key)}`;
    },
  };
}
