import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config.js';

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('market settings from the environment', () => {
  test('defaults: RUB, USD and EUR, displayed in RUB, applications wait for an admin', () => {
    expect(loadConfig({}).market).toEqual({ currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false });
  });

  test('parsed: a list of codes, a display currency among them, a flag', () => {
    const config = loadConfig({ MARKET_CURRENCIES: 'USD, EUR', MARKET_DISPLAY_CURRENCY: 'EUR', MARKET_SELLER_AUTO_APPROVE: 'true' });
    expect(config.market).toEqual({ currencies: ['USD', 'EUR'], defaultDisplayCurrency: 'EUR', sellerAutoApprove: true });
  });

  test('a bad value names its variable', () => {
    expect(errorFor({ MARKET_CURRENCIES: 'usd' }).message).toMatch(/^Invalid configuration: MARKET_CURRENCIES: /);
    expect(errorFor({ MARKET_CURRENCIES: 'USD,XYZ' }).message).toMatch(/^Invalid configuration: MARKET_CURRENCIES: .*currencies the app knows/);
    expect(errorFor({ MARKET_DISPLAY_CURRENCY: 'GBP' }).message).toMatch(/^Invalid configuration: MARKET_DISPLAY_CURRENCY: expected one of MARKET_CURRENCIES/);
    expect(errorFor({ MARKET_SELLER_AUTO_APPROVE: 'maybe' }).message).toMatch(/^Invalid configuration: MARKET_SELLER_AUTO_APPROVE: /);
  });
});
