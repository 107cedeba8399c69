/**
 * Purchase throughput: the core's startPurchase + confirmPayment (through Prisma and PrismaPg)
 * against the fastest correct raw SQL for the same work through a `pg` pool of the same size
 * (STYLE.md, "The core"). Every buyer has a two-level referrer chain, so each purchase writes the
 * order, two referral rewards, three ledger entries and three balance upserts, and moves the
 * round's reserved to sold. All buyers of a setting fight over ONE round (the hot row).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { CoreDeps } from '../src/core/deps.js';
import { systemClock } from '../src/core/deps.js';
import { Dec, priceInMinorUnits } from '../src/core/money.js';
import { newReferralCode } from '../src/core/referrals/referral-code.js';
import { confirmPayment } from '../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../src/core/tokens/start-purchase.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { silentLogger } from '../src/infra/logger.js';
import type { Bench } from './support/bench.js';
import { type BenchDatabase, benchServerUrl, countPgQueries, createBenchDatabase } from './support/database.js';
import { fixed, median, percentile, table } from './support/stats.js';

// ---------------------------------------------------------------------------------------------
// Settings (BENCH_SCALE multiplies the purchase counts, BENCH_REPEATS sets the repeats)

export interface Setting {
  buyers: number;
  /** Purchases per timed run; a setting runs REPEATS of them per variant. */
  purchases: number;
}

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? '5'));
// Short runs, many repeats, variants alternating: on a noisy machine the load drifts over tens of
// seconds, and pairing each core run with a raw run next to it keeps the ratio honest.
const SETTINGS: Setting[] = [
  { buyers: 1, purchases: 150 },
  { buyers: 8, purchases: 600 },
  { buyers: 32, purchases: 1000 },
].map((s) => ({ ...s, purchases: Math.max(s.buyers, Math.round(s.purchases * SCALE)) }));
export const MAX_BUYERS = Math.max(...SETTINGS.map((s) => s.buyers));
/** Both pools: the top concurrency plus headroom, so nobody waits for a connection. */
export const POOL_SIZE = MAX_BUYERS + 8;

/** Tokens per purchase: level 1 earns the round's 10% (10), level 2 earns 3% (3). */
export const AMOUNT = 100n;
export const ROUND = { currency: 'USD', unitPrice: '0.0125', referralPercent: '10' } as const;
export const SALE: CoreDeps['sale'] = { reservationMinutes: 30, referralLevelPercents: [new Dec(3), new Dec(1)], referralMinPurchase: 0n };
/** What one purchase books in the ledger: the buyer's 100 plus rewards of 10 and 3. */
export const LEDGER_PER_PURCHASE = 113n;
export const REWARDS_PER_PURCHASE = 2;
const EXPECTED_PRICE_MINOR = priceInMinorUnits(ROUND.unitPrice, AMOUNT, ROUND.currency);
const EXPECTED_PERCENTS = [ROUND.referralPercent, ...SALE.referralLevelPercents.map((p) => p.toString())];

// ---------------------------------------------------------------------------------------------
// The two implementations of one purchase. Each returns false when the round had no tokens left.

export type Purchase = (buyerId: number, tokenId: number) => Promise<boolean>;

export interface Variant {
  name: string;
  purchase: Purchase;
}

