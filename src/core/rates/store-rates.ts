import { Decimal } from 'decimal.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Dec } from '../money.js';

export type RateSourceId = 'cbr' | 'ecb';

/** One published document: the date it is for, and each rate as "1 base = rate quote". */
export interface RateDocument {
  /** The publication's date, YYYY-MM-DD. */
  date: string;
  rates: { base: string; quote: string; rate: Dec }[];
}

/** Digits kept for a stored rate (the column is DECIMAL(30,10)); rounding is half-up. */
export const RATE_DECIMALS = 10;

/** A validated YYYY-MM-DD (a real calendar day) as midnight UTC, or null. */
export function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Stores a parsed document: one row per pair for the document's date. Storing the same document
 * again changes nothing but `fetched_at` (and a rate the source corrected for that day).
 * Returns how many rates were written.
 */
export async function storeRates(db: PrismaClient, source: RateSourceId, document: RateDocument, fetchedAt: Date): Promise<number> {
  const rateDate = new Date(`${document.date}T00:00:00Z`);
  if (Number.isNaN(rateDate.getTime())) throw new Error(`bad rate date ${document.date}`);
  await db.$transaction(
    document.rates.map(({ base, quote, rate }) => {
      const value = rate.toDecimalPlaces(RATE_DECIMALS, Decimal.ROUND_HALF_UP).toFixed(RATE_DECIMALS);
      return db.currencyRate.upsert({
        where: { source_base_quote_rateDate: { source, base, quote, rateDate } },
        create: { source, base, quote, rate: value, rateDate, fetchedAt },
        update: { rate: value, fetchedAt },
      });
    }),
  );
  return document.rates.length;
}
