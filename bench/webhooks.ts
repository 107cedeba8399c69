/**
 * Payment webhook throughput, end to end: the real HTTP API (createApp with a QIWI gateway) served
 * by @hono/node-server on loopback, fed real HTTP requests by `fetch` (keep-alive) from the same
 * process. Every delivery is a distinct, correctly signed PAID notification for a distinct pending
 * order, so each one does the whole job: verify the HMAC, record the event, lock the payment,
 * confirm it, book the order (order PAID, round reserved → sold, purchase and two referral rewards
 * in the ledger, three balance upserts), answer `{"error":"0"}`. Beside it: the same notifications
 * sent again (a duplicate must be answered 200 and change nothing), and a ceiling, a bare Hono
 * route that reads the body and answers 200, served and driven the same way.
 *
 * Orders and bills are made before any timing (per round, one through the core, startPurchase then
 * createPayment against the tests' fake QIWI, the rest copied from it; the fake's own signer
 * builds the notifications); the served app's gateway points nowhere, so nothing in a delivery
 * can call out. All orders of one run are on one round (a sale has one active round: its row is
 * hot), each buyer with a two-level referrer chain of its own (no other hot row). A diagnostic run
 * at 32 senders spreads its orders over 64 rounds instead, to show what that one row costs.
 *
 * Where the time goes: statements per delivery (countPgQueries), the time of each statement of the
 * delivery (averaged per kind), and, during the 32-sender runs, what the app's PostgreSQL sessions
 * are doing (pg_stat_activity sampled every 20 ms: running, waiting for a lock, idle in transaction
 * while the app works). BENCH_CPU_PROFILE_DIR=dir also writes CPU profiles of repeat 1's app runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../src/api/app.js';
import type { CoreDeps } from '../src/core/deps.js';
import { systemClock } from '../src/core/deps.js';
import { createPayment } from '../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../src/core/payments/deps.js';
import { newReferralCode } from '../src/core/referrals/referral-code.js';
import { startPurchase } from '../src/core/tokens/start-purchase.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createQiwiGateway } from '../src/infra/payments/qiwi.js';
import { coreDeps, makeToken } from '../tests/support/factories.js';
import { type FakeQiwi, type FakeQiwiNotification, startFakeQiwi } from '../tests/support/fakes/qiwi-server.js';
import { paymentDeps } from '../tests/support/payments.js';
import type { Bench } from './support/bench.js';
import { exemptFromTiming, type PgTiming, timePgQueries } from './support/pg-timing.js';
import { type BenchDatabase, benchServerUrl, countPgQueries, createBenchDatabase } from './support/database.js';
import { fixed, median, percentile, table } from './support/stats.js';

// ---------------------------------------------------------------------------------------------
// Settings (BENCH_SCALE multiplies the deliveries per run, BENCH_REPEATS sets the repeats)

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? '3'));
/** Concurrent senders, and the deliveries (= fresh paid orders) of one timed run at that concurrency. */
const SETTINGS = [
  { concurrency: 1, deliveries: 200 },
  { concurrency: 32, deliveries: 400 },
].map((s) => ({ ...s, deliveries: Math.max(s.concurrency, Math.round(s.deliveries * SCALE)) }));
/** The ceiling is ~10x faster: more requests, so that a run lasts long enough to time. */
const CEILING_REQUESTS: Record<number, number> = { 1: Math.round(2_000 * SCALE), 32: Math.round(4_000 * SCALE) };
/** The diagnostic run: this many rounds, the orders dealt over them in turn (32 senders hit 32 of them). */
const SPREAD_ROUNDS = 64;
const SPREAD_CONCURRENCY = 32;
/** The PrismaPg pool: every delivery holds one connection (its transaction); headroom above 32. */
const POOL_SIZE = 40;
/** When set, a directory: repeat 1's app runs are CPU-profiled into it (.cpuprofile, for DevTools). */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
/** Workers making the orders and bills before timing. */
const PREP_CONCURRENCY = 16;

const SECRET = 'bench-qiwi-secret-key-0123456789abcdef';
const SITE_ID = 'bench-site-01';
/** 1000 tokens at 0.0125 USD = 12.50 USD = 1125.00 RUB at the tests' USD/RUB 90. */
const AMOUNT = 1_000n;
/** What one paid order books: the buyer's 1000, level 1's 10% (100), level 2's 3% (30). */
const LEDGER_PER_ORDER = 1_130n;
const REWARDS_PER_ORDER = 2;
const ACCEPTED = '{"error":"0"}';

// ---------------------------------------------------------------------------------------------
// Time spent in PostgreSQL: every pg client's query, from the call to its answer

const pgTime: PgTiming = { ms: 0 };


