import { type Clock, systemClock } from '../deps.js';
import type { Rate, RateSource } from './rates.js';

/**
 * A RateSource that remembers each pair's answer (a rate, or none) for `ttlMs`. For read paths
 * that convert on every request (the market listing asks for every market currency each time):
 * rates are published daily, so a minute-old answer is as good, and saves the look-up statements.
 * A stale rate still turns into null within `ttlMs`. Not for checkout, which asks the source itself.
 */
export function cachedRates(source: RateSource, options: { ttlMs: number; clock?: Clock }): RateSource {
  const clock = options.clock ?? systemClock;
  const cache = new Map<string, { at: number; rate: Promise<Rate | null> }>();
  return {
    get(base, quote) {
      const key = `${base}/${quote}`;
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit.rate;
      const rate = source.get(base, quote);
      cache.set(key, { at: now, rate });
      // A failed look-up is not remembered.
      rate.catch(() => cache.delete(key));
      return rate;
    },
  };
}
