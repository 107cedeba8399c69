import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPayment } from '../../src/core/payments/create-payment.js';
import { Dec } from '../../src/core/money.js';
import { parseCbrDaily } from '../../src/core/rates/parse-cbr.js';
import { parseEcbDaily } from '../../src/core/rates/parse-ecb.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { type RateDocument, storeRates } from '../../src/core/rates/store-rates.js';
import { storedRates } from '../../src/core/rates/stored-rates.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, TEST_RATES } from '../support/factories.js';
import { FakeGateway } from '../support/fake-gateway.js';
import { FIXTURES_DIR, fixtureText } from '../support/fixtures.js';
import { paymentDeps, pendingOrder } from '../support/payments.js';

const cbr = parseCbrDaily(new TextDecoder('windows-1251').decode(readFileSync(new URL('cbr_daily_sample.xml', FIXTURES_DIR))));
const ecb = parseEcbDaily(fixtureText('ecb_daily_sample.xml'));
const tenDigits = (rate: Dec) => rate.toDecimalPlaces(10, Decimal.ROUND_HALF_UP).toString();
const doc = (date: string, rates: [string, string, string][]): RateDocument => ({
  date,
  rates: rates.map(([base, quote, rate]) => ({ base, quote, rate: new Dec(rate) })),
});

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.prisma.currencyRate.deleteMany();
});

describe('storeRates', () => {
  test('stores a parsed document with its date; storing it again adds nothing', async () => {
    expect(await storeRates(db.prisma, 'cbr', cbr, new Date('2023-11-01T13:00:00Z'))).toBe(43);
    expect(await storeRates(db.prisma, 'cbr', cbr, new Date('2023-11-01T14:00:00Z'))).toBe(43);
    expect(await db.prisma.currencyRate.count()).toBe(43);
    const vnd = await db.prisma.currencyRate.findFirstOrThrow({ where: { base: 'VND' } });
    expect(vnd).toMatchObject({ source: 'cbr', quote: 'RUB', rateDate: new Date('2023-11-02T00:00:00Z'), fetchedAt: new Date('2023-11-01T14:00:00Z') });
    expect(vnd.rate.toFixed(10)).toBe('0.0038723100');

    await storeRates(db.prisma, 'ecb', ecb, new Date('2022-07-08T15:00:00Z'));
    await storeRates(db.prisma, 'ecb', ecb, new Date('2022-07-08T16:00:00Z'));
    expect(await db.prisma.currencyRate.count({ where: { source: 'ecb' } })).toBe(31);
    // The next day's document is a new set of rows; the old day's stay.
    await storeRates(db.prisma, 'cbr', { ...cbr, date: '2023-11-03' }, new Date('2023-11-02T13:00:00Z'));
    expect(await db.prisma.currencyRate.count({ where: { source: 'cbr' } })).toBe(86);
  });

  test('rounds a rate to the column’s 10 decimals, half up', async () => {
    const document: RateDocument = { date: '2023-11-02', rates: [{ base: 'ABC', quote: 'RUB', rate: new Dec(1).div(3) }, { base: 'XYZ', quote: 'RUB', rate: new Dec('0.00000000005') }] };
    await storeRates(db.prisma, 'cbr', document, new Date());
    const rows = await db.prisma.currencyRate.findMany({ orderBy: { base: 'asc' } });
    expect(rows.map((r) => r.rate.toFixed(10))).toEqual(['0.3333333333', '0.0000000001']);
  });
});