export function coreVariant(deps: CoreDeps): Variant {
  return {
    name: 'core',
    async purchase(buyerId, tokenId) {
      const started = await startPurchase(deps, { buyerId, tokenId, amount: AMOUNT });
      if (!started.ok) {
        if (started.code === 'ROUND_SOLD_OUT' || started.code === 'SALE_NOT_ACTIVE' || started.code === 'AMOUNT_EXCEEDS_AVAILABLE') return false;
        throw new Error(`startPurchase failed: ${started.code}`);
      }
      const confirmed = await confirmPayment(deps, started.value.orderId);
      if (!confirmed.ok || confirmed.value.status !== 'PAID' || !confirmed.value.applied) {
        throw new Error(`confirmPayment failed: ${JSON.stringify(confirmed, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      }
      return true;
    },
  };
}

/**
 * Reserve and open the order in one statement, finding the active round by token inside it. The
 * buyer's existence is enforced by the order's foreign key; the minor-unit price uses the
 * currency's digits (0 for the whole-unit currencies, 2 otherwise, as the core's table for CHAR(3)).
 */
export const RAW_RESERVE = `
  WITH reserved AS (
    UPDATE token_rounds SET reserved = reserved + $3
    WHERE token_id = $2 AND status = 'ACTIVE' AND sold + reserved + $3 <= cap
      AND (starts_at IS NULL OR starts_at <= $4) AND (ends_at IS NULL OR ends_at > $4)
      AND min_purchase <= $3 AND (max_purchase IS NULL OR max_purchase >= $3)
    RETURNING id, unit_price, currency, referral_percent
  )
  INSERT INTO token_orders (buyer_id, round_id, amount, unit_price, price_minor, currency, reward_percents,
                            status, reserved_until, created_at, updated_at)
  SELECT $1, r.id, $3, r.unit_price,
         ceil(r.unit_price * $3 * 10 ^ (CASE WHEN trim(r.currency) IN ('JPY', 'KRW', 'XTR') THEN 0 ELSE 2 END))::bigint,
         r.currency,
         CASE WHEN $3 >= $7::bigint THEN r.referral_percent || $6::numeric[] ELSE '{}'::numeric[] END,
         'PENDING', $5, $4, $4
  FROM reserved r
  RETURNING id`;

/**
 * Confirm in one statement: mark paid, move reserved to sold, walk the buyer's referrer chain,
 * book the rewards from the order's stored percents (rounded down, zero rewards skipped), the
 * ledger entries and the balances. Same guards against replays as the core.
 */
export const RAW_CONFIRM = `
  WITH RECURSIVE paid AS (
    UPDATE token_orders SET status = 'PAID', paid_at = $2, updated_at = $2
    WHERE id = $1 AND status = 'PENDING'
    RETURNING id, buyer_id, round_id, amount, reward_percents
  ),
  moved AS (
    UPDATE token_rounds r SET reserved = r.reserved - paid.amount, sold = r.sold + paid.amount
    FROM paid WHERE r.id = paid.round_id
    RETURNING r.sold, r.cap, r.token_id
  ),
  upline(level, user_id) AS (
    SELECT 1, u.referrer_id FROM paid JOIN users u ON u.id = paid.buyer_id WHERE u.referrer_id IS NOT NULL
    UNION ALL
    SELECT upline.level + 1, u.referrer_id FROM upline JOIN users u ON u.id = upline.user_id
    WHERE u.referrer_id IS NOT NULL AND upline.level < 11
  ),
  shares AS (
    SELECT paid.id AS order_id, upline.user_id, upline.level, paid.reward_percents[upline.level] AS percent,
           floor(paid.amount * paid.reward_percents[upline.level] / 100)::bigint AS amount
    FROM paid JOIN upline ON upline.level <= coalesce(cardinality(paid.reward_percents), 0)
  ),
  rewards AS (
    INSERT INTO referral_rewards (order_id, beneficiary_id, level, percent, amount, created_at)
    SELECT order_id, user_id, level, percent, amount, $2 FROM shares WHERE amount > 0
    ON CONFLICT (order_id, level) DO NOTHING
    RETURNING id, beneficiary_id, amount
  ),
  asset AS (SELECT t.symbol FROM moved JOIN tokens t ON t.id = moved.token_id),
  entries AS (
    INSERT INTO ledger_entries (user_id, kind, asset, amount, source, created_at)
    SELECT paid.buyer_id, 'PURCHASE'::"LedgerKind", asset.symbol, paid.amount, 'token_order:' || paid.id, $2 FROM paid, asset
    UNION ALL
    SELECT rewards.beneficiary_id, 'REFERRAL_REWARD'::"LedgerKind", asset.symbol, rewards.amount, 'referral_reward:' || rewards.id, $2
    FROM rewards, asset
    ON CONFLICT (kind, source) DO NOTHING
    RETURNING user_id, asset, amount
  ),
  credited AS (
    INSERT INTO balances (user_id, asset, amount)
    SELECT user_id, asset, sum(amount)::bigint FROM entries GROUP BY user_id, asset
    ON CONFLICT (user_id, asset) DO UPDATE SET amount = balances.amount + excluded.amount
    RETURNING user_id
  )
  SELECT sold, cap FROM moved`;

export interface RawOptions {
  name?: string;
  /** Named (prepared) statements, as the fastest form; false sends them unnamed every time. */
  prepared?: boolean;
  reserveSql?: string;
  confirmSql?: string;
}

export function rawVariant(pool: pg.Pool, options: RawOptions = {}): Variant {
  const name = options.name ?? 'raw';
  const prepared = options.prepared ?? true;
  const reserveSql = options.reserveSql ?? RAW_RESERVE;
  const confirmSql = options.confirmSql ?? RAW_CONFIRM;
  const levelPercents = SALE.referralLevelPercents.map((p) => p.toString());
  const minForRewards = SALE.referralMinPurchase.toString();
  return {
    name,
    async purchase(buyerId, tokenId) {
      const now = new Date();
      const reservedUntil = new Date(now.getTime() + SALE.reservationMinutes * 60_000);
      const reserved = await pool.query<{ id: number }>({
        ...(prepared ? { name: `bench_${name}_reserve` } : {}),
        text: reserveSql,
        values: [buyerId, tokenId, AMOUNT.toString(), now, reservedUntil, levelPercents, minForRewards],
      });
      const order = reserved.rows[0];
      if (!order) return false;
      const confirmed = await pool.query<{ sold: string; cap: string }>({
        ...(prepared ? { name: `bench_${name}_confirm` } : {}),
        text: confirmSql,
        values: [order.id, new Date()],
      });
      if (!confirmed.rows[0]) throw new Error(`raw confirm of order ${order.id} changed nothing`);
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Data

export interface Fixture {
  prisma: PrismaClient;
  pool: pg.Pool;
  buyers: number[];
}

let telegramIds = 7_000_000_000n;
let symbols = 0;

async function makeUser(prisma: PrismaClient, referrerId: number | null): Promise<number> {
  telegramIds += 1n;
  const user = await prisma.user.create({
    data: { telegramId: telegramIds, firstName: `Bench ${telegramIds}`, referralCode: newReferralCode(), referrerId },
    select: { id: true },
  });
  return user.id;
}

/** One buyer per concurrent worker, each with a referrer who has a referrer of their own. */
export async function makeBuyers(prisma: PrismaClient, count: number): Promise<number[]> {
  const buyers: number[] = [];
  for (let i = 0; i < count; i++) {
    const level2 = await makeUser(prisma, null);
    const level1 = await makeUser(prisma, level2);
    buyers.push(await makeUser(prisma, level1));
  }
  return buyers;
}

/** A token whose single round is active, with a cap of `capPurchases` purchases. */
export async function makeToken(prisma: PrismaClient, label: string, capPurchases: number): Promise<{ id: number; symbol: string }> {
  symbols += 1;
  const symbol = `B${label.toUpperCase()}${symbols}`;
  const token = await prisma.token.create({
    data: {
      name: `Bench ${label}`,
      symbol,
      totalSupply: 10n ** 15n,
      rounds: {
        create: [
          {
            position: 1,
            name: 'Round 1',
            currency: ROUND.currency,
            unitPrice: ROUND.unitPrice,
            cap: BigInt(capPurchases) * AMOUNT,
            referralPercent: ROUND.referralPercent,
            minPurchase: 1n,
            status: 'ACTIVE',
          },
        ],
      },
    },
    select: { id: true, symbol: true },
  });
  return token;
}

// ---------------------------------------------------------------------------------------------
// Running and checking

export interface RunResult {
  elapsedMs: number;
  purchases: number;
  soldOut: number;
  latencies: number[];
  queries: number;
}

const queryCounter = countPgQueries();

/** `total` purchase attempts by `buyers` concurrent workers, worker i buying as buyers[i]. */
export async function drive(variant: Variant, tokenId: number, buyerIds: number[], buyers: number, total: number): Promise<RunResult> {
  let next = 0;
  let purchases = 0;
  let soldOut = 0;
  const latencies: number[] = [];
  const queriesBefore = queryCounter.read();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: buyers }, async (_, worker) => {
      const buyerId = buyerIds[worker]!;
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        const sold = await variant.purchase(buyerId, tokenId);
        if (sold) {
          latencies.push(performance.now() - t0);
          purchases += 1;
        } else soldOut += 1;
      }
    }),
  );
  return { elapsedMs: performance.now() - started, purchases, soldOut, latencies, queries: queryCounter.read() - queriesBefore };
}

export interface Check {
  ok: boolean;
  problems: string[];
}

/** The books of one token add up: round vs orders, rewards, ledger vs balances, the cap. */
export async function verify(pool: pg.Pool, token: { id: number; symbol: string }, expectedPurchases: number): Promise<Check> {
  const problems: string[] = [];
  const { rows: rounds } = await pool.query<{
    sold: string;
    reserved: string;
    cap: string;
    paid_sum: string;
    paid_count: string;
    pending_sum: string;
    rewards: string;
  }>(
    `SELECT r.sold, r.reserved, r.cap,
            (SELECT coalesce(sum(o.amount), 0) FROM token_orders o WHERE o.round_id = r.id AND o.status = 'PAID') AS paid_sum,
            (SELECT count(*) FROM token_orders o WHERE o.round_id = r.id AND o.status = 'PAID') AS paid_count,
            (SELECT coalesce(sum(o.amount), 0) FROM token_orders o WHERE o.round_id = r.id AND o.status = 'PENDING') AS pending_sum,
            (SELECT count(*) FROM referral_rewards rr JOIN token_orders o ON o.id = rr.order_id WHERE o.round_id = r.id) AS rewards
     FROM token_rounds r WHERE r.token_id = $1`,
    [token.id],
  );
  const round = rounds[0];
  if (!round || rounds.length !== 1) return { ok: false, problems: [`expected one round, found ${rounds.length}`] };
  const sold = BigInt(round.sold);
  if (sold !== BigInt(round.paid_sum)) problems.push(`round sold ${sold} != paid orders ${round.paid_sum}`);
  if (BigInt(round.reserved) !== BigInt(round.pending_sum)) problems.push(`round reserved ${round.reserved} != pending orders ${round.pending_sum}`);
  if (sold + BigInt(round.reserved) > BigInt(round.cap)) problems.push(`oversold: sold ${sold} + reserved ${round.reserved} > cap ${round.cap}`);
  if (Number(round.paid_count) !== expectedPurchases) problems.push(`paid orders ${round.paid_count} != purchases made ${expectedPurchases}`);
  if (Number(round.rewards) !== expectedPurchases * REWARDS_PER_PURCHASE) {
    problems.push(`referral rewards ${round.rewards} != ${expectedPurchases * REWARDS_PER_PURCHASE}`);
  }

  // Both variants must open the same order: the price rounded up to cents, the percents of the moment.
  const { rows: shapes } = await pool.query<{ odd: string }>(
    `SELECT count(*) AS odd FROM token_orders o JOIN token_rounds r ON r.id = o.round_id
     WHERE r.token_id = $1 AND (o.price_minor <> $2 OR o.reward_percents <> $3::numeric[] OR o.unit_price <> r.unit_price)`,
    [token.id, EXPECTED_PRICE_MINOR.toString(), EXPECTED_PERCENTS],
  );
  if (Number(shapes[0]!.odd) !== 0) problems.push(`${shapes[0]!.odd} orders with another price or other reward percents`);

  const { rows: books } = await pool.query<{ mismatched: string; ledger: string; balances: string; entries: string }>(
    `WITH l AS (SELECT user_id, sum(amount) AS amount, count(*) AS n FROM ledger_entries WHERE asset = $1 GROUP BY user_id),
          b AS (SELECT user_id, amount FROM balances WHERE asset = $1)
     SELECT count(*) FILTER (WHERE l.amount IS DISTINCT FROM b.amount) AS mismatched,
            coalesce(sum(l.amount), 0) AS ledger, coalesce(sum(b.amount), 0) AS balances, coalesce(sum(l.n), 0) AS entries
     FROM l FULL JOIN b ON b.user_id = l.user_id`,
    [token.symbol],
  );
  const book = books[0]!;
  if (Number(book.mismatched) !== 0) problems.push(`${book.mismatched} users whose ledger sum != balance`);
  if (BigInt(book.ledger) !== BigInt(expectedPurchases) * LEDGER_PER_PURCHASE) {
    problems.push(`ledger total ${book.ledger} != ${BigInt(expectedPurchases) * LEDGER_PER_PURCHASE}`);
  }
  if (Number(book.entries) !== expectedPurchases * (1 + REWARDS_PER_PURCHASE)) problems.push(`ledger entries ${book.entries}`);
  return { ok: problems.length === 0, problems };
}

export interface Measured {
  variant: string;
  rep: number;
  rate: number;
  p50: number;
  p99: number;
  queriesPerPurchase: number;
  check: Check;
}

export async function measure(fx: Fixture, variant: Variant, setting: Setting, rep: number): Promise<Measured> {
  const token = await makeToken(fx.prisma, 'm', setting.purchases * 10);
  const run = await drive(variant, token.id, fx.buyers, setting.buyers, setting.purchases);
  const check = await verify(fx.pool, token, run.purchases);
  if (run.soldOut) check.problems.push(`${run.soldOut} purchases found the round sold out`);
  return {
    variant: variant.name,
    rep,
    rate: (run.purchases / run.elapsedMs) * 1000,
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
    queriesPerPurchase: run.queries / Math.max(1, run.purchases),
    check: { ok: check.problems.length === 0, problems: check.problems },
  };
}

export async function warmUp(fx: Fixture, variant: Variant, buyers: number, purchases: number): Promise<void> {
  const token = await makeToken(fx.prisma, 'w', purchases * 2);
  await drive(variant, token.id, fx.buyers, buyers, purchases);
}

/**
 * Many buyers fighting for a small cap: exactly `capPurchases` purchases may succeed, everything
 * else must find the round sold out, and the books must still add up.
 */
export async function soldOutCheck(fx: Fixture, variant: Variant): Promise<Check> {
  const capPurchases = 50;
  const token = await makeToken(fx.prisma, 's', capPurchases);
  const run = await drive(variant, token.id, fx.buyers, MAX_BUYERS, capPurchases * 4);
  const check = await verify(fx.pool, token, run.purchases);
  if (run.purchases !== capPurchases) check.problems.push(`${run.purchases} purchases succeeded against a cap of ${capPurchases}`);
  return { ok: check.problems.length === 0, problems: check.problems };
}

// ---------------------------------------------------------------------------------------------

export interface SettingResult {
  setting: Setting;
  /** Measurements per variant name, in repeat order. */
  byVariant: Map<string, Measured[]>;
  ok: boolean;
}

/**
 * Runs each setting `repeats` times for every variant, warm-up first; within a repeat the variants
 * run back to back, in an order that rotates from one repeat to the next.
 */
export async function compare(fx: Fixture, variants: Variant[], settings: Setting[], repeats: number): Promise<SettingResult[]> {
  const results: SettingResult[] = [];
  for (const setting of settings) {
    for (const variant of variants) await warmUp(fx, variant, setting.buyers, Math.max(50, setting.buyers * 10));
    const byVariant = new Map<string, Measured[]>(variants.map((v) => [v.name, []]));
    let ok = true;
    for (let rep = 1; rep <= repeats; rep++) {
      const shift = (rep - 1) % variants.length;
      const order = [...variants.slice(shift), ...variants.slice(0, shift)];
      for (const variant of order) {
        const m = await measure(fx, variant, setting, rep);
        byVariant.get(variant.name)!.push(m);
        if (!m.check.ok) {
          ok = false;
          console.log(`  FAIL ${variant.name} ${setting.buyers} buyers rep ${rep}: ${m.check.problems.join('; ')}`);
        }
      }
    }
    const line = variants.map((v) => `${v.name} ${byVariant.get(v.name)!.map((m) => fixed(m.rate)).join('/')}`).join('  ');
    console.log(`  ${setting.buyers} buyers x ${setting.purchases} x ${repeats}: ${line} purchases/s`);
    results.push({ setting, byVariant, ok });
  }
  return results;
}

/** Median over repeats of core's rate divided by the rate of the run paired with it. */
export function pairedRatio(a: Measured[], b: Measured[]): number {
  return median(a.map((m, i) => m.rate / b[i]!.rate));
}

export const rates = (ms: Measured[]) => median(ms.map((m) => m.rate));

export async function openFixture(poolSize: number): Promise<{ fx: Fixture; db: BenchDatabase; close(): Promise<void> }> {
  const db = await createBenchDatabase(poolSize);
  const pool = new pg.Pool({ connectionString: db.url, max: poolSize, connectionTimeoutMillis: 10_000 });
  try {
    const fx: Fixture = { prisma: db.prisma, pool, buyers: await makeBuyers(db.prisma, MAX_BUYERS) };
    return {
      fx,
      db,
      async close() {
        try {
          await pool.end();
        } finally {
          await db.close();
        }
      },
    };
  } catch (error) {
    await pool.end();
    await db.close();
    throw error;
  }
}

export function coreDeps(prisma: PrismaClient): CoreDeps {
  return { db: prisma, clock: systemClock, logger: silentLogger, sale: SALE };
}

export const purchaseBench: Bench = {
  name: 'purchase',
  description: 'confirmed purchases/s on one round: core (Prisma) vs one-CTE raw pg, 1/8/32 buyers',
  async run() {
    const server = new URL(benchServerUrl());
    console.log(
      `purchase bench on ${server.host}${server.pathname}: pools of ${POOL_SIZE}, ${REPEATS} repeats per setting, medians reported`,
    );
    const started = performance.now();
    const { fx, close } = await openFixture(POOL_SIZE);
    let allOk = true;
    try {
      const core = coreVariant(coreDeps(fx.prisma));
      const raw = rawVariant(fx.pool);
      const variants = [core, raw];

      // Correctness under a fight for the last tokens, before any timing.
      for (const variant of variants) {
        const check = await soldOutCheck(fx, variant);
        console.log(`sold-out check ${variant.name}: ${check.ok ? 'OK' : `FAIL ${check.problems.join('; ')}`}`);
        allOk &&= check.ok;
      }
      // Open every connection of both pools and prepare the statements on them.
      for (const variant of variants) await warmUp(fx, variant, MAX_BUYERS, 600);

      const results = await compare(fx, variants, SETTINGS, REPEATS);
      const rows = results.map(({ setting, byVariant, ok }) => {
        allOk &&= ok;
        const c = byVariant.get(core.name)!;
        const r = byVariant.get(raw.name)!;
        return [
          String(setting.buyers),
          `${REPEATS}x${setting.purchases}`,
          fixed(rates(c)),
          fixed(rates(r)),
          fixed(rates(c) / rates(r), 2),
          fixed(pairedRatio(c, r), 2),
          fixed(median(c.map((m) => m.p50)), 1),
          fixed(median(c.map((m) => m.p99)), 1),
          fixed(median(r.map((m) => m.p50)), 1),
          fixed(median(r.map((m) => m.p99)), 1),
          `${fixed(median(c.map((m) => m.queriesPerPurchase)), 1)}/${fixed(median(r.map((m) => m.queriesPerPurchase)), 1)}`,
          ok ? 'OK' : 'FAIL',
        ];
      });
      console.log();
      console.log(
        table(
          ['buyers', 'purchases', 'core/s', 'raw/s', 'core/raw', 'paired', 'core p50 ms', 'core p99 ms', 'raw p50 ms', 'raw p99 ms', 'stmts core/raw', 'check'],
          rows,
        ),
      );
      console.log(
        [
          'core/raw: ratio of the median rates; paired: median of each core run over the raw run next to it.',
          'stmts: statements sent to PostgreSQL per purchase. check: round sold == paid orders, reserved == pending,',
          `ledger sums == balances, rewards and ledger totals as expected, no oversell. Took ${fixed((performance.now() - started) / 1000)} s.`,
        ].join('\n'),
      );
    } finally {
      await close();
    }
    return allOk;
  },
};
