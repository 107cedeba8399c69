import { Decimal } from 'decimal.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type Clock, systemClock } from '../deps.js';
import { Dec } from '../money.js';
import type { Rate, RateSource } from './rates.js';
import { RATE_DECIMALS } from './store-rates.js';

/** The currencies the published rates are quoted against: CBR's X/RUB and the ECB's EUR/X. */
const PIVOTS = ['RUB', 'EUR'] as const;

const round = (rate: Dec) => rate.toDecimalPlaces(RATE_DECIMALS, Decimal.ROUND_HALF_UP);

/**
 * A RateSource over the newest stored published rates (store-rates.ts). For base → quote it takes,
 * of these, the one whose (oldest) rate date is the newest:
 * - the pair as stored (either source),
 * - the inverse of the opposite pair: 1 / rate,
 * - a cross through RUB or EUR: (base → pivot) × (pivot → quote), each leg direct or inverse,
 * a derived rate rounded half-up to 10 decimals once, at the end. Its `asOf` is the publication
 * date (of the older leg, for a cross).
 *
 * When that rate is older than `maxAgeHours` (counted from the start of its date, UTC) the answer
 * is null, so checkout in a converted currency stops (createPayment's RATE_UNAVAILABLE) instead of
 * charging at an outdated rate.
 *
 * `fallback` (the configured fixed rates) answers only for a pair no stored rate can give at all,
 * e.g. Telegram Stars (XTR), which no bank publishes, or before the first refresh ever succeeded.
 * It never stands in for a stale published rate: a stale rate means the feed is broken, and a
 * fixed rate from config is likely further off than the stale one.
 */
export function storedRates(db: PrismaClient, options: { maxAgeHours: number; clock?: Clock; fallback?: RateSource }): RateSource {
  const clock = options.clock ?? systemClock;
  const maxAgeMs = options.maxAgeHours * 3_600_000;

  async function newest(base: string, quote: string): Promise<Rate | null> {
    const row = await db.currencyRate.findFirst({ where: { base, quote }, orderBy: [{ rateDate: 'desc' }, { fetchedAt: 'desc' }] });
    return row ? { base, quote, rate: new Dec(row.rate.toString()), asOf: row.rateDate } : null;
  }
  /** base → quote from the stored rows, direct or inverted (not rounded yet). */
  async function leg(base: string, quote: string): Promise<Rate | null> {
    const [direct, opposite] = await Promise.all([newest(base, quote), newest(quote, base)]);
    const inverse = opposite && { base, quote, rate: new Dec(1).div(opposite.rate), asOf: opposite.asOf };
    return newer(direct, inverse);
  }

  return {
    async get(base, quote) {
      if (base === quote) return { base, quote, rate: new Dec(1), asOf: clock.now() };
      const candidates = await Promise.all([
        leg(base, quote),
        ...PIVOTS.filter((pivot) => pivot !== base && pivot !== quote).map(async (pivot): Promise<Rate | null> => {
          const [first, second] = await Promise.all([leg(base, pivot), leg(pivot, quote)]);
          if (!first || !second) return null;
          const asOf = new Date(Math.min(first.asOf.getTime(), second.asOf.getTime()));
          return { base, quote, rate: first.rate.times(second.rate), asOf };
        }),
      ]);
      const best = candidates.reduce<Rate | null>(newer, null);
      if (!best) return options.fallback ? options.fallback.get(base, quote) : null;
      if (clock.now().getTime() - best.asOf.getTime() > maxAgeMs) return null;
      return { ...best, rate: round(best.rate) };
    },
  };
}

/** The later-dated of two rates; on a tie the first. */
function newer(a: Rate | null, b: Rate | null): Rate | null {
  if (!a) return b;
  if (!b) return a;
  return b.asOf > a.asOf ? b : a;
}
