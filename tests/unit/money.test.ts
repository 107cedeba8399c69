import { describe, expect, test } from 'vitest';
import { Dec, formatMinor, minorDigits, priceInMinorUnits, toMinorUnitsFloor } from '../../src/core/money.js';

describe('price in minor units', () => {
  test('is exact when the price lands on a minor unit', () => {
    expect(priceInMinorUnits('0.0125', 100n, 'USD')).toBe(125n);
    expect(priceInMinorUnits('0.01', 1_000_000n, 'USD')).toBe(1_000_000n);
  });

  test('rounds a fraction of a minor unit up, never down', () => {
    expect(priceInMinorUnits('0.0125', 7n, 'USD')).toBe(9n); // 0.0875 USD → 0.09
    expect(priceInMinorUnits('0.0125', 1n, 'USD')).toBe(2n); // 0.0125 → 0.02
    expect(priceInMinorUnits('0.0100000001', 1n, 'USD')).toBe(2n);
  });

  test('follows the currency: whole yen and stars, kopecks for roubles', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(priceInMinorUnits('1.5', 3n, 'JPY')).toBe(5n); // 4.5 yen → 5
    expect(priceInMinorUnits('0.333', 3n, 'RUB')).toBe(100n); // 0.999 RUB → 1.00
    expect(priceInMinorUnits('2', 10n, 'XTR')).toBe(20n);
  });

  test('does not lose precision on amounts beyond what a float holds', () => {
    expect(priceInMinorUnits('0.0000000001', 10n ** 15n, 'USD')).toBe(10_000_000n); // 100,000 USD
    expect(priceInMinorUnits('123456789.1234567891', 999_999_999_999n, 'USD')).toBe(12345678912333333231088n);
  });

  test('refuses a currency it does not know instead of guessing its minor unit', () => {
    expect(() => priceInMinorUnits('1', 1n, 'XXX')).toThrow(/unknown currency/);
  });
});

describe('value and display', () => {
  test('a holding is valued rounding down', () => {
    expect(toMinorUnitsFloor(new Dec('0.0125').times(7), 'USD')).toBe(8n); // 0.0875 → 0.08
  });

  test('minor units print in major units with the currency digits', () => {
    expect(formatMinor(125n, 'USD')).toBe('1.25');
    expect(formatMinor(5n, 'USD')).toBe('0.05');
    expect(formatMinor(7n, 'JPY')).toBe('7');
  });
});
