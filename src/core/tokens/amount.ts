import { fail, ok, type Result } from '../result.js';

export type AmountError = 'AMOUNT_INVALID' | 'AMOUNT_NOT_WHOLE' | 'AMOUNT_TOO_SMALL' | 'AMOUNT_TOO_LARGE';

// Far above any cap; keeps a typed "1e400" from turning into a number Postgres cannot hold.
const MAX_AMOUNT = 10n ** 15n;

/**
 * A token amount as a buyer typed it: digits only (spaces and thin separators allowed: "10 000"),
 * a whole number of at least one token. Fractions, signs, exponents and words are refused.
 */
export function parseTokenAmount(input: string | number | bigint): Result<bigint, AmountError> {
  let text: string;
  if (typeof input === 'bigint') text = input.toString();
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('AMOUNT_INVALID');
    if (!Number.isInteger(input)) return fail('AMOUNT_NOT_WHOLE');
    if (!Number.isSafeInteger(input)) return fail('AMOUNT_TOO_LARGE');
    text = String(input);
  } else text = input.trim().replace(/[\s\u00a0\u202f_']/g, '');

  if (/^[+-]?\d+[.,]\d*$/.test(text) && !/^[+-]?\d+[.,]0*$/.test(text)) return fail('AMOUNT_NOT_WHOLE');
  text = text.replace(/[.,]0*$/, '');
  if (!/^-?\d+$/.test(text)) return fail('AMOUNT_INVALID');
  if (text.length > 20) return fail(text.startsWith('-') ? 'AMOUNT_TOO_SMALL' : 'AMOUNT_TOO_LARGE');
  const amount = BigInt(text);
  if (amount <= 0n) return fail('AMOUNT_TOO_SMALL');
  if (amount > MAX_AMOUNT) return fail('AMOUNT_TOO_LARGE');
  return ok(amount);
}
