import { z } from 'zod';
import type { MarketSettings } from '../core/market/deps.js';
import { isSupportedCurrency } from '../core/money.js';

/**
 * Every setting the app reads, from the environment, in one schema. An empty string counts as
 * unset, so a `.env` copied from `.env.example` with blanks behaves like no variable at all.
 */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blank, z.string().trim().optional());
const url = (what = 'an http(s) URL') =>
  z.preprocess(blank, z.string().trim().regex(/^https?:\/\/[^\s/]+/i, `expected ${what}`).optional());
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().int().min(min, `expected a whole number from ${min} to ${max}`).max(max, `expected a whole number from ${min} to ${max}`))
      .default(fallback),
  );
const flag = z.preprocess(
  blank,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(false),
);
const percent = /^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/;

const schema = z
  .object({
    NODE_ENV: z.preprocess(blank, z.enum(['development', 'production', 'test']).default('development')),
    LOG_LEVEL: z.preprocess(blank, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    PORT: int(1, 65535, 3000),
    DATABASE_URL: z.preprocess(
      blank,
      z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgresql:// connection string').optional(),
    ),
    DATABASE_POOL_SIZE: int(1, 500, 20),
    DATA_DIR: z.preprocess(blank, z.string().default('./data')),

    BOT_TOKEN: z.preprocess(blank, z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'expected a token from @BotFather (123456:ABC...)').optional()),
    TELEGRAM_API_ROOT: url().default('https://api.telegram.org'),
    BOT_MODE: z.preprocess(blank, z.enum(['polling', 'webhook'], { error: 'expected polling or webhook' }).default('polling')),
    WEBHOOK_SECRET: z.preprocess(blank, z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters of A-Z a-z 0-9 _ -').optional()),
    PUBLIC_URL: url('the public https URL of this app'),
    ADMIN_TELEGRAM_IDS: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'expected Telegram user ids separated by commas')
        .transform((v) => v.split(',').map((id) => BigInt(id.trim())))
        .default([]),
    ),

    RESERVATION_MINUTES: int(1, 24 * 60, 30),
    REFERRAL_LEVEL_PERCENTS: z.preprocess(
      blank,
      z
        .string()
        .transform((v) => v.split(',').map((p) => p.trim()))
        .refine((list) => list.length <= 10 && list.every((p) => percent.test(p)), 'expected up to 10 percents separated by commas, e.g. 3,1')
        .default(['3', '1']),
    ),
    REFERRAL_MIN_PURCHASE: int(0, Number.MAX_SAFE_INTEGER, 0),

    // Conversion rates until live ones arrive: "USD/RUB=92.5,USD/XTR=65" (each pair also works inverted).
    FIXED_RATES: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\s*[A-Z]{3,4}\/[A-Z]{3,4}=\d+(\.\d+)?\s*(,\s*[A-Z]{3,4}\/[A-Z]{3,4}=\d+(\.\d+)?\s*)*$/, 'expected pairs like USD/RUB=92.5,USD/XTR=65')
        .transform((v) => Object.fromEntries(v.split(',').map((pair) => pair.trim().split('=') as [string, string])))
        .refine((rates) => Object.values(rates).every((r) => Number(r) > 0), 'expected rates above zero')
        .default({ 'USD/RUB': '90', 'USD/XTR': '50', 'EUR/RUB': '100', 'EUR/USD': '1.08' }),
    ),
    PAYMENT_RECONCILE_MINUTES: int(1, 24 * 60, 10),
    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_API_URL: url(),
    YOOMONEY_WALLET: z.preprocess(blank, z.string().regex(/^\d{11,20}$/, 'expected a YooMoney wallet number').optional()),
    YOOMONEY_NOTIFICATION_SECRET: optionalString,
    YOOMONEY_API_URL: url(),
    YOOKASSA_SHOP_ID: z.preprocess(blank, z.string().regex(/^\d+$/, 'expected a numeric shop id').optional()),
    YOOKASSA_SECRET_KEY: optionalString,
    YOOKASSA_API_URL: url(),
    SBER_USERNAME: optionalString,
    SBER_PASSWORD: optionalString,
    SBER_CALLBACK_KEY: optionalString,
    SBER_API_URL: url(),
    QIWI_SECRET_KEY: optionalString,
    QIWI_SITE_ID: optionalString,
    QIWI_API_URL: url(),
    STARS_ENABLED: flag,

    // Published exchange rates: the CBR (X/RUB) and ECB (EUR/X) daily documents, refreshed every
    // RATES_REFRESH_MINUTES; a rate older than RATES_MAX_AGE_HOURS stops checkout that needs it.
    CBR_RATES_URL: url().default('https://www.cbr.ru/scripts/XML_daily.asp'),
    ECB_RATES_URL: url().default('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml'),
    // 96 h: the ECB publishes on working days only, so its Friday rate is ~64 h old on Monday morning.
    RATES_MAX_AGE_HOURS: int(1, 24 * 30, 96),
    RATES_REFRESH_MINUTES: int(1, 24 * 60, 60),

    // The game-goods market: the currencies lots are priced in (and buyers may display prices in),
    // the display currency by default, and whether seller applications are approved at once.
    MARKET_CURRENCIES: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\s*[A-Z]{3,4}(\s*,\s*[A-Z]{3,4})*\s*$/, 'expected currency codes separated by commas, e.g. RUB,USD,EUR')
        .transform((v) => [...new Set(v.split(',').map((c) => c.trim()))])
        .refine((list) => list.every(isSupportedCurrency), 'expected currencies the app knows (see src/core/money.ts)')
        .default(['RUB', 'USD', 'EUR']),
    ),
    MARKET_DISPLAY_CURRENCY: z.preprocess(blank, z.string().regex(/^[A-Z]{3,4}$/, 'expected a currency code such as RUB').default('RUB')),
    MARKET_SELLER_AUTO_APPROVE: flag,

    ETH_RPC_URL: url('an http(s) JSON-RPC URL'),
    ETH_CHAIN_ID: z.preprocess(blank, z.string().regex(/^\d+$/, 'expected a chain id such as 1').transform(Number).optional()),
    ETH_CONFIRMATIONS: int(0, 1000, 12),
    ETH_XPUB: z.preprocess(blank, z.string().regex(/^[xt]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/, 'expected an extended public key (xpub...)').optional()),
    ETH_TOKEN_ADDRESS: z.preprocess(blank, z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte address').optional()),
    PAYOUT_PRIVATE_KEY: z.preprocess(blank, z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'expected a 32-byte hex private key').optional()),
  })
  .superRefine((env, ctx) => {
    const need = (name: keyof typeof env, when: string) => {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required ${when}` });
    };
    if (env.BOT_MODE === 'webhook') {
      need('PUBLIC_URL', 'when BOT_MODE=webhook');
      need('WEBHOOK_SECRET', 'when BOT_MODE=webhook');
      need('BOT_TOKEN', 'when BOT_MODE=webhook');
    }
    const pairs: [keyof typeof env, keyof typeof env][] = [
      ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
      ['YOOMONEY_WALLET', 'YOOMONEY_NOTIFICATION_SECRET'],
      ['YOOKASSA_SHOP_ID', 'YOOKASSA_SECRET_KEY'],
      ['SBER_USERNAME', 'SBER_PASSWORD'],
      ['QIWI_SECRET_KEY', 'QIWI_SITE_ID'],
    ];
    if (!env.MARKET_CURRENCIES.includes(env.MARKET_DISPLAY_CURRENCY)) {
      ctx.addIssue({ code: 'custom', path: ['MARKET_DISPLAY_CURRENCY'], message: 'expected one of MARKET_CURRENCIES' });
    }
    for (const [a, b] of pairs) {
      if (env[a] !== undefined && env[b] === undefined) need(b, `when ${a} is set`);
      if (env[b] !== undefined && env[a] === undefined) need(a, `when ${b} is set`);
    }
    if (env.ETH_XPUB !== undefined || env.ETH_TOKEN_ADDRESS !== undefined || env.PAYOUT_PRIVATE_KEY !== undefined) {
      need('ETH_RPC_URL', 'when an ETH_ setting is used');
      need('ETH_CHAIN_ID', 'when an ETH_ setting is used');
    }
  });

export type Env = z.output<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  port: number;
  databaseUrl?: string;
  databasePoolSize: number;
  dataDir: string;
  bot: {
    token?: string;
    apiRoot: string;
    mode: 'polling' | 'webhook';
    webhookSecret?: string;
    publicUrl?: string;
    adminIds: bigint[];
  };
  sale: {
    reservationMinutes: number;
    /** Percents for referral levels 2, 3, ...; level 1 takes the round's own percent. */
    referralLevelPercents: string[];
    referralMinPurchase: bigint;
  };
  payments: {
    fixedRates: Record<string, string>;
    /** Payments open longer than this are asked about at their provider. */
    reconcileAfterMinutes: number;
  };
  rates: {
    cbrUrl: string;
    ecbUrl: string;
    /** A published rate older than this (from the start of its date) is not used. */
    maxAgeHours: number;
    refreshMinutes: number;
  };
  market: MarketSettings;
  /** The raw, validated variables, for the provider and Ethereum settings. */
  raw: Env;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, readonly expected: string) {
    super(`Invalid configuration: ${variable}: ${expected}`);
  }
}

/** Reads the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: env.DATA_DIR,
    bot: {
      token: env.BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      mode: env.BOT_MODE,
      webhookSecret: env.WEBHOOK_SECRET,
      publicUrl: env.PUBLIC_URL,
      adminIds: env.ADMIN_TELEGRAM_IDS,
    },
    sale: {
      reservationMinutes: env.RESERVATION_MINUTES,
      referralLevelPercents: env.REFERRAL_LEVEL_PERCENTS,
      referralMinPurchase: BigInt(env.REFERRAL_MIN_PURCHASE),
    },
    payments: { fixedRates: env.FIXED_RATES, reconcileAfterMinutes: env.PAYMENT_RECONCILE_MINUTES },
    rates: { cbrUrl: env.CBR_RATES_URL, ecbUrl: env.ECB_RATES_URL, maxAgeHours: env.RATES_MAX_AGE_HOURS, refreshMinutes: env.RATES_REFRESH_MINUTES },
    market: {
      currencies: env.MARKET_CURRENCIES,
      defaultDisplayCurrency: env.MARKET_DISPLAY_CURRENCY,
      sellerAutoApprove: env.MARKET_SELLER_AUTO_APPROVE,
    },
    raw: env,
  };
}

/** Loads `./.env` into process.env when the file exists; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** For the entry points: ./.env plus the environment, or one line naming the bad variable and exit 1. */
export function configFromEnvironment(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
