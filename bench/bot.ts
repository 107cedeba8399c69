/**
 * Bot throughput: the real bot (createBot, every middleware, the database behind it) fed updates
 * in-process through handleUpdate, its Bot API calls answered by a recorder (no network), beside
 * a ceiling: a bare grammY Bot with the same recorder and an empty handler, driven the same way.
 *
 * Each measured run is one journey of `chats` fresh Telegram users, phase after phase, every
 * phase one update per chat: /start as a new user (registration), /start again (returning), the
 * menu's Buy tokens (the sale card), Buy (enters the purchase conversation: the amount step), a
 * typed amount inside the conversation (its state read from and written to the database: the
 * summary), Confirm (reserves the tokens and opens the order). The typed amount is the buy-flow
 * step the table singles out: a conversation step with its replay state in the database, the
 * shape of every step of every flow. Different chats are handled concurrently (`concurrency`
 * workers over one queue of updates); one chat's updates are sequential because the phases are.
 */
import { performance } from 'node:perf_hooks';
import { Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import pino from 'pino';
import { createBot } from '../src/bot/bot.js';
import { cb } from '../src/bot/callback-data.js';
import type { BotContext } from '../src/bot/context.js';
import { buyCb } from '../src/bot/keyboards/buy-buttons.js';
import { systemClock } from '../src/core/deps.js';
import { type Database, openDatabase } from '../src/infra/database.js';
import { fixedRates } from '../src/core/rates/rates.js';
import { coreDeps, makeToken, TEST_RATES } from '../tests/support/factories.js';
import type { Bench } from './support/bench.js';
import { type PgTiming, timePgQueries } from './support/pg-timing.js';
import { benchServerUrl, countPgQueries, createBenchDatabase } from './support/database.js';
import { fixed, median, percentile, table } from './support/stats.js';
import { BENCH_BOT_INFO, BENCH_TOKEN, buttonData, type RecordedCall, Recorder, recordCalls, Updates } from './support/telegram.js';

// ---------------------------------------------------------------------------------------------
// Settings (BENCH_SCALE multiplies the chats per run, BENCH_REPEATS sets the repeats)

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? '3'));
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
/** Concurrent chats, and the chats (= updates per phase) of one timed journey at that concurrency. */
const SETTINGS = [
  { concurrency: 1, chats: 50 },
  { concurrency: 16, chats: 200 },
].map((s) => ({ ...s, chats: Math.max(s.concurrency, Math.round(s.chats * SCALE)) }));
const MAX_CONCURRENCY = Math.max(...SETTINGS.map((s) => s.concurrency));
/** The PrismaPg pool: every concurrent update holds at most one connection (a transaction) at a time. */
const POOL_SIZE = MAX_CONCURRENCY + 4;
/** The ceiling is ~100x faster: more updates, so that a run lasts long enough to time. */
const CEILING_UPDATES = Math.round(6_000 * SCALE);
const AMOUNT = 1_000n;

type DbKind = 'pglite' | 'postgres';

// ---------------------------------------------------------------------------------------------
// The phases of a journey, and what each update must make the bot send

interface Phase {
  name: string;
  kind: 'message' | 'callback';
  update(updates: Updates, userId: number): Update;
  /** The screen each update must show: how it is sent and a button it must carry. */
  screen: { method: 'sendMessage' | 'editMessageText'; button: RegExp };
}

const PHASES: Phase[] = [
  { name: 'start: new user', kind: 'message', update: (u, id) => u.text(id, '/start'), screen: { method: 'sendMessage', button: /^buy$/ } },
  { name: 'start: returning', kind: 'message', update: (u, id) => u.text(id, '/start'), screen: { method: 'sendMessage', button: /^buy$/ } },
  { name: 'buy: sale card', kind: 'callback', update: (u, id) => u.press(id, cb.buy.build()), screen: { method: 'editMessageText', button: /^buy\.go$/ } },
  { name: 'buy: enter flow', kind: 'callback', update: (u, id) => u.press(id, buyCb.start.build()), screen: { method: 'editMessageText', button: /^buy\.amt:/ } },
  { name: 'buy: typed amount *', kind: 'message', update: (u, id) => u.text(id, AMOUNT.toString()), screen: { method: 'sendMessage', button: /^buy\.ok$/ } },
  { name: 'buy: confirm', kind: 'callback', update: (u, id) => u.press(id, buyCb.confirm.build()), screen: { method: 'editMessageText', button: /^ord\.cancel:\d+$/ } },
];

