import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { CoreLogger } from '../../src/core/deps.js';
import type { Database } from '../../src/infra/database.js';
import { refreshRates } from '../../src/infra/rates/fetch-rates.js';
import { createTestDb } from '../support/db.js';
import { fixedClock } from '../support/factories.js';
import { FIXTURES_DIR } from '../support/fixtures.js';
import { listenOnLoopback } from '../support/loopback.js';

const cbrBytes = readFileSync(new URL('cbr_daily_sample.xml', FIXTURES_DIR));
const ecbBytes = readFileSync(new URL('ecb_daily_sample.xml', FIXTURES_DIR));

let db: Database;
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  // Serves the real captures as the sources do: CBR's bytes in windows-1251, the ECB's in UTF-8.
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/cbr') res.writeHead(200, { 'content-type': 'application/xml; charset=windows-1251' }).end(cbrBytes);
    else if (req.url === '/ecb') res.writeHead(200, { 'content-type': 'text/xml' }).end(ecbBytes);
    else if (req.url === '/garbled') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    else res.writeHead(503).end('down');
  });
  await listenOnLoopback(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});
beforeEach(async () => {
  await db.prisma.currencyRate.deleteMany();
  requests.length = 0;
});

function recordingLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const logger: CoreLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { logger, lines };
}

test('fetches both documents, decodes and stores them with their dates', async () => {
  const { logger, lines } = recordingLogger();
  const clock = fixedClock(new Date('2023-11-01T13:00:00Z'));
  const outcome = await refreshRates({ db: db.prisma, clock, logger }, { cbrUrl: `${base}/cbr`, ecbUrl: `${base}/ecb` });
  expect(outcome).toEqual({ cbr: { ok: true, date: '2023-11-02', count: 43 }, ecb: { ok: true, date: '2022-07-08', count: 31 } });
  expect(requests.sort()).toEqual(['/cbr', '/ecb']);
  const usd = await db.prisma.currencyRate.findFirstOrThrow({ where: { source: 'cbr', base: 'USD' } });
  expect(usd).toMatchObject({ quote: 'RUB', rateDate: new Date('2023-11-02T00:00:00Z'), fetchedAt: clock.now() });
  expect(usd.rate.toFixed(4)).toBe('93.2801');
  const amd = await db.prisma.currencyRate.findFirstOrThrow({ where: { source: 'cbr', base: 'AMD' } });
  expect(amd.rate.toFixed(6)).toBe('0.231815');
  const gbp = await db.prisma.currencyRate.findFirstOrThrow({ where: { source: 'ecb', quote: 'GBP' } });
  expect(gbp).toMatchObject({ base: 'EUR', rateDate: new Date('2022-07-08T00:00:00Z') });
  expect(gbp.rate.toFixed(5)).toBe('0.84585');
  expect(lines.filter((l) => l.level === 'error')).toEqual([]);

  // A second round stores nothing new.
  await refreshRates({ db: db.prisma, clock, logger }, { cbrUrl: `${base}/cbr`, ecbUrl: `${base}/ecb` });
  expect(await db.prisma.currencyRate.count()).toBe(74);
});

test('a failing or garbled source is logged, stores nothing and does not throw; the other source still works', async () => {
  const { logger, lines } = recordingLogger();
  const clock = fixedClock();
  const outcome = await refreshRates({ db: db.prisma, clock, logger }, { cbrUrl: `${base}/down`, ecbUrl: `${base}/garbled` });
  expect(outcome.cbr).toEqual({ ok: false, error: expect.stringMatching(/HTTP 503/) });
  expect(outcome.ecb).toEqual({ ok: false, error: expect.stringMatching(/ECB rates: no <gesmes:Envelope>/) });
  expect(lines.filter((l) => l.level === 'error')).toHaveLength(2);
  expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(
    expect.arrayContaining([expect.stringMatching(/CBR refresh failed/), expect.stringMatching(/ECB refresh failed/)]),
  );
  expect(await db.prisma.currencyRate.count()).toBe(0);

  const partly = await refreshRates({ db: db.prisma, clock, logger }, { cbrUrl: `${base}/cbr`, ecbUrl: `${base}/down` });
  expect(partly.cbr.ok).toBe(true);
  expect(partly.ecb.ok).toBe(false);
  expect(await db.prisma.currencyRate.count()).toBe(43);
});

test('an unreachable host or a timeout is logged, not thrown', async () => {
  const { logger, lines } = recordingLogger();
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const hanging = createServer(() => {}); // accepts, never answers
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  try {
    const outcome = await refreshRates(
      { db: db.prisma, clock: fixedClock(), logger },
      { cbrUrl: `http://127.0.0.1:${deadPort}/`, ecbUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`, timeoutMs: 300 },
    );
    expect(outcome.cbr.ok).toBe(false);
    expect(outcome.ecb.ok).toBe(false);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(2);
    expect(await db.prisma.currencyRate.count()).toBe(0);
  } finally {
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  }
});
