import type { RateSource } from '../rates/rates.js';

/**
 * Rates for the `crypto` currencies, which no bank publishes (other pairs are the source's alone): the pair itself when a source answers it,
 * otherwise a cross through `via` (USD), e.g. RUB → USD at the published rate and USD → ETH at the
 * configured one (FIXED_RATES `ETH/USD=…`, the token pegged as `USD/<symbol>=1`). The product is
 * not rounded: the amount is computed from it and rounded up once, to the minor unit.
 */
export function crossRates(source: RateSource, crypto: readonly string[], via = 'USD'): RateSource {
  return {
    async get(base, quote) {
      const direct = await source.get(base, quote);
      if (direct || base === via || quote === via || !(crypto.includes(base) || crypto.includes(quote))) return direct;
      const [first, second] = await Promise.all([source.get(base, via), source.get(via, quote)]);
      if (!first || !second) return null;
      return { base, quote, rate: first.rate.times(second.rate), asOf: new Date(Math.min(first.asOf.getTime(), second.asOf.getTime())) };
    },
  };
}
