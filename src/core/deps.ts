import type { Decimal } from 'decimal.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The few logger methods the core uses; pino's Logger fits. */
export interface CoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SaleSettings {
  /** How long a started purchase holds its tokens. */
  reservationMinutes: number;
  /** Percents for referral levels 2, 3, ...; level 1 earns the round's own referral percent. */
  referralLevelPercents: Decimal[];
  /** Orders below this many tokens earn no referral rewards (0: every order does). */
  referralMinPurchase: bigint;
}

export interface CoreDeps {
  db: Db;
  clock: Clock;
  logger: CoreLogger;
  sale: SaleSettings;
}