/** Problems with the calls one phase's updates made: exactly one screen per chat (and one answer per press). */
function checkCalls(phase: Phase, updates: Update[], calls: RecordedCall[]): string[] {
  const problems: string[] = [];
  const chats = new Set(updates.map((u) => (u.message ?? u.callback_query?.message)!.chat.id));
  const screens = calls.filter((c) => c.method === phase.screen.method);
  const screenChats = new Set(screens.map((c) => Number(c.payload.chat_id)));
  if (screens.length !== updates.length || screenChats.size !== chats.size) {
    problems.push(`${screens.length} ${phase.screen.method} to ${screenChats.size} chats for ${updates.length} updates`);
  }
  const wrong = screens.filter((c) => !buttonData(c).some((d) => phase.screen.button.test(d)));
  if (wrong.length) problems.push(`${wrong.length} screens without a ${phase.screen.button} button, e.g. ${JSON.stringify(wrong[0]!.payload.text)}`);
  const answers = calls.filter((c) => c.method === 'answerCallbackQuery');
  const expectedAnswers = phase.kind === 'callback' ? updates.length : 0;
  if (answers.length !== expectedAnswers || new Set(answers.map((c) => c.payload.callback_query_id)).size !== expectedAnswers) {
    problems.push(`${answers.length} callback answers, ${expectedAnswers} expected`);
  }
  const other = calls.length - screens.length - answers.length;
  if (other) problems.push(`${other} other calls (${[...new Set(calls.map((c) => c.method))].join(', ')})`);
  return problems.map((p) => `${phase.name}: ${p}`);
}

// ---------------------------------------------------------------------------------------------
// Time spent in PostgreSQL: every pg client's query, from the call to its answer

const pgTime: PgTiming = { ms: 0 };
/** Statements tallied by their first words. */
const statementKind = (text: string) => text.replace(/^(SELECT) .* (FROM \S+).*$/, '$1 ... $2').slice(0, 60);

// ---------------------------------------------------------------------------------------------
// Driving a bot

interface Driven {
  elapsedMs: number;
  /** CPU time of this process (every thread: PGlite's WASM, Prisma, grammY, GC) over the run. */
  cpuMs: number;
  latencies: number[];
  failures: string[];
}

