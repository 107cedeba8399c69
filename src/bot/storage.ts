import type { StorageAdapter } from 'grammy';
import type { Db } from '../core/deps.js';

// JSON cannot carry BigInt (token amounts, Telegram ids): they travel as {"$bigint": "123"}.
const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? { $bigint: value.toString() } : value);
const reviver = (_key: string, value: unknown) =>
  value && typeof value === 'object' && '$bigint' in value && Object.keys(value).length === 1
    ? BigInt((value as { $bigint: string }).$bigint)
    : value;

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