/** The statements of a delivery, by what they do. */
const STATEMENT_KINDS: [RegExp, string][] = [
  [/^BEGIN\b/, 'BEGIN'],
  [/^SELECT .* FROM payments WHERE .* FOR UPDATE$/, 'lock the payment (SELECT ... FOR UPDATE)'],
  [/^INSERT INTO payment_events/, 'record the event (INSERT ... ON CONFLICT DO NOTHING)'],
  [/^UPDATE "public"."payments"/, 'payment -> SUCCEEDED (Prisma update)'],
  [/^WITH RECURSIVE upline/, 'load the order and the referrer chain'],
  [/^WITH paid AS/, 'book the sale (order, round, rewards, ledger, balances)'],
  [/^UPDATE "public"."payment_events"/, 'event outcome (Prisma update)'],
  [/^COMMIT\b/, 'COMMIT'],
];
const statementKind = (text: string) => STATEMENT_KINDS.find(([re]) => re.test(text))?.[1] ?? text.slice(0, 50);

// ---------------------------------------------------------------------------------------------
// What the app's PostgreSQL sessions are doing, sampled while a run goes on

/** pg_stat_activity every `everyMs` on a connection of its own (its statements are not the app's). */
class ActivitySampler {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<ActivitySampler> {
    const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
    exemptFromTiming(client);
    await client.connect();
    return new ActivitySampler(client);
  }

