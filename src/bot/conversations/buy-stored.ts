import { Dec } from '../../core/money.js';

/**
 * What a conversation keeps of an `external` result, in JSON terms. Core results carry BigInt
 * token amounts, Dates and Decimal prices; the replay state is JSON in the database, where a
 * Decimal would come back a plain object and a Date a string. Each is tagged and revived.
 */
export type Stored = null | boolean | number | string | Stored[] | { [key: string]: Stored };

export function toStored(value: unknown): Stored {
  if (typeof value === 'bigint') return { $big: value.toString() };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Dec.isDecimal(value)) return { $dec: value.toString() };
  if (Array.isArray(value)) return value.map(toStored);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.map(([k, v]) => [k, toStored(v)]));
  }
  if (value === undefined) return null;
  return value as Stored;
}

export function fromStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStored);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (typeof record.$big === 'string') return BigInt(record.$big);
    if (typeof record.$date === 'string') return new Date(record.$date);
    if (typeof record.$dec === 'string') return new Dec(record.$dec);
  }
  return Object.fromEntries(keys.map((k) => [k, fromStored(record[k])]));
}
