import { Decimal } from 'decimal.js';
import { Dec } from '../money.js';

export interface RoundFigures {
  cap: bigint;
  sold: bigint;
  reserved: bigint;
}

/** Sold as a percentage of the cap, two decimals, rounded down (100.00 only when sold out). */
export function progress(round: Pick<RoundFigures, 'cap' | 'sold'>): Dec {
  if (round.cap <= 0n) return new Dec(0);
  return new Dec(round.sold.toString()).times(100).div(round.cap.toString()).toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** Tokens a buyer can still reserve: pending reservations are not for sale. */
export function tokensLeft(round: RoundFigures): bigint {
  const left = round.cap - round.sold - round.reserved;
  return left > 0n ? left : 0n;
}