  /** Samples until the returned function is called; it gives the average sessions per state and the samples taken. */
  start(everyMs = 20): () => Promise<{ states: Map<string, number>; samples: number }> {
    const sums = new Map<string, number>();
    let samples = 0;
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        const { rows } = await this.client.query<{ what: string; n: number }>(
          `SELECT CASE WHEN state LIKE 'idle in transaction%' THEN 'idle in transaction (the app is working)'
                       WHEN wait_event_type = 'Lock' THEN 'waiting for a lock (' || wait_event || ')'
                       WHEN wait_event_type IS NULL THEN 'running'
                       ELSE 'waiting on ' || wait_event_type || ':' || wait_event END AS what,
                  count(*)::int AS n
           FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
             AND application_name NOT LIKE 'bench-%'
           GROUP BY 1`,
        );
        samples += 1;
        for (const r of rows) sums.set(r.what, (sums.get(r.what) ?? 0) + r.n);
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      return { states: new Map([...sums].map(([k, v]) => [k, v / Math.max(1, samples)])), samples };
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The environment: database, fake QIWI (for making bills), the served app and the served ceiling

interface Served {
  url: string;
  close(): Promise<void>;
}

async function serveApp(fetch: (request: Request) => Response | Promise<Response>, path: string): Promise<Served> {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  // Runs are seconds apart (checks in between): keep the senders' connections open across them.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 60_000;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Env {
  db: BenchDatabase;
  /** Making copies, checks and snapshots: a small pool of its own, outside the app's pool. */
  pool: pg.Pool;
  sampler: ActivitySampler;
  core: CoreDeps;
  fake: FakeQiwi;
  /** createPayment's deps: the gateway talks to the fake QIWI. */
  prep: PaymentDeps;
  app: Served;
  ceiling: Served;
  /** Warnings and errors logged by the app or the core: any is a failure. */
  logged: string[];
  /** Fresh deliveries made so far: payment_events must hold exactly this many rows. */
  delivered: number;
  close(): Promise<void>;
}

async function openEnv(): Promise<Env> {
  const db = await createBenchDatabase(POOL_SIZE);
  const closers: (() => Promise<void>)[] = [() => db.close()];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((error: unknown) => console.error(error));
  };
  try {
    const pool = new pg.Pool({ connectionString: db.url, max: 4, application_name: 'bench-checks' });
    closers.push(() => pool.end());
    const sampler = await ActivitySampler.open(db.url);
    closers.push(() => sampler.close());
    const logged: string[] = [];
    // Level warn: the per-delivery info line ('payment notification') is dropped, as with a quiet
    // production log; anything at warn or above is a problem here.
    const logger = pino({
      level: 'warn',
      hooks: {
        logMethod(args) {
          logged.push(args.map((a) => (a instanceof Error ? a.message : typeof a === 'object' ? JSON.stringify((a as { err?: unknown }).err ?? a) : String(a))).join(' '));
        },
      },
    });
    const core = coreDeps(db.prisma, { clock: systemClock, logger });
    const fake = await startFakeQiwi({ secretKey: SECRET, siteId: SITE_ID });
    closers.push(() => fake.close());
    const prep = paymentDeps(core, [createQiwiGateway({ secretKey: SECRET, siteId: SITE_ID, apiUrl: fake.url, returnUrl: 'https://t.me/bench_bot' })]);
    // The served gateway points nowhere: a delivery that tried to call QIWI would fail loudly.
    const served = paymentDeps(core, [
      createQiwiGateway({ secretKey: SECRET, siteId: SITE_ID, apiUrl: 'http://127.0.0.1:9', returnUrl: 'https://t.me/bench_bot', timeoutMs: 1_000 }),
    ]);
    const api = createApp({ core, logger, payments: { payments: served } });
    const app = await serveApp(api.fetch, '/webhooks/qiwi');
    closers.push(() => app.close());
    const bare = new Hono();
    bare.post('/webhooks/qiwi', async (c) => {
      await c.req.text();
      return c.body(ACCEPTED, 200, { 'content-type': 'application/json' });
    });
    const ceiling = await serveApp(bare.fetch, '/webhooks/qiwi');
    closers.push(() => ceiling.close());
    return { db, pool, sampler, core, fake, prep, app, ceiling, logged, delivered: 0, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Making the orders and bills (before any timing)

interface BatchRound {
  roundId: number;
  symbol: string;
}

interface Batch {
  label: string;
  rounds: BatchRound[];
  /** One PAID notification per order, built and signed by the fake QIWI; consecutive ones on different rounds. */
  notifications: FakeQiwiNotification[];
}

let telegramIds = 8_000_000_000n;
let symbols = 0;

/** `concurrency` workers over the items, results in item order. */
async function pmap<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** Users with the given referrers, in chunks of one statement each. */
async function makeUsers(prisma: PrismaClient, referrers: readonly (number | null)[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < referrers.length; i += 2_000) {
    const rows = await prisma.user.createManyAndReturn({
      data: referrers.slice(i, i + 2_000).map((referrerId) => {
        telegramIds += 1n;
        return { telegramId: telegramIds, firstName: `Payer ${telegramIds}`, referralCode: newReferralCode(), referrerId };
      }),
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** `count` buyers, each with a referrer who has a referrer of their own. */
async function makeBuyers(prisma: PrismaClient, count: number): Promise<number[]> {
  const level2 = await makeUsers(prisma, Array.from({ length: count }, () => null));
  const level1 = await makeUsers(prisma, level2);
  return makeUsers(prisma, level1);
}

/**
 * A token with one active round and `buyers.length` pending orders on it, one per buyer, each with
 * an open QIWI bill; returns the bill ids. The first order and payment are made by the core
 * (startPurchase, createPayment: the price, the rate, the percents, the reservation as the app
 * computes them); the others are copies of that pair made in one statement (the core at ~100
 * orders/s on this machine would take most of the bench's time), each with its own buyer and bill
 * id, and the round's reserved raised by their tokens as startPurchase would have. Each copy's bill
 * is then opened at the fake QIWI through the gateway, as createPayment does.
 */
async function prepareRound(env: Env, label: string, buyers: readonly number[]): Promise<BatchRound & { publicIds: string[] }> {
  symbols += 1;
  const token = await makeToken(
    env.db.prisma,
    [{ name: `Webhooks ${label}`, cap: BigInt(buyers.length) * AMOUNT * 10n, unitPrice: '0.0125', currency: 'USD', referralPercent: '10', minPurchase: 1n }],
    `WH${symbols}_${label.replace(/\W/g, '').toUpperCase()}`,
  );
  const roundId = token.rounds[0]!.id;
  const [first, ...others] = buyers;
  const started = await startPurchase(env.core, { buyerId: first!, tokenId: token.id, amount: AMOUNT });
  if (!started.ok) throw new Error(`startPurchase: ${started.code}`);
  const created = await createPayment(env.prep, { buyerId: first!, orderId: started.value.orderId, provider: 'qiwi' });
  if (!created.ok) throw new Error(`createPayment: ${created.code}`);
  if (created.value.amountMinor !== 112_500n || created.value.currency !== 'RUB') throw new Error(`unexpected bill ${created.value.amountMinor} ${created.value.currency}`);

  const client = await env.pool.connect();
  let copies: string[];
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ public_id: string }>(
      `WITH ref_order AS (SELECT * FROM token_orders WHERE id = $2),
            ref_payment AS (SELECT * FROM payments WHERE id = $3),
            orders AS (
              INSERT INTO token_orders (buyer_id, round_id, amount, unit_price, price_minor, currency, reward_percents, status,
                                        reserved_until, created_at, updated_at)
              SELECT b.buyer_id, o.round_id, o.amount, o.unit_price, o.price_minor, o.currency, o.reward_percents, o.status,
                     o.reserved_until, o.created_at, o.updated_at
              FROM unnest($1::int[]) AS b(buyer_id), ref_order o
              RETURNING id
            )
       INSERT INTO payments (public_id, token_order_id, provider, status, amount_minor, currency, order_amount_minor,
                             order_currency, rate, expires_at, created_at, updated_at)
       SELECT gen_random_uuid()::text, orders.id, p.provider, 'CREATED', p.amount_minor, p.currency, p.order_amount_minor,
              p.order_currency, p.rate, p.expires_at, p.created_at, p.updated_at
       FROM orders, ref_payment p
       RETURNING public_id`,
      [others, started.value.orderId, created.value.paymentId],
    );
    copies = rows.map((r) => r.public_id);
    await client.query('UPDATE token_rounds SET reserved = reserved + $2::bigint * $3::bigint WHERE id = $1', [roundId, others.length, AMOUNT.toString()]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  const gateway = env.prep.gateways.get('qiwi')!;
  const opened = await pmap(copies, PREP_CONCURRENCY, async (publicId) => {
    const checkout = await gateway.createCheckout({
      publicId,
      amountMinor: created.value.amountMinor,
      currency: 'RUB',
      description: `Order copied from #${started.value.orderId}`,
      expiresAt: started.value.reservedUntil,
    });
    return { publicId, payUrl: checkout.kind === 'redirect' ? checkout.payUrl : null };
  });
  await env.pool.query(
    `UPDATE payments p SET status = 'PENDING', pay_url = u.pay_url FROM unnest($1::text[], $2::text[]) AS u(public_id, pay_url)
     WHERE p.public_id = u.public_id AND p.status = 'CREATED'`,
    [opened.map((o) => o.publicId), opened.map((o) => o.payUrl)],
  );
  return { roundId, symbol: token.symbol, publicIds: [created.value.publicId, ...copies] };
}

/** `count` orders over `roundCount` rounds (dealt in turn), their bills paid at the fake QIWI, and their notifications. */
async function prepareBatch(env: Env, label: string, count: number, roundCount = 1): Promise<Batch> {
  const buyers = await makeBuyers(env.db.prisma, count);
  const rounds = await pmap(Array.from({ length: roundCount }, (_, r) => r), 8, (r) =>
    prepareRound(env, roundCount > 1 ? `${label} ${r}` : label, buyers.filter((_, i) => i % roundCount === r)),
  );
  const notifications = Array.from({ length: count }, (_, i) => {
    const publicId = rounds[i % roundCount]!.publicIds[Math.floor(i / roundCount)]!;
    env.fake.pay(publicId);
    return env.fake.notification(publicId);
  });
  return { label, rounds: rounds.map(({ roundId, symbol }) => ({ roundId, symbol })), notifications };
}

// ---------------------------------------------------------------------------------------------
// Sending

interface Driven {
  elapsedMs: number;
  latencies: number[];
  failures: string[];
  /** This process's CPU (senders, server, Prisma, GC: every thread) over the run. */
  cpuMs: number;
  statements: number;
  pgMs: number;
  /** Per kind of statement, when tallied. */
  tally?: Map<string, { n: number; ms: number }>;
  /** Average app sessions per state, when sampled. */
  activity?: Map<string, number>;
}

const queryCounter = countPgQueries();

interface SendOptions {
  /** Requests to make, cycling through the notifications; default one per notification. */
  count?: number;
  /** Time each statement by kind. */
  tally?: boolean;
  /** Sample pg_stat_activity meanwhile. */
  sampler?: ActivitySampler;
}

/** `concurrency` senders POST notifications and read each answer, all through one keep-alive fetch pool. */
async function send(url: string, notifications: readonly FakeQiwiNotification[], concurrency: number, options: SendOptions = {}): Promise<Driven> {
  const count = options.count ?? notifications.length;
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const tally = options.tally ? new Map<string, { n: number; ms: number }>() : undefined;
  pgTime.tally = tally;
  const stopSampling = options.sampler?.start();
  const statementsBefore = queryCounter.read();
  const pgBefore = pgTime.ms;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const notification = notifications[next++ % notifications.length]!;
        const t0 = performance.now();
        try {
          const response = await fetch(url, { method: 'POST', body: notification.body, headers: notification.headers });
          const body = await response.text();
          if (response.status !== 200 || body !== ACCEPTED) failures.push(`HTTP ${response.status} ${body.slice(0, 120)}`);
        } catch (error) {
          failures.push(String(error));
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const statements = queryCounter.read() - statementsBefore;
  const pgMs = pgTime.ms - pgBefore;
  pgTime.tally = undefined;
  const sampled = await stopSampling?.();
  return {
    elapsedMs,
    latencies,
    failures,
    cpuMs: (used.user + used.system) / 1000,
    // The sampler's own statements went through a pg client too.
    statements: statements - (sampled?.samples ?? 0),
    pgMs,
    ...(tally ? { tally } : {}),
    ...(sampled ? { activity: sampled.states } : {}),
  };
}

/** Runs `work`, CPU-profiling this process meanwhile when `name` is given and BENCH_CPU_PROFILE_DIR is set. */
async function profiled<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR || !name) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(PROFILE_DIR, { recursive: true });
    await writeFile(join(PROFILE_DIR, `webhooks-${name}.cpuprofile`), JSON.stringify(profile));
  }
}

interface Measured {
  rate: number;
  latencies: number[];
  statements: number;
  cpuMs: number;
  /** Share of the deliveries' time spent waiting for PostgreSQL (meaningful at concurrency 1). */
  pgShare: number;
  tally?: Map<string, { n: number; ms: number }>;
  activity?: Map<string, number>;
}

function measured(run: Driven): Measured {
  const n = run.latencies.length;
  const total = run.latencies.reduce((a, b) => a + b, 0);
  return {
    rate: (n / run.elapsedMs) * 1000,
    latencies: run.latencies,
    statements: run.statements / n,
    cpuMs: run.cpuMs / n,
    pgShare: run.pgMs / total,
    ...(run.tally ? { tally: run.tally } : {}),
    ...(run.activity ? { activity: run.activity } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

/**
 * After a fresh run: every order of the batch paid and booked exactly once, the books balance.
 * `unpaid`: deliveries that were not answered 200 (their transaction rolled back), whose orders
 * must still be pending, untouched; they are failures of their own, reported by the caller.
 */
async function checkBatch(env: Env, batch: Batch, unpaid = 0): Promise<string[]> {
  const n = batch.notifications.length - unpaid;
  const problems: string[] = [];
  const { rows } = await env.pool.query<Record<string, string>>(
    `WITH o AS (SELECT o.* FROM token_orders o WHERE o.round_id = ANY($1::int[])),
          p AS (SELECT p.* FROM payments p JOIN o ON o.id = p.token_order_id)
     SELECT (SELECT count(*) FROM o) AS orders,
            (SELECT count(*) FROM o WHERE status = 'PAID') AS paid,
            (SELECT count(*) FROM p) AS payments,
            (SELECT count(*) FROM p WHERE status = 'SUCCEEDED') AS succeeded,
            (SELECT count(*) FROM payment_events e JOIN p ON p.id = e.payment_id) AS events,
            (SELECT count(*) FROM payment_events e JOIN p ON p.id = e.payment_id WHERE e.outcome = 'APPLIED') AS applied,
            (SELECT count(*) FROM o WHERE status = 'PAID' AND
               (SELECT count(*) FROM ledger_entries l WHERE l.kind = 'PURCHASE' AND l.source = 'token_order:' || o.id) <> 1) AS not_once,
            (SELECT count(*) FROM referral_rewards rr JOIN o ON o.id = rr.order_id) AS rewards,
            (SELECT count(*) FROM ledger_entries WHERE asset = ANY($2::text[])) AS entries,
            (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE asset = ANY($2::text[])) AS ledger,
            (SELECT coalesce(sum(amount), 0) FROM balances WHERE asset = ANY($2::text[])) AS balances,
            (SELECT sum(sold) FROM token_rounds WHERE id = ANY($1::int[])) AS sold,
            (SELECT sum(reserved) FROM token_rounds WHERE id = ANY($1::int[])) AS reserved`,
    [batch.rounds.map((r) => r.roundId), batch.rounds.map((r) => r.symbol)],
  );
  const r = rows[0]!;
  const expect = (what: string, actual: string | undefined, expected: bigint | number) => {
    if (BigInt(actual ?? -1) !== BigInt(expected)) problems.push(`${batch.label}: ${what} ${actual} != ${expected}`);
  };
  expect('orders', r.orders, n + unpaid);
  expect('paid orders', r.paid, n);
  expect('payments', r.payments, n + unpaid);
  expect('succeeded payments', r.succeeded, n);
  expect('payment events', r.events, n);
  expect('APPLIED events', r.applied, n);
  expect('paid orders without exactly one purchase entry', r.not_once, 0);
  expect('referral rewards', r.rewards, n * REWARDS_PER_ORDER);
  expect('ledger entries', r.entries, n * (1 + REWARDS_PER_ORDER));
  expect('ledger total', r.ledger, BigInt(n) * LEDGER_PER_ORDER);
  expect('balances total', r.balances, BigInt(n) * LEDGER_PER_ORDER);
  expect('rounds sold', r.sold, BigInt(n) * AMOUNT);
  expect('rounds reserved', r.reserved, BigInt(unpaid) * AMOUNT);
  problems.push(...(await checkBooks(env)));
  return problems;
}

/** The whole database: balances == ledger sums per user and asset, events == deliveries made. */
async function checkBooks(env: Env): Promise<string[]> {
  const problems: string[] = [];
  // tests/support/ledger.ts's expectBooksBalance, as counts.
  const { rows } = await env.pool.query<{ mismatched: string; events: string }>(
    `WITH summed AS (SELECT user_id, asset, sum(amount)::bigint AS amount FROM ledger_entries GROUP BY user_id, asset)
     SELECT (SELECT count(*) FROM balances b FULL JOIN summed s ON s.user_id = b.user_id AND s.asset = b.asset
             WHERE b.amount IS DISTINCT FROM s.amount AND NOT (b.amount = 0 AND s.amount IS NULL)) AS mismatched,
            (SELECT count(*) FROM payment_events) AS events`,
  );
  const r = rows[0]!;
  if (Number(r.mismatched) !== 0) problems.push(`${r.mismatched} balances != their ledger sums`);
  if (Number(r.events) !== env.delivered) problems.push(`payment_events ${r.events} != ${env.delivered} deliveries`);
  if (env.logged.length) problems.push(`${env.logged.length} warnings/errors logged, first: ${env.logged[0]}`);
  env.logged.length = 0;
  return problems;
}

/** Everything a notification could change, for the duplicate runs: it must stay the same. */
async function snapshot(env: Env): Promise<string> {
  const { rows } = await env.pool.query(
    `SELECT (SELECT count(*) FROM payment_events) AS events,
            (SELECT max(id) FROM payment_events) AS last_event,
            (SELECT count(*) FROM ledger_entries) AS entries,
            (SELECT coalesce(sum(amount), 0) FROM ledger_entries) AS ledger,
            (SELECT coalesce(sum(amount), 0) FROM balances) AS balances,
            (SELECT count(*) FROM referral_rewards) AS rewards,
            (SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status::text, count(*) AS n FROM token_orders GROUP BY 1) s) AS orders,
            (SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status::text, count(*) AS n FROM payments GROUP BY 1) s) AS payments,
            (SELECT max(updated_at) FROM payments) AS payments_updated,
            (SELECT max(updated_at) FROM token_orders) AS orders_updated,
            (SELECT sum(sold) || '/' || sum(reserved) FROM token_rounds) AS rounds`,
  );
  return JSON.stringify(rows[0]);
}

// ---------------------------------------------------------------------------------------------

type Kind = 'paid' | 'duplicate' | 'spread' | 'ceiling';
const KINDS: { kind: Kind; name: string }[] = [
  { kind: 'paid', name: 'PAID, fresh order (full credit)' },
  { kind: 'duplicate', name: 'same PAID again (duplicate)' },
  { kind: 'spread', name: `PAID, orders over ${SPREAD_ROUNDS} rounds (diagnostic)` },
  { kind: 'ceiling', name: 'ceiling: bare Hono route' },
];

/** Average time per statement kind over runs, in the order a delivery sends them. */
function statementRows(columns: { title: string; runs: Measured[] }[]): string[][] {
  const kinds = [...STATEMENT_KINDS.map(([, k]) => k)];
  for (const c of columns) for (const m of c.runs) for (const k of m.tally?.keys() ?? []) if (!kinds.includes(k)) kinds.push(k);
  return kinds.map((kind) => [
    kind,
    ...columns.map(({ runs }) => {
      let n = 0;
      let ms = 0;
      for (const m of runs) {
        const e = m.tally?.get(kind);
        if (e) {
          n += e.n;
          ms += e.ms;
        }
      }
      const deliveries = runs.reduce((sum, m) => sum + m.latencies.length, 0);
      return n ? `${fixed(ms / n, 2)}${n === deliveries ? '' : ` (${fixed(n / deliveries, 1)}x)`}` : '-';
    }),
  ]);
}

export const webhooksBench: Bench = {
  name: 'webhooks',
  description: 'QIWI PAID deliveries/s over HTTP through the real app (verify, confirm, credit), 1/32 senders, vs a bare Hono route',
  async run() {
    const server = new URL(benchServerUrl());
    console.log(
      `webhooks bench on ${server.host} (fresh database, Prisma pool of ${POOL_SIZE}): ` +
        `${SETTINGS.map((s) => `${s.deliveries} deliveries at ${s.concurrency} sender${s.concurrency > 1 ? 's' : ''}`).join(', ')}; ` +
        `${REPEATS} repeats, medians reported`,
    );
    const started = performance.now();
    const untime = timePgQueries(pgTime, statementKind);
    const problems: string[] = [];
    const notes: string[] = [];
    let env: Env | undefined;
    try {
      env = await openEnv();
      const spreadSetting = SETTINGS.find((s) => s.concurrency === SPREAD_CONCURRENCY);

      // Every order and bill, before any timing.
      const prepStarted = performance.now();
      const warm = new Map<number, Batch>();
      for (const s of SETTINGS) warm.set(s.concurrency, await prepareBatch(env, `warm c${s.concurrency}`, Math.max(16, 2 * s.concurrency)));
      const sample = await prepareBatch(env, 'sample', 1);
      const batches = new Map<string, Batch>();
      for (let rep = 1; rep <= REPEATS; rep++) {
        for (const s of SETTINGS) batches.set(`paid|${rep}|${s.concurrency}`, await prepareBatch(env, `r${rep} c${s.concurrency}`, s.deliveries));
        if (spreadSetting) {
          batches.set(`spread|${rep}`, await prepareBatch(env, `r${rep} spread`, spreadSetting.deliveries, SPREAD_ROUNDS));
        }
      }
      await env.pool.query('ANALYZE');
      await env.pool.query('CHECKPOINT').catch(() => undefined);
      const orders = [...warm.values(), sample, ...batches.values()].reduce((sum, b) => sum + b.notifications.length, 0);
      console.log(`  prepared ${orders} pending orders with paid QIWI bills in ${fixed((performance.now() - prepStarted) / 1000, 1)} s`);

      // What one notification costs by itself: JSON, zod, HMAC; no HTTP, no database.
      const gateway = env.prep.gateways.get('qiwi')!;
      const verifyNotes = warm.get(SETTINGS[SETTINGS.length - 1]!.concurrency)!.notifications;
      const verifyCount = 5_000;
      const verifyStarted = performance.now();
      for (let i = 0; i < verifyCount; i++) {
        const n = verifyNotes[i % verifyNotes.length]!;
        const parsed = await gateway.parseNotification({ rawBody: n.body, headers: n.headers });
        if (!parsed.ok) throw new Error(`a prepared notification does not verify: ${parsed.reason}`);
      }
      const verifyUs = ((performance.now() - verifyStarted) * 1000) / verifyCount;

      // Warm-up: sockets opened, pool connections made, statements prepared, code compiled.
      for (const s of SETTINGS) {
        const batch = warm.get(s.concurrency)!;
        const fresh = await send(env.app.url, batch.notifications, s.concurrency);
        env.delivered += batch.notifications.length - fresh.failures.length;
        problems.push(...fresh.failures.slice(0, 3).map((f) => `warm-up: ${f}`), ...(await checkBatch(env, batch, fresh.failures.length)));
        // The redelivery below applies whatever failed (QIWI retries until it hears 200).
        env.delivered += fresh.failures.length;
        problems.push(...(await send(env.app.url, batch.notifications, s.concurrency)).failures.slice(0, 3));
        problems.push(...(await send(env.ceiling.url, batch.notifications, s.concurrency, { count: CEILING_REQUESTS[s.concurrency] })).failures.slice(0, 3));
      }
      // One delivery alone, its statements noted.
      pgTime.capture = [];
      const one = await send(env.app.url, sample.notifications, 1);
      const statements = pgTime.capture;
      pgTime.capture = undefined;
      env.delivered += 1;
      problems.push(...one.failures, ...(await checkBatch(env, sample)));

      const results = new Map<string, Measured[]>();
      const push = (key: string, m: Measured) => results.set(key, [...(results.get(key) ?? []), m]);
      /** A timed run of fresh deliveries, checked; returns how many were not answered 200. */
      const paidRun = async (key: string, batch: Batch, concurrency: number, profile: string | undefined) => {
        const options = { tally: true, ...(concurrency > 1 ? { sampler: env!.sampler } : {}) };
        const run = await profiled(profile, () => send(env!.app.url, batch.notifications, concurrency, options));
        const failed = run.failures.length;
        env!.delivered += batch.notifications.length - failed;
        if (failed) problems.push(`${batch.label}: ${failed} of ${batch.notifications.length} deliveries failed, first: ${run.failures[0]}`);
        problems.push(...(await checkBatch(env!, batch, failed)));
        push(key, measured(run));
        return failed;
      };
      for (let rep = 1; rep <= REPEATS; rep++) {
        for (const s of SETTINGS) {
          const batch = batches.get(`paid|${rep}|${s.concurrency}`)!;
          // The ceiling runs next to the app's runs, before them on odd repeats and after on even
          // ones: the load on a shared machine drifts, and each ratio pairs neighbouring runs.
          const ceiling = async () => {
            const run = await send(env!.ceiling.url, batch.notifications, s.concurrency, { count: CEILING_REQUESTS[s.concurrency] });
            problems.push(...run.failures.slice(0, 3).map((f) => `ceiling c${s.concurrency}: ${f}`));
            push(`ceiling|${s.concurrency}`, measured(run));
          };
          if (rep % 2) await ceiling();
          const profile = rep === 1 ? `c${s.concurrency}` : undefined;
          const failed = await paidRun(`paid|${s.concurrency}`, batch, s.concurrency, profile && `paid-${profile}`);

          const before = await snapshot(env);
          const again = await profiled(profile && `duplicate-${profile}`, () =>
            send(env!.app.url, batch.notifications, s.concurrency, { tally: true, ...(s.concurrency > 1 ? { sampler: env!.sampler } : {}) }),
          );
          const after = await snapshot(env);
          problems.push(...again.failures.slice(0, 3).map((f) => `${batch.label} duplicate: ${f}`));
          if (!failed && after !== before) problems.push(`${batch.label}: the duplicates changed something: ${before} -> ${after}`);
          if (failed) {
            // Not all duplicates then: the failed ones are QIWI's retry, and must complete the batch exactly once.
            env.delivered += failed;
            const left = await checkBatch(env, batch);
            problems.push(...left.map((p) => `${batch.label} after the redelivery: ${p}`));
            if (!left.length) notes.push(`${batch.label}: the redelivery applied the ${failed} failed deliveries; the batch is then paid exactly once`);
          } else {
            problems.push(...(await checkBooks(env)));
          }
          push(`duplicate|${s.concurrency}`, measured(again));

          if (s === spreadSetting) await paidRun(`spread|${s.concurrency}`, batches.get(`spread|${rep}`)!, s.concurrency, profile && `spread-${profile}`);
          if (!(rep % 2)) await ceiling();
        }
        const line = SETTINGS.map((s) => `c${s.concurrency} ${fixed(results.get(`paid|${s.concurrency}`)!.at(-1)!.rate)}`).join(', ');
        console.log(`  repeat ${rep}: paid deliveries/s ${line}`);
      }

      const rows: string[][] = [];
      for (const s of SETTINGS) {
        const ceil = results.get(`ceiling|${s.concurrency}`)!;
        for (const { kind, name } of KINDS) {
          const ms = results.get(`${kind}|${s.concurrency}`);
          if (!ms) continue;
          const latencies = ms.flatMap((m) => m.latencies);
          rows.push([
            name,
            String(s.concurrency),
            fixed(median(ms.map((m) => m.rate))),
            fixed(percentile(latencies, 50), kind === 'ceiling' ? 3 : 2),
            fixed(percentile(latencies, 99), kind === 'ceiling' ? 3 : 2),
            kind === 'ceiling' ? '1' : fixed(median(ms.map((m, i) => m.rate / ceil[i]!.rate)), 3),
            fixed(median(ms.map((m) => m.statements)), 1),
            fixed(median(ms.map((m) => m.cpuMs)), 2),
            kind !== 'ceiling' && s.concurrency === 1 ? `${fixed(100 * median(ms.map((m) => m.pgShare)))}%` : '-',
          ]);
        }
      }
      console.log();
      console.log(table(['scenario', 'senders', 'deliveries/s', 'p50 ms', 'p99 ms', 'x ceiling', 'stmts/dlv', 'cpu ms/dlv', 'pg wait'], rows));
      console.log(
        [
          'deliveries/s: median over repeats; p50/p99: over every repeat\'s deliveries pooled; x ceiling: median over repeats',
          '  of the rate over the ceiling run next to it (a bare Hono POST route that reads the body and answers {"error":"0"},',
          '  same server, same senders). stmts/dlv: statements sent to PostgreSQL per delivery (BEGIN/COMMIT included).',
          '  cpu ms/dlv: this process\'s CPU per delivery (senders and server alike, user + system; PostgreSQL\'s not).',
          '  pg wait: share of the deliveries\' time spent waiting for those statements, at 1 sender only.',
          `  Signature check alone (parseNotification: JSON, zod, HMAC): ${fixed(verifyUs, 1)} us per notification.`,
          'check after each fresh run: HTTP 200 {"error":"0"} for every delivery; every order PAID with exactly one purchase',
          '  entry, its payment SUCCEEDED, one APPLIED event; 2 rewards per order; ledger and balance totals as expected;',
          '  rounds sold == paid, reserved 0; every balance == its ledger sum; payment_events == deliveries made; nothing',
          '  logged at warn or above. After each duplicate run: 200 {"error":"0"} and nothing changed (counts, sums,',
          `  statuses, updated_at). Took ${fixed((performance.now() - started) / 1000)} s.`,
        ].join('\n'),
      );

      const top = SETTINGS[SETTINGS.length - 1]!.concurrency;
      const columns = [
        { title: 'paid c1', runs: results.get('paid|1') ?? [] },
        { title: 'dup c1', runs: results.get('duplicate|1') ?? [] },
        { title: `paid c${top}`, runs: results.get(`paid|${top}`) ?? [] },
        { title: `dup c${top}`, runs: results.get(`duplicate|${top}`) ?? [] },
        { title: `spread c${top}`, runs: results.get(`spread|${top}`) ?? [] },
      ].filter((c) => c.runs.length);
      console.log('\nMilliseconds per statement, from the call to the answer (every repeat; (Nx): statements per delivery):');
      console.log(table(['statement', ...columns.map((c) => c.title)], statementRows(columns)));

      console.log(`\nThe app's PostgreSQL sessions at ${top} senders (pg_stat_activity every 20 ms, average sessions per state):`);
      for (const kind of ['paid', 'duplicate', 'spread'] as const) {
        const runs = results.get(`${kind}|${top}`) ?? [];
        const states = new Map<string, number[]>();
        for (const m of runs) for (const [state, n] of m.activity ?? []) states.set(state, [...(states.get(state) ?? []), n]);
        const parts = [...states]
          .map(([state, ns]) => [state, ns.reduce((a, b) => a + b, 0) / runs.length] as const)
          .filter(([, n]) => n >= 0.05)
          .sort((a, b) => b[1] - a[1]);
        console.log(`  ${kind.padEnd(9)} ${parts.map(([state, n]) => `${fixed(n, 1)} ${state}`).join(', ') || '-'}`);
      }
      console.log(`\nStatements of one delivery (1 sender, warm):\n${statements.map((t, i) => `  ${i + 1}. ${t}`).join('\n')}`);
    } catch (error) {
      problems.push(`the bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      untime();
      await env?.close();
    }
    for (const n of notes) console.log(`  note: ${n}`);
    for (const p of problems.slice(0, 20)) console.log(`  FAIL ${p}`);
    if (problems.length > 20) console.log(`  ... ${problems.length - 20} more problems`);
    return problems.length === 0;
  },
};
