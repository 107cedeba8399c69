import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config.js';

const TOKEN = '123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456789';

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  test('no environment at all gives a working default: PGlite in ./data, port 3000, bot off', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.bot.token).toBeUndefined();
    expect(config.bot.mode).toBe('polling');
    expect(config.bot.apiRoot).toBe('https://api.telegram.org');
    expect(config.sale.referralLevelPercents).toEqual(['3', '1']);
    expect(config.sale.reservationMinutes).toBe(30);
  });

  test('blank values count as unset, as in a .env copied from .env.example', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', BOT_TOKEN: '' }).port).toBe(3000);
  });

  test('values are parsed into their types', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@localhost:5432/market',
      BOT_TOKEN: TOKEN,
      ADMIN_TELEGRAM_IDS: '1, 22,333',
      REFERRAL_LEVEL_PERCENTS: '5,2.5,1',
      REFERRAL_MIN_PURCHASE: '100',
      STARS_ENABLED: 'true',
    });
    expect(config.port).toBe(8080);
    expect(config.bot.adminIds).toEqual([1n, 22n, 333n]);
    expect(config.sale.referralLevelPercents).toEqual(['5', '2.5', '1']);
    expect(config.sale.referralMinPurchase).toBe(100n);
    expect(config.raw.STARS_ENABLED).toBe(true);
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT', /whole number from 1 to 65535/],
    [{ PORT: '70000' }, 'PORT', /whole number/],
    [{ PORT: '-1' }, 'PORT', /whole number/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgresql:\/\//],
    [{ BOT_TOKEN: 'nonsense' }, 'BOT_TOKEN', /BotFather/],
    [{ BOT_MODE: 'push' }, 'BOT_MODE', /polling or webhook/],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT', /URL/],
    [{ ADMIN_TELEGRAM_IDS: '12,abc' }, 'ADMIN_TELEGRAM_IDS', /ids separated by commas/],
    [{ REFERRAL_LEVEL_PERCENTS: '3,x' }, 'REFERRAL_LEVEL_PERCENTS', /percents/],
    [{ REFERRAL_LEVEL_PERCENTS: '101' }, 'REFERRAL_LEVEL_PERCENTS', /percents/],
    [{ RESERVATION_MINUTES: '0' }, 'RESERVATION_MINUTES', /whole number/],
    [{ STARS_ENABLED: 'maybe' }, 'STARS_ENABLED', /true or false/],
    [{ ETH_TOKEN_ADDRESS: '0x123', ETH_RPC_URL: 'http://127.0.0.1:8545', ETH_CHAIN_ID: '1' }, 'ETH_TOKEN_ADDRESS', /address/],
    [{ BOT_MODE: 'webhook', BOT_TOKEN: TOKEN, WEBHOOK_SECRET: 's' }, 'PUBLIC_URL', /required when BOT_MODE=webhook/],
    [{ STRIPE_SECRET_KEY: 'sk_test_1' }, 'STRIPE_WEBHOOK_SECRET', /required when STRIPE_SECRET_KEY is set/],
    [{ QIWI_SITE_ID: 'site' }, 'QIWI_SECRET_KEY', /required when QIWI_SITE_ID is set/],
    [{ PAYOUT_PRIVATE_KEY: 'ab'.repeat(32) }, 'ETH_RPC_URL', /required/],
  ])('%j stops start-up naming %s', (env, variable, expected) => {
    const error = errorFor(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(expected);
    expect(error.message.startsWith(`Invalid configuration: ${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  test('a bad secret is named but its value is never echoed', () => {
    const error = errorFor({ PAYOUT_PRIVATE_KEY: 'my-secret-value', ETH_RPC_URL: 'http://x', ETH_CHAIN_ID: '1' });
    expect(error.variable).toBe('PAYOUT_PRIVATE_KEY');
    expect(error.message).not.toContain('my-secret-value');
  });
});
