/**
 * Lot listing on PostgreSQL at 100,000 lots: GET /api/v1/lots through the app (createApp,
 * app.request in-process: routing, zod validation, the core's listLots with its rate look-ups,
 * JSON), at 1 and 32 concurrent readers, beside the listing statement alone sent raw through `pg`
 * (the exact text and values the app sent, captured from one request), with EXPLAIN (ANALYZE) of
 * each scenario's statement to show which indexes it uses.
 *
 * Data: 100,000 lots (BENCH_LOTS) over 4 categories of one market (half of them in the hot
 * category every scenario reads), 2,000 sellers with ratings, 4 leagues, prices in RUB/USD/EUR,
 * descriptions of random words (some with "dragon"), 10% paused. Rates for USD/RUB and EUR/RUB
 * stored as the rates feature stores them.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApp } from '../src/api/app.js';
import { systemClock } from '../src/core/deps.js';
import type { MarketDeps } from '../src/core/market/deps.js';
import { Dec } from '../src/core/money.js';
import { cachedRates } from '../src/core/rates/cached-rates.js';
import { storedRates } from '../src/core/rates/stored-rates.js';
import { silentLogger } from '../src/infra/logger.js';
import type { Bench } from './support/bench.js';
import { type BenchDatabase, createBenchDatabase } from './support/database.js';
import { fixed, percentile, table } from './support/stats.js';

const LOTS = Number(process.env.BENCH_LOTS ?? '100000');
const REQUESTS: Record<number, number> = { 1: 300, 32: 1_200 };
const POOL_SIZE = 40;

interface Captured {
  text: string;
  values: unknown[];
}

/** Records the listing statement (text and values) each time the app sends it through any pg client. */
function captureListingStatements(): { last(): Captured | undefined; count(): number; reset(): void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __lotsCaptured?: boolean };
  const state = globalThis as unknown as { __lotsLast?: Captured; __lotsCount?: number };
  if (!proto.__lotsCaptured) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof config === 'string' ? config : config?.text;
      state.__lotsCount = (state.__lotsCount ?? 0) + 1;
      if (text?.includes('FROM lots l')) state.__lotsLast = { text, values: (typeof config === 'string' ? values : config.values) ?? [] };
      return original.apply(this, args);
    };
    proto.__lotsCaptured = true;
  }
  return {
    last: () => state.__lotsLast,
    count: () => state.__lotsCount ?? 0,
    reset: () => {
      state.__lotsCount = 0;
    },
  };
}

