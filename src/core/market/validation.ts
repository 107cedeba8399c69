import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';

/** Bad input: `details` names each bad field with the reason. */
export type InvalidInput = 'INVALID_INPUT';

/** Parses `input` with `schema`; a failure names every bad field (path joined by dots). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, InvalidInput> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const details: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'input';
    details[key] ??= issue.message;
  }
  return fail('INVALID_INPUT', details);
}

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
export const requiredText = (max: number) => text(max).min(1, 'required');
export const optionalText = (max: number) => text(max).optional();

/** A positive decimal with at most 10 places (prices, as stored in DECIMAL(30,10)). */
export const decimalString = z
  .string()
  .trim()
  .regex(/^\d{1,20}(\.\d{1,10})?$/, 'expected a decimal number such as 12.50');
export const positiveDecimal = decimalString.refine((v) => Number(v) > 0, 'must be above zero');
export const percentString = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a percent such as 5 or 7.5')
  .refine((v) => Number(v) <= 100, 'at most 100');
export const currencyCode = z.string().trim().regex(/^[A-Z]{3,4}$/, 'expected a currency code such as USD');
export const id = z.number().int().positive().max(2_147_483_647);
export const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected 1-63 characters of a-z 0-9 -');
export const platform = z.enum(['PC', 'IOS', 'ANDROID']);
export const language = z.enum(['EN', 'RU']);
/** A whole number of units as a bigint (quantities, price units), from 1 up to `max`. */
export const units = (max = 10n ** 15n) =>
  z
    .union([z.bigint(), z.number().int(), z.string().regex(/^\d{1,18}$/, 'expected a whole number')])
    .transform((v) => BigInt(v))
    .refine((v) => v >= 1n && v <= max, `expected a whole number from 1 to ${max}`);
