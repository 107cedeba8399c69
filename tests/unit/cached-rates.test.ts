import { describe, expect, test } from 'vitest';
import { Dec } from '../../src/core/money.js';
import { cachedRates } from '../../src/core/rates/cached-rates.js';
import type { RateSource } from '../../src/core/rates/rates.js';
import { fixedClock } from '../support/factories.js';

describe('cached rates', () => {
  test('each pair is asked once per ttl, an answer of none included; a failure is not kept', async () => {
    const asked: string[] = [];
    let fail = false;
    const source: RateSource = {
      async get(base, quote) {
        asked.push(`${base}/${quote}`);
        if (fail) throw new Error('database down');
        return base === 'USD' ? { base, quote, rate: new Dec(90), asOf: new Date(0) } : null;
      },
    };
    const clock = fixedClock();
    const rates = cachedRates(source, { ttlMs: 60_000, clock });
    expect((await rates.get('USD', 'RUB'))?.rate.toString()).toBe('90');
    expect(await rates.get('GBP', 'RUB')).toBeNull();
    await rates.get('USD', 'RUB');
    await rates.get('GBP', 'RUB');
    expect(asked).toEqual(['USD/RUB', 'GBP/RUB']);
    clock.advance(60_000);
    fail = true;
    await expect(rates.get('USD', 'RUB')).rejects.toThrow('database down');
    fail = false;
    await rates.get('USD', 'RUB');
    expect(asked).toEqual(['USD/RUB', 'GBP/RUB', 'USD/RUB', 'USD/RUB']);
  });
});
