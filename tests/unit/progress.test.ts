import { expect, test } from 'vitest';
import { progress, tokensLeft } from '../../src/core/tokens/progress.js';

test('progress is sold over cap as a percentage, two decimals, rounded down', () => {
  expect(progress({ cap: 1000n, sold: 0n }).toFixed(2)).toBe('0.00');
  expect(progress({ cap: 3n, sold: 1n }).toFixed(2)).toBe('33.33');
  expect(progress({ cap: 3n, sold: 2n }).toFixed(2)).toBe('66.66');
  expect(progress({ cap: 1000n, sold: 999n }).toFixed(2)).toBe('99.90');
  expect(progress({ cap: 100_000n, sold: 99_999n }).toFixed(2)).toBe('99.99'); // never 100 before it is
  expect(progress({ cap: 1000n, sold: 1000n }).toFixed(2)).toBe('100.00');
});

test('tokens left leave out pending reservations and never go negative', () => {
  expect(tokensLeft({ cap: 100n, sold: 30n, reserved: 20n })).toBe(50n);
  expect(tokensLeft({ cap: 100n, sold: 100n, reserved: 0n })).toBe(0n);
  expect(tokensLeft({ cap: 100n, sold: 90n, reserved: 20n })).toBe(0n);
});
