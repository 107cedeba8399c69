import { describe, expect, test } from 'vitest';
import { parseTokenAmount } from '../../src/core/tokens/amount.js';

describe('token amount as typed by a buyer', () => {
  test.each([
    ['100', 100n],
    [' 2500 ', 2500n],
    ['10 000', 10_000n],
    ['1_000', 1000n],
    ['15.0', 15n],
    ['15,00', 15n],
    [42, 42n],
    [7n, 7n],
  ])('%s is a whole number of tokens', (input, expected) => {
    expect(parseTokenAmount(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['0', 'AMOUNT_TOO_SMALL'],
    ['-5', 'AMOUNT_TOO_SMALL'],
    [-1, 'AMOUNT_TOO_SMALL'],
    [0n, 'AMOUNT_TOO_SMALL'],
    ['-99999999999999999999999', 'AMOUNT_TOO_SMALL'],
    ['1.5', 'AMOUNT_NOT_WHOLE'],
    ['0,25', 'AMOUNT_NOT_WHOLE'],
    [2.5, 'AMOUNT_NOT_WHOLE'],
    ['1000000000000001', 'AMOUNT_TOO_LARGE'],
    ['99999999999999999999999999999', 'AMOUNT_TOO_LARGE'],
    [Number.MAX_SAFE_INTEGER + 2, 'AMOUNT_TOO_LARGE'],
    ['', 'AMOUNT_INVALID'],
    ['abc', 'AMOUNT_INVALID'],
    ['1e3', 'AMOUNT_INVALID'],
    ['0x10', 'AMOUNT_INVALID'],
    ['12abc', 'AMOUNT_INVALID'],
    ['+-3', 'AMOUNT_INVALID'],
    [Number.NaN, 'AMOUNT_INVALID'],
    [Number.POSITIVE_INFINITY, 'AMOUNT_INVALID'],
  ])('%s is refused as %s', (input, code) => {
    expect(parseTokenAmount(input)).toEqual({ ok: false, code });
  });
});