/** `concurrency` workers take the next update from one queue and wait for handleUpdate. */
async function drive<C extends Context>(bot: Bot<C>, updates: Update[], concurrency: number): Promise<Driven> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, updates.length) }, async () => {
      while (next < updates.length) {
        const update = updates[next++]!;
        const t0 = performance.now();
        try {
          await bot.handleUpdate(update);
        } catch (error) {
          failures.push(String(error));
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (used.user + used.system) / 1000, latencies, failures };
}

interface Measured {
  rate: number;
  latencies: number[];
  cpuMsPerUpdate: number;
  /** PostgreSQL only: statements per update, and the share of the updates' time spent waiting for them. */
  statements?: number;
  pgShare?: number;
}

function measured(run: Driven, updates: number, statements?: number, pgMs?: number): Measured {
  const total = run.latencies.reduce((a, b) => a + b, 0);
  return {
    rate: (updates / run.elapsedMs) * 1000,
    latencies: run.latencies,
    cpuMsPerUpdate: run.cpuMs / updates,
    ...(statements === undefined ? {} : { statements: statements / updates, pgShare: (pgMs ?? 0) / total }),
  };
}

// ---------------------------------------------------------------------------------------------
// The real bot on one database

let nextTelegramId = 900_000_000;

interface BotOnDb {
  kind: DbKind;
  database: Database;
  bot: Bot<BotContext>;
  recorder: Recorder;
  updates: Updates;
  roundId: number;
  /** What was sent so far: fresh users (each started once) and confirmed purchases. */
  sent: { users: number; orders: number };
  /** Errors the bot logged (its error boundary): any is a failure. */
  errors: string[];
}

async function openBotOnDb(kind: DbKind): Promise<BotOnDb & { close(): Promise<void> }> {
  const database =
    kind === 'postgres' ? await createBenchDatabase(POOL_SIZE) : await openDatabase({ dataDir: 'memory://' });
  try {
    const token = await makeToken(database.prisma, [{ name: 'Bench', cap: 1_000_000_000n, minPurchase: 1n }]);
    const errors: string[] = [];
    const logger = pino({
      level: 'warn',
      hooks: {
        logMethod(args) {
          errors.push(args.map((a) => (a instanceof Error ? a.message : typeof a === 'object' ? JSON.stringify((a as { err?: unknown }).err ?? a) : String(a))).join(' '));
        },
      },
    });
    const recorder = new Recorder();
    const core = coreDeps(database.prisma, { clock: systemClock });
    const bot = createBot(
      BENCH_TOKEN,
      { core, payments: { ...core, gateways: new Map(), rates: fixedRates(TEST_RATES) }, logger, adminIds: [], tokenId: token.id },
      { botInfo: BENCH_BOT_INFO, autoRetry: false },
    );
    recordCalls(bot, recorder);
    return {
      kind,
      database,
      bot,
      recorder,
      updates: new Updates(),
      roundId: token.rounds[0]!.id,
      sent: { users: 0, orders: 0 },
      errors,
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

interface Journey {
  byPhase: Measured[];
  problems: string[];
}

/** Every phase for `chats` new users; optionally the statements of each phase's first update. */
async function journey(
  env: BotOnDb,
  concurrency: number,
  chats: number,
  observe: { capture?: Map<string, string[]>; tally?: Map<string, { n: number; ms: number }> } = {},
): Promise<Journey> {
  const { capture, tally } = observe;
  const users = Array.from({ length: chats }, () => nextTelegramId++);
  const counter = env.kind === 'postgres' ? countPgQueries() : undefined;
  const problems: string[] = [];
  const byPhase: Measured[] = [];
  env.sent.users += chats;
  for (const phase of PHASES) {
    const updates = users.map((id) => phase.update(env.updates, id));
    env.recorder.take();
    if (capture && concurrency === 1) {
      // The first update alone, its statements noted; the rest of the phase timed below.
      pgTime.capture = [];
      const first = await drive(env.bot, updates.slice(0, 1), 1);
      capture.set(phase.name, pgTime.capture);
      pgTime.capture = undefined;
      problems.push(...first.failures);
    }
    const timed = capture && concurrency === 1 ? updates.slice(1) : updates;
    const queriesBefore = counter?.read() ?? 0;
    const pgBefore = pgTime.ms;
    pgTime.tally = tally;
    const run = await drive(env.bot, timed, concurrency);
    pgTime.tally = undefined;
    problems.push(...run.failures.slice(0, 3).map((f) => `${phase.name}: ${f}`));
    problems.push(...checkCalls(phase, updates, env.recorder.take()));
    byPhase.push(measured(run, timed.length, counter ? counter.read() - queriesBefore : undefined, pgTime.ms - pgBefore));
  }
  env.sent.orders += chats;
  if (env.errors.length) problems.push(`the bot logged ${env.errors.length} errors, first: ${env.errors[0]}`);
  env.errors.length = 0;
  return { byPhase, problems };
}

/** After the run: the database holds exactly what the updates made. */
async function verify(env: BotOnDb): Promise<string[]> {
  const db = env.database.prisma;
  const problems: string[] = [];
  const [users, profiles, orders, sessions, conversations, limits, round] = await Promise.all([
    db.user.count(),
    db.profile.count(),
    db.tokenOrder.findMany({ where: { roundId: env.roundId }, select: { status: true, amount: true } }),
    db.botState.count({ where: { key: { startsWith: 'session:' } } }),
    db.botState.count({ where: { key: { startsWith: 'conversation:' } } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM rate_limits`.then((r) => Number(r[0]!.n)),
    db.tokenRound.findUniqueOrThrow({ where: { id: env.roundId } }),
  ]);
  if (users !== env.sent.users) problems.push(`users ${users} != ${env.sent.users} started`);
  if (profiles !== env.sent.users) problems.push(`profiles ${profiles} != ${env.sent.users} users`);
  if (orders.length !== env.sent.orders) problems.push(`orders ${orders.length} != ${env.sent.orders} confirmed`);
  const notPending = orders.filter((o) => o.status !== 'PENDING' || o.amount !== AMOUNT).length;
  if (notPending) problems.push(`${notPending} orders not PENDING for ${AMOUNT}`);
  if (round.reserved !== AMOUNT * BigInt(env.sent.orders) || round.sold !== 0n) {
    problems.push(`round reserved ${round.reserved} sold ${round.sold}, expected ${AMOUNT * BigInt(env.sent.orders)} and 0`);
  }
  if (sessions !== env.sent.users) problems.push(`sessions ${sessions} != ${env.sent.users} chats`);
  if (conversations !== 0) problems.push(`${conversations} conversations left, all should have ended at the reserved screen`);
  if (limits !== env.sent.users) problems.push(`rate-limit rows ${limits} != ${env.sent.users} users`);
  return problems.map((p) => `${env.kind}: ${p}`);
}

// ---------------------------------------------------------------------------------------------
// The ceiling: grammY alone, same recorder, an empty handler

function ceilingBot(recorder: Recorder): Bot {
  const bot = new Bot(BENCH_TOKEN, { botInfo: BENCH_BOT_INFO, client: {} });
  recordCalls(bot, recorder);
  bot.on('message', () => {});
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return bot;
}

async function ceiling(bot: Bot, recorder: Recorder, updates: Updates, kind: Phase['kind'], concurrency: number): Promise<Measured & { problems: string[] }> {
  const batch = Array.from({ length: CEILING_UPDATES }, () => {
    const id = nextTelegramId++;
    return kind === 'message' ? updates.text(id, '/start') : updates.press(id, cb.buy.build());
  });
  recorder.take();
  const run = await drive(bot, batch, concurrency);
  const calls = recorder.take().length;
  const expected = kind === 'callback' ? batch.length : 0;
  const problems = [...run.failures.slice(0, 3), ...(calls === expected ? [] : [`ceiling ${kind}: ${calls} calls, ${expected} expected`])];
  return { ...measured(run, batch.length), problems };
}

// ---------------------------------------------------------------------------------------------

export const botBench: Bench = {
  name: 'bot',
  description: 'updates/s through the whole bot (handleUpdate, recorded API) on PGlite and PostgreSQL vs an empty grammY bot',
  async run() {
    const server = new URL(benchServerUrl());
    console.log(
      `bot bench: PGlite in memory and PostgreSQL on ${server.host} (fresh database, pool of ${POOL_SIZE}); ` +
        `${SETTINGS.map((s) => `${s.chats} chats at concurrency ${s.concurrency}`).join(', ')}; ${REPEATS} repeats, medians reported`,
    );
    const started = performance.now();
    countPgQueries();
    const untime = timePgQueries(pgTime, statementKind, 110);
    const envs: (BotOnDb & { close(): Promise<void> })[] = [];
    const problems: string[] = [];
    try {
      for (const kind of ['pglite', 'postgres'] as const) envs.push(await openBotOnDb(kind));
      const ceilingRecorder = new Recorder();
      const bare = ceilingBot(ceilingRecorder);
      const ceilingUpdates = new Updates();

      // Warm-up: connections opened, statements prepared, code paths compiled (checked like the rest).
      for (const env of envs) {
        for (const s of SETTINGS) problems.push(...(await journey(env, s.concurrency, Math.max(8, 2 * s.concurrency))).problems);
      }
      for (const s of SETTINGS) for (const kind of ['message', 'callback'] as const) await ceiling(bare, ceilingRecorder, ceilingUpdates, kind, s.concurrency);

      // results[db][concurrency][phase] and ceilings[kind][concurrency]: one entry per repeat.
      const results = new Map<string, Measured[]>();
      const ceilings = new Map<string, Measured[]>();
      const push = (map: Map<string, Measured[]>, key: string, m: Measured) => map.set(key, [...(map.get(key) ?? []), m]);
      const capture = VERBOSE ? new Map<string, string[]>() : undefined;
      const tally = VERBOSE ? new Map<string, { n: number; ms: number }>() : undefined;
      for (let rep = 1; rep <= REPEATS; rep++) {
        for (const s of SETTINGS) {
          // Alternate which database goes first, and time the ceiling between them: the load on a
          // shared machine drifts, and each ratio pairs runs made next to each other.
          const order = rep % 2 ? envs : [...envs].reverse();
          for (const [i, env] of order.entries()) {
            const observed = env.kind === 'postgres' && s.concurrency === 1;
            const j = await journey(env, s.concurrency, s.chats, observed ? { ...(rep === 1 ? { capture } : {}), tally } : {});
            problems.push(...j.problems);
            for (const [p, m] of j.byPhase.entries()) push(results, `${env.kind}|${s.concurrency}|${p}`, m);
            if (i === 0) {
              for (const kind of ['message', 'callback'] as const) {
                const c = await ceiling(bare, ceilingRecorder, ceilingUpdates, kind, s.concurrency);
                problems.push(...c.problems);
                push(ceilings, `${kind}|${s.concurrency}`, c);
              }
            }
          }
        }
        const line = SETTINGS.map((s) =>
          envs.map((env) => `${env.kind} c${s.concurrency} ${fixed(results.get(`${env.kind}|${s.concurrency}|4`)!.at(-1)!.rate)}`).join(', '),
        ).join('; ');
        console.log(`  repeat ${rep}: typed amount ${line} updates/s`);
      }
      for (const env of envs) problems.push(...(await verify(env)));

      const rows: string[][] = [];
      for (const s of SETTINGS) {
        for (const env of envs) {
          PHASES.forEach((phase, p) => {
            const ms = results.get(`${env.kind}|${s.concurrency}|${p}`)!;
            const ceil = ceilings.get(`${phase.kind}|${s.concurrency}`)!;
            rows.push([
              phase.name,
              env.kind,
              String(s.concurrency),
              fixed(median(ms.map((m) => m.rate))),
              fixed(percentile(ms.flatMap((m) => m.latencies), 50), 2),
              fixed(percentile(ms.flatMap((m) => m.latencies), 99), 2),
              ratio(median(ms.map((m, i) => m.rate / ceil[i]!.rate))),
              fixed(median(ms.map((m) => m.cpuMsPerUpdate)), 2),
              env.kind === 'postgres' ? fixed(median(ms.map((m) => m.statements ?? Number.NaN)), 1) : '-',
              env.kind === 'postgres' && s.concurrency === 1 ? `${fixed(100 * median(ms.map((m) => m.pgShare ?? Number.NaN)))}%` : '-',
            ]);
          });
        }
        for (const kind of ['message', 'callback'] as const) {
          const ms = ceilings.get(`${kind}|${s.concurrency}`)!;
          rows.push([
            `ceiling: empty ${kind} handler`,
            '-',
            String(s.concurrency),
            fixed(median(ms.map((m) => m.rate))),
            fixed(percentile(ms.flatMap((m) => m.latencies), 50), 3),
            fixed(percentile(ms.flatMap((m) => m.latencies), 99), 3),
            '1',
            fixed(median(ms.map((m) => m.cpuMsPerUpdate)), 4),
            '-',
            '-',
          ]);
        }
      }
      console.log();
      console.log(table(['scenario', 'database', 'conc', 'updates/s', 'p50 ms', 'p99 ms', 'x ceiling', 'cpu ms/upd', 'stmts/upd', 'pg wait'], rows));
      console.log(
        [
          '* the buy-flow step: a typed amount inside the purchase conversation (its replay state read from and written',
          '  to the database), answered with the summary. updates/s: median over repeats; p50/p99: over every repeat\'s',
          '  updates pooled. x ceiling: median over repeats of the rate over the ceiling run next to it (a bare grammY',
          '  Bot, same recorder, `on(message)` empty / callback answered).',
          'cpu ms/upd: this process\'s CPU time per update (PGlite\'s engine included, PostgreSQL\'s not). stmts/upd:',
          '  statements sent to PostgreSQL per update (BEGIN/COMMIT included). pg wait: share of the updates\' time spent',
          '  waiting for those statements, at concurrency 1 only (with 16 in flight the wait includes the event loop',
          '  being busy with the other updates). Check: every update drew one screen with the expected button',
          '  (and one callback answer); afterwards users, profiles, sessions, rate-limit rows == users started, orders',
          `  == confirms, round reserved == their tokens, no conversation left. Took ${fixed((performance.now() - started) / 1000)} s.`,
        ].join('\n'),
      );
      if (capture) {
        console.log('\nStatements of one update per phase (PostgreSQL, concurrency 1, repeat 1):');
        for (const [phase, statements] of capture) {
          console.log(`  ${phase}: ${statements.length}`);
          for (const sql of statements) console.log(`    ${sql}`);
        }
      }
      if (tally) {
        console.log('\nStatements by kind (PostgreSQL, concurrency 1, every repeat): count, mean ms from send to answer');
        for (const [sql, t] of [...tally].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${String(t.n).padStart(6)} ${fixed(t.ms / t.n, 2).padStart(6)} ms  ${sql}`);
      }
    } finally {
      for (const env of envs) await env.close();
      untime();
    }
    const unique = [...new Set(problems)];
    for (const p of unique.slice(0, 20)) console.log(`  FAIL ${p}`);
    if (unique.length > 20) console.log(`  ... and ${unique.length - 20} more`);
    return unique.length === 0;
  },
};

function ratio(r: number): string {
  return r >= 0.1 ? fixed(r, 2) : r >= 0.001 ? fixed(r, 3) : fixed(r, 4);
}