async function seed(db: BenchDatabase): Promise<{ categoryId: number; leagueId: number }> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO users (telegram_id, first_name, referral_code, roles, updated_at)
      SELECT 9000000000 + g, 'Seller ' || g, 'bench' || g, ARRAY['BUYER','SELLER']::"Role"[], now() FROM generate_series(1, 2000) g`);
    await client.query(`
      INSERT INTO seller_profiles (user_id, status, decided_at, rating_count, rating_sum, sales_count)
      SELECT id, 'APPROVED', now(), c, c * 3 + (random() * c * 2)::int, c * 3
      FROM (SELECT id, (random() * 40)::int AS c FROM users WHERE referral_code LIKE 'bench%') s`);
    const market = await client.query<{ id: number }>(`INSERT INTO markets (slug, title) VALUES ('bench-game', 'Bench Game') RETURNING id`);
    const marketId = market.rows[0]!.id;
    const categories = await client.query<{ id: number }>(
      `INSERT INTO categories (market_id, name, lot_type) SELECT $1, 'Category ' || g, 'MULTIPLE' FROM generate_series(1, 4) g RETURNING id`,
      [marketId],
    );
    const leagues = await client.query<{ id: number }>(
      `INSERT INTO lot_leagues (market_id, name) SELECT $1, 'League ' || g FROM generate_series(1, 4) g RETURNING id`,
      [marketId],
    );
    const cats = categories.rows.map((r) => r.id);
    const lgs = leagues.rows.map((r) => r.id);
    await client.query(
      `
      WITH words AS (SELECT ARRAY['gold','fast','cheap','safe','delivery','stock','bulk','coins','instant','trusted','legit',
                                  'discount','farm','manual','night','weekend','bonus','silver','rare','epic'] AS w)
      INSERT INTO lots (seller_id, category_id, league_id, platform, language, short_description, description,
                        price, price_unit, currency, quantity, active, created_at)
      SELECT (SELECT min(id) FROM users WHERE referral_code LIKE 'bench%') + (g % 2000),
             CASE WHEN g % 2 = 0 THEN $1::int ELSE ($2::int[])[1 + (g / 2) % 3] END,
             ($3::int[])[1 + g % 4],
             (ARRAY['PC','IOS','ANDROID']::"LotPlatform"[])[1 + g % 3],
             (ARRAY['EN','RU']::"LotLanguage"[])[1 + g % 2],
             w[1 + g % 20] || ' ' || w[1 + (g / 7) % 20] || ' ' || w[1 + (g / 49) % 20] || CASE WHEN g % 97 = 0 THEN ' dragon' ELSE '' END || ' #' || g,
             'Lot ' || g || ': ' || w[1 + (g / 3) % 20] || ' ' || w[1 + (g / 11) % 20] || ' ' || md5(g::text),
             round((random() * 100 + 0.01)::numeric, 2),
             (ARRAY[1, 1, 1000]::bigint[])[1 + g % 3],
             (ARRAY['RUB','USD','EUR'])[1 + (g / 3) % 3],
             1 + (random() * 10000)::int,
             g % 10 <> 0,
             now() - (g || ' seconds')::interval
      FROM generate_series(1, $4::int) g, words`,
      [cats[0], cats.slice(1), lgs, LOTS],
    );
    await client.query(
      `INSERT INTO currency_rates (source, base, quote, rate, rate_date, fetched_at)
       VALUES ('cbr', 'USD', 'RUB', 90, current_date, now()), ('cbr', 'EUR', 'RUB', 100, current_date, now())`,
    );
    await client.query('ANALYZE');
    return { categoryId: cats[0]!, leagueId: lgs[0]! };
  } finally {
    await client.end();
  }
}

async function timed(concurrency: number, total: number, once: () => Promise<void>): Promise<{ p50: number; p99: number; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        await once();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: (total / elapsed) * 1000 };
}

export const lotsBench: Bench = {
  name: 'lots',
  description: `lot listing GET /api/v1/lots at ${LOTS} lots on PostgreSQL, 1 and 32 readers, vs the raw statement through pg; EXPLAIN plans`,
  async run() {
    const db = await createBenchDatabase(POOL_SIZE);
    const raw = new pg.Pool({ connectionString: db.url, max: POOL_SIZE });
    raw.on('error', (error) => console.error(`raw pool: ${error.message}`));
    const capture = captureListingStatements();
    let ok = true;
    try {
      const seedStarted = performance.now();
      const { categoryId, leagueId } = await seed(db);
      console.log(`seeded ${LOTS} lots in ${fixed((performance.now() - seedStarted) / 1000, 1)} s (half in category ${categoryId}); pool ${POOL_SIZE}`);
      const core = { db: db.prisma, clock: systemClock, logger: silentLogger, sale: { reservationMinutes: 30, referralLevelPercents: [new Dec(3)], referralMinPurchase: 0n } };
      const market: MarketDeps = {
        ...core,
        rates: cachedRates(storedRates(db.prisma, { maxAgeHours: 96 }), { ttlMs: 60_000 }), // as src/main.ts
        market: { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false },
      };
      const app = createApp({ core, logger: silentLogger, apiV1: { market } });
      const scenarios = [
        { name: 'price, PC', query: `category=${categoryId}&platform=PC&sort=price` },
        { name: 'newest, EN, page 5', query: `category=${categoryId}&language=EN&sort=newest&page=5` },
        { name: 'search "dragon"', query: `category=${categoryId}&q=dragon&sort=price` },
        { name: 'price range+league, rating', query: `category=${categoryId}&league=${leagueId}&minPrice=0.5&maxPrice=1&sort=rating&currency=USD` },
      ];
      const rows: string[][] = [];
      const plans: string[] = [];
      for (const scenario of scenarios) {
        const path = `/api/v1/lots?${scenario.query}&pageSize=20`;
        const request = async () => {
          const res = await app.request(path);
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        };
        // Warm-up, one counted request, and the statement it sent.
        for (let i = 0; i < 20; i += 1) await request();
        capture.reset();
        const res = await app.request(path);
        const body = (await res.json()) as { items: unknown[]; total: number };
        const statements = capture.count();
        const statement = capture.last();
        if (!statement || body.items.length === 0) {
          console.log(`${scenario.name}: no statement captured or no items (${body.items.length})`);
          ok = false;
          continue;
        }
        const runRaw = async () => {
          await raw.query(statement.text, statement.values);
        };
        for (let i = 0; i < 20; i += 1) await runRaw();
        for (const concurrency of [1, 32]) {
          const api = await timed(concurrency, REQUESTS[concurrency]!, request);
          const direct = await timed(concurrency, REQUESTS[concurrency]!, runRaw);
          rows.push([
            scenario.name, String(concurrency), String(body.total), String(statements),
            fixed(api.p50, 2), fixed(api.p99, 2), fixed(api.perSecond), fixed(direct.p50, 2), fixed(direct.p99, 2), fixed(direct.perSecond),
            fixed(api.p50 / direct.p50, 1),
          ]);
        }
        const explain = await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`, statement.values);
        plans.push(`-- ${scenario.name}: ${path}\n${explain.rows.map((r) => `   ${r['QUERY PLAN']}`).join('\n')}`);
      }
      console.log(table(['scenario', 'conc', 'matches', 'stmts/req', 'api p50 ms', 'api p99 ms', 'api req/s', 'pg p50 ms', 'pg p99 ms', 'pg q/s', 'x p50'], rows));
      console.log('stmts/req: statements the app sent per request (rate look-ups + the listing statement). pg: the listing statement alone, raw.');
      console.log(plans.join('\n\n'));
    } finally {
      await raw.end();
      await db.close();
    }
    return ok;
  },
};
