import { expect, test } from 'vitest';
import { loadConfig } from '../../src/infra/config.js';

test('rate settings default to the real CBR and ECB documents, 96 hours (a weekend of the ECB) and 60 minutes', () => {
  expect(loadConfig({}).rates).toEqual({
    cbrUrl: 'https://www.cbr.ru/scripts/XML_daily.asp',
    ecbUrl: 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml',
    maxAgeHours: 96,
    refreshMinutes: 60,
  });
  const set = loadConfig({ CBR_RATES_URL: 'http://127.0.0.1:9/cbr', ECB_RATES_URL: 'http://127.0.0.1:9/ecb', RATES_MAX_AGE_HOURS: '96', RATES_REFRESH_MINUTES: '15' });
  expect(set.rates).toEqual({ cbrUrl: 'http://127.0.0.1:9/cbr', ecbUrl: 'http://127.0.0.1:9/ecb', maxAgeHours: 96, refreshMinutes: 15 });
});

test.each([
  ['CBR_RATES_URL', 'cbr.ru', /^Invalid configuration: CBR_RATES_URL: expected an http\(s\) URL$/],
  ['ECB_RATES_URL', 'ftp://x', /^Invalid configuration: ECB_RATES_URL: expected an http\(s\) URL$/],
  ['RATES_MAX_AGE_HOURS', '0', /^Invalid configuration: RATES_MAX_AGE_HOURS: expected a whole number from 1 to 720$/],
  ['RATES_REFRESH_MINUTES', '1.5', /^Invalid configuration: RATES_REFRESH_MINUTES: expected a whole number from 1 to 1440$/],
])('a malformed %s is refused, naming it', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});
