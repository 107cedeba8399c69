import { describe, expect, test } from 'vitest';
import { lotPurchasePrice } from '../../src/core/market/fee.js';
import { Dec } from '../../src/core/money.js';

const lot = { price: '1.5', priceUnit: 1n, quantity: 2n, currency: 'USD' };

describe('lot purchase price: goods price + commission = max(percent × price, minimum)', () => {
  test('no rule: no fee; the buyer pays the goods price', () => {
    expect(lotPurchasePrice({ ...lot, rule: null })).toEqual({ ok: true, value: { currency: 'USD', priceMinor: 300n, feeMinor: 0n, totalMinor: 300n } });
  });

  test('the percent wins when it is above the minimum', () => {
    const r = lotPurchasePrice({ ...lot, quantity: 100n, rule: { percent: '5', minMinor: 50n, minCurrency: 'USD' } });
    expect(r).toEqual({ ok: true, value: { currency: 'USD', priceMinor: 15000n, feeMinor: 750n, totalMinor: 15750n } });
  });

  test('the minimum wins when the percent is below it', () => {
    const r = lotPurchasePrice({ ...lot, rule: { percent: '5', minMinor: 50n, minCurrency: 'USD' } });
    expect(r).toEqual({ ok: true, value: { currency: 'USD', priceMinor: 300n, feeMinor: 50n, totalMinor: 350n } });
  });

  test('price per 1000 units: 2,500 gold at 5.00 per 1000 is 12.50', () => {
    const r = lotPurchasePrice({ price: '5', priceUnit: 1000n, quantity: 2500n, currency: 'USD', rule: null });
    expect(r.ok && r.value.priceMinor).toBe(1250n);
  });

  test('rounding: the goods price and the percent part are each rounded UP to a minor unit', () => {
    // 7 units at 0.333 per 1000 = 0.002331 USD -> 1 cent; 3 units at 0.015 = 0.045 -> 5 cents.
    expect(lotPurchasePrice({ price: '0.333', priceUnit: 1000n, quantity: 7n, currency: 'USD', rule: null })).toMatchObject({ value: { priceMinor: 1n } });
    expect(lotPurchasePrice({ price: '0.015', priceUnit: 1n, quantity: 3n, currency: 'USD', rule: null })).toMatchObject({ value: { priceMinor: 5n } });
    // 7.5% of 1001 cents = 75.075 -> 76 cents.
    const r = lotPurchasePrice({ price: '10.01', priceUnit: 1n, quantity: 1n, currency: 'USD', rule: { percent: '7.5', minMinor: 0n, minCurrency: 'USD' } });
    expect(r).toMatchObject({ value: { priceMinor: 1001n, feeMinor: 76n, totalMinor: 1077n } });
    // An exact percent is not rounded further: 5% of 1000 cents = 50 cents.
    expect(lotPurchasePrice({ price: '10', priceUnit: 1n, quantity: 1n, currency: 'USD', rule: { percent: '5', minMinor: 0n, minCurrency: 'USD' } })).toMatchObject({ value: { feeMinor: 50n } });
  });

  test('currencies without minor units (JPY) round to whole units', () => {
    const r = lotPurchasePrice({ price: '100.4', priceUnit: 1n, quantity: 1n, currency: 'JPY', rule: { percent: '3', minMinor: 0n, minCurrency: 'JPY' } });
    expect(r).toMatchObject({ value: { priceMinor: 101n, feeMinor: 4n, totalMinor: 105n } });
  });

  test('a minimum in another currency is converted at the given rate, rounded up, or RATE_UNAVAILABLE', () => {
    const rule = { percent: '1', minMinor: 100n, minCurrency: 'USD' }; // 1.00 USD minimum
    const inRub = { price: '90', priceUnit: 1n, quantity: 1n, currency: 'RUB', rule };
    // 1 USD = 90.5 RUB: the minimum is 90.50 RUB; 1% of 90 RUB is 0.90 RUB.
    expect(lotPurchasePrice({ ...inRub, minRate: new Dec('90.5') })).toMatchObject({ value: { priceMinor: 9000n, feeMinor: 9050n, totalMinor: 18050n } });
    expect(lotPurchasePrice({ ...inRub, minRate: null })).toEqual({ ok: false, code: 'RATE_UNAVAILABLE' });
    // A zero minimum needs no rate.
    expect(lotPurchasePrice({ ...inRub, rule: { ...rule, minMinor: 0n } })).toMatchObject({ value: { feeMinor: 90n } });
  });

  test('a 0% rule with no minimum charges nothing; 100% doubles the price', () => {
    expect(lotPurchasePrice({ ...lot, rule: { percent: '0', minMinor: 0n, minCurrency: 'USD' } })).toMatchObject({ value: { feeMinor: 0n } });
    expect(lotPurchasePrice({ ...lot, rule: { percent: '100', minMinor: 0n, minCurrency: 'USD' } })).toMatchObject({ value: { feeMinor: 300n, totalMinor: 600n } });
  });

  test('a quantity or price unit below 1 is refused', () => {
    expect(lotPurchasePrice({ ...lot, quantity: 0n, rule: null })).toEqual({ ok: false, code: 'BAD_QUANTITY' });
    expect(lotPurchasePrice({ ...lot, priceUnit: 0n, rule: null })).toEqual({ ok: false, code: 'BAD_QUANTITY' });
  });
});