describe('storedRates', () => {
  const on = (iso: string) => fixedClock(new Date(iso));

  test('direct pair, its inverse and a cross through RUB from the CBR sample, rounded to 10 decimals', async () => {
    await storeRates(db.prisma, 'cbr', cbr, new Date('2023-11-01T13:00:00Z'));
    const rates = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2023-11-03T12:00:00Z') });
    expect(await rates.get('USD', 'RUB')).toEqual({ base: 'USD', quote: 'RUB', rate: new Dec('93.2801'), asOf: new Date('2023-11-02T00:00:00Z') });
    expect((await rates.get('VND', 'RUB'))?.rate.toString()).toBe('0.00387231');
    expect((await rates.get('RUB', 'USD'))?.rate.toString()).toBe(tenDigits(new Dec(1).div('93.2801')));
    expect((await rates.get('RUB', 'USD'))?.rate.toString()).toBe('0.0107204002');
    // 1 USD = 93.2801 / 98.4365 EUR, both legs from CBR.
    const usdEur = await rates.get('USD', 'EUR');
    expect(usdEur?.rate.toString()).toBe(tenDigits(new Dec('93.2801').div('98.4365')));
    expect(usdEur?.asOf).toEqual(new Date('2023-11-02T00:00:00Z'));
    expect((await rates.get('RUB', 'RUB'))?.rate.toString()).toBe('1');
    expect(await rates.get('USD', 'XTR')).toBeNull();
  });

  test('a cross through EUR from the ECB sample', async () => {
    await storeRates(db.prisma, 'ecb', ecb, new Date('2022-07-08T15:00:00Z'));
    const rates = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2022-07-09T10:00:00Z') });
    expect((await rates.get('EUR', 'USD'))?.rate.toString()).toBe('1.0163');
    expect((await rates.get('USD', 'EUR'))?.rate.toString()).toBe(tenDigits(new Dec(1).div('1.0163')));
    // 1 USD = 138.05 / 1.0163 JPY.
    expect((await rates.get('USD', 'JPY'))?.rate.toString()).toBe(tenDigits(new Dec('138.05').div('1.0163')));
    expect((await rates.get('JPY', 'USD'))?.rate.toString()).toBe(tenDigits(new Dec('1.0163').div('138.05')));
  });

  test('the newest date wins, whichever source and path gives it', async () => {
    await storeRates(db.prisma, 'cbr', doc('2026-01-14', [['USD', 'RUB', '90'], ['EUR', 'RUB', '100']]), new Date());
    await storeRates(db.prisma, 'cbr', doc('2026-01-15', [['USD', 'RUB', '91']]), new Date());
    await storeRates(db.prisma, 'ecb', doc('2026-01-15', [['EUR', 'USD', '1.2']]), new Date());
    const rates = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2026-01-15T12:00:00Z') });
    expect((await rates.get('USD', 'RUB'))?.rate.toString()).toBe('91');
    // The ECB's EUR/USD of the 15th beats the CBR's EUR/RUB of the 14th: the cross via RUB is as old as its older leg.
    expect((await rates.get('USD', 'EUR'))?.rate.toString()).toBe(tenDigits(new Dec(1).div('1.2')));
  });

  test('a rate older than maxAgeHours answers null, even with a fallback', async () => {
    await storeRates(db.prisma, 'cbr', doc('2026-01-13', [['USD', 'RUB', '90']]), new Date());
    const fallback = fixedRates(TEST_RATES);
    const fresh = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2026-01-15T00:00:00Z'), fallback });
    expect((await fresh.get('USD', 'RUB'))?.rate.toString()).toBe('90');
    const stale = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2026-01-15T00:00:01Z'), fallback });
    expect(await stale.get('USD', 'RUB')).toBeNull();
    expect(await stale.get('RUB', 'USD')).toBeNull();
  });

  test('the fallback answers only a pair nothing stored can give', async () => {
    const fallback = fixedRates(TEST_RATES);
    const rates = storedRates(db.prisma, { maxAgeHours: 48, clock: on('2026-01-15T12:00:00Z'), fallback });
    expect((await rates.get('USD', 'RUB'))?.rate.toString()).toBe('90'); // nothing stored yet
    await storeRates(db.prisma, 'cbr', doc('2026-01-15', [['USD', 'RUB', '91.5']]), new Date());
    expect((await rates.get('USD', 'RUB'))?.rate.toString()).toBe('91.5');
    expect((await rates.get('USD', 'XTR'))?.rate.toString()).toBe('50'); // no bank publishes Stars
    expect(await storedRates(db.prisma, { maxAgeHours: 48, clock: on('2026-01-15T12:00:00Z') }).get('USD', 'XTR')).toBeNull();
  });
});

describe('checkout with published rates', () => {
  async function attempt(rateDate: string) {
    const clock = fixedClock(new Date('2026-01-15T12:00:00Z'));
    const core = coreDeps(db.prisma, { clock });
    const gateway = new FakeGateway('yookassa', ['RUB']);
    const deps = { ...paymentDeps(core, [gateway]), rates: storedRates(db.prisma, { maxAgeHours: 48, clock, fallback: fixedRates(TEST_RATES) }) };
    await storeRates(db.prisma, 'cbr', doc(rateDate, [['USD', 'RUB', '93.2801']]), clock.now());
    const { buyer, order } = await pendingOrder(db.prisma, core); // 1,000 tokens at 0.0125 USD = 12.50 USD
    return { gateway, result: await createPayment(deps, { buyerId: buyer.id, orderId: order.orderId, provider: 'yookassa' }) };
  }

  test('a fresh rate converts, rounded up to the kopeck', async () => {
    const { result, gateway } = await attempt('2026-01-14');
    expect(result).toMatchObject({ ok: true, value: { amountMinor: 116_601n, currency: 'RUB' } }); // 12.50 × 93.2801 = 1166.00125
    expect(gateway.checkouts).toHaveLength(1);
    if (!result.ok) throw new Error(result.code);
    expect((await db.prisma.payment.findUniqueOrThrow({ where: { id: result.value.paymentId } })).rate?.toString()).toBe('93.2801');
  });

  test('a stale rate stops checkout with RATE_UNAVAILABLE, not the fixed rate', async () => {
    const { result, gateway } = await attempt('2026-01-13'); // 60 hours old
    expect(result).toEqual({ ok: false, code: 'RATE_UNAVAILABLE' });
    expect(gateway.checkouts).toHaveLength(0);
  });
});
