/**
 * Sign-In with Ethereum: how many signed messages the server can check per second.
 *
 * (a) Pure verification in this process, no database: parseSiweMessage alone, then the core's
 *     verifySiwe (strict EIP-4361 parse, domain/URI/chain/time checks, ERC-191 hash and ecrecover),
 *     one message after another, each a distinct message signed beforehand by one of 32 keys.
 * (b) The full HTTP paths through the Hono app (createApp, app.request in-process: routing, body
 *     parsing and zod, the core, the database), at 1 and 8 requests in flight:
 *     - POST /wallet/login   a linked wallet signs in: verify, look up the nonce and the wallet,
 *                            use the nonce and create the session in one transaction;
 *     - POST /wallet/verify  a user links a wallet through their one-time link: verify, then link
 *                            (nonce used, link used, wallet row written) in one transaction.
 *     Every request has its own nonce (and link, user, key for /verify), issued beforehand through
 *     the core; only the request is timed. On PGlite in memory always, and on PostgreSQL (a fresh
 *     database on the bench server: BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL, else the
 *     local default, skipped with a note when that default does not answer).
 *
 * Checks (a failed one fails the bench): every timed request answered 200; as many sessions and
 * wallets as requests; a replayed login is refused 409 and a forged one 401.
 */
import { performance } from 'node:perf_hooks';
import { Wallet } from 'ethers';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../src/api/app.js';
import { systemClock } from '../src/core/deps.js';
import { type WalletDeps, walletSettings } from '../src/core/wallets/deps.js';
import { issueNonce } from '../src/core/wallets/issue-nonce.js';
import { issueWalletLink } from '../src/core/wallets/issue-wallet-link.js';
import { formatSiweMessage, parseSiweMessage } from '../src/core/wallets/siwe-message.js';
import { verifySiwe } from '../src/core/wallets/verify-siwe.js';
import { type Database, openDatabase } from '../src/infra/database.js';
import { silentLogger } from '../src/infra/logger.js';
import { coreDeps, makeUser } from '../tests/support/factories.js';
import type { Bench } from './support/bench.js';
import { benchServerUrl, createBenchDatabase } from './support/database.js';
import { fixed, median, percentile, table } from './support/stats.js';

// ---------------------------------------------------------------------------------------------
// Settings (BENCH_SCALE multiplies the operations per run, BENCH_REPEATS sets the repeats)

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? '3'));
const PURE_MESSAGES = Math.max(50, Math.round(2_000 * SCALE));
const REQUESTS = Math.max(16, Math.round(300 * SCALE));
const CONCURRENCY = [1, 8];
const POOL_SIZE = 16;
const KEYS = 32;
const PUBLIC_URL = 'https://market.example';
const CHAIN_ID = 1;

const settings = walletSettings({ publicUrl: PUBLIC_URL, chainId: CHAIN_ID });
let keyCounter = 1;
/** A fresh key, cheaply (Wallet.createRandom derives from a mnemonic: slow). */
const newKey = () => new Wallet(`0x${(0x5133e000 + keyCounter++).toString(16).padStart(64, '0')}`);

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
}

function measured(latencies: number[], elapsedMs: number): Measured {
  return { perSecond: (latencies.length / elapsedMs) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The medians of each figure over the repeats. */
function medianOf(runs: Measured[]): Measured {
  return { perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

const row = (name: string, m: Measured) => [name, fixed(m.perSecond), fixed(m.p50, 3), fixed(m.p99, 3)];

/** A SIWE message for `nonce` signed by `signer`, as the wallet page builds it. */
async function signedFor(signer: Wallet, n: { nonce: string; issuedAt: Date; expiresAt: Date; statement: string }) {
  const message = formatSiweMessage({
    scheme: settings.siwe.scheme,
    domain: settings.siwe.domain,
    address: signer.address,
    statement: n.statement,
    uri: settings.siwe.uri,
    version: '1',
    chainId: CHAIN_ID,
    nonce: n.nonce,
    issuedAt: n.issuedAt.toISOString(),
    expirationTime: n.expiresAt.toISOString(),
  });
  return { message, signature: await signer.signMessage(message) };
}

// ---------------------------------------------------------------------------------------------
// (a) Pure verification

async function pure(): Promise<{ rows: string[][]; problems: string[] }> {
  const signers = Array.from({ length: KEYS }, newKey);
  const now = new Date();
  const messages = await Promise.all(
    Array.from({ length: PURE_MESSAGES }, (_, i) =>
      signedFor(signers[i % KEYS]!, {
        nonce: `${i.toString(16).padStart(8, '0')}${'0'.repeat(24)}`,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
        statement: 'Sign in to the Market API with your linked wallet.',
      }),
    ),
  );
  const deps = { clock: systemClock, logger: silentLogger };
  const problems: string[] = [];
  const runParse = () => {
    const latencies: number[] = [];
    const started = performance.now();
    for (const m of messages) {
      const t = performance.now();
      if (!parseSiweMessage(m.message).ok) problems.push('parse failed');
      latencies.push(performance.now() - t);
    }
    return measured(latencies, performance.now() - started);
  };
  const runVerify = async () => {
    const latencies: number[] = [];
    const started = performance.now();
    for (const m of messages) {
      const t = performance.now();
      const verified = await verifySiwe(deps, { message: m.message, signature: m.signature, expected: settings.siwe });
      latencies.push(performance.now() - t);
      if (!verified.ok) problems.push(`verify: ${verified.code}`);
    }
    return measured(latencies, performance.now() - started);
  };
  runParse();
  await runVerify(); // warm-up
  const parses: Measured[] = [];
  const verifies: Measured[] = [];
  for (let r = 0; r < REPEATS; r++) {
    parses.push(runParse());
    verifies.push(await runVerify());
  }
  return {
    rows: [row('parseSiweMessage only', medianOf(parses)), row('verifySiwe (parse + checks + ecrecover)', medianOf(verifies))],
    problems: [...new Set(problems)],
  };
}

// ---------------------------------------------------------------------------------------------
// (b) The HTTP paths through the app

type Kind = 'pglite' | 'postgres';
type Body = { message: string; signature: string; link?: string };

interface Env {
  kind: Kind;
  database: Database;
  wallet: WalletDeps;
  app: ReturnType<typeof createApp>;
  /** Keys linked to users (confirmed wallets), for sign-ins. */
  linked: Wallet[];
  /** Warnings and errors the app or the core logged: any is a failure. */
  logged: string[];
}

async function openEnv(kind: Kind): Promise<Env> {
  const database = kind === 'postgres' ? await createBenchDatabase(POOL_SIZE) : await openDatabase({ dataDir: 'memory://' });
  const logged: string[] = [];
  const logger = pino({
    level: 'warn',
    hooks: {
      logMethod(args) {
        logged.push(args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a))).join(' '));
      },
    },
  });
  const core = coreDeps(database.prisma, { clock: systemClock, logger });
  const wallet: WalletDeps = { ...core, wallets: settings };
  const app = createApp({ core, logger, wallet: { wallet } });
  const linked: Wallet[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = newKey();
    const user = await makeUser(database.prisma);
    await database.prisma.wallet.create({ data: { userId: user.id, address: key.address, chainId: CHAIN_ID, confirmedAt: new Date() } });
    linked.push(key);
  }
  return { kind, database, wallet, app, linked, logged };
}

/** `count` login requests, each with its own nonce, from the linked keys in turn. */
async function loginBodies(env: Env, count: number): Promise<Body[]> {
  const bodies: Body[] = [];
  for (let i = 0; i < count; i++) {
    const issued = await issueNonce(env.wallet, { purpose: 'login' });
    if (!issued.ok) throw new Error(issued.code);
    bodies.push(await signedFor(env.linked[i % KEYS]!, issued.value));
  }
  return bodies;
}

/** `count` link requests: each a new user with a one-time link, a nonce for it and a new key. */
async function verifyBodies(env: Env, count: number): Promise<Body[]> {
  const bodies: Body[] = [];
  for (let i = 0; i < count; i++) {
    const user = await makeUser(env.database.prisma);
    const link = await issueWalletLink(env.wallet, { userId: user.id });
    const key = newKey();
    const issued = await issueNonce(env.wallet, { linkToken: link.token, address: key.address });
    if (!issued.ok) throw new Error(issued.code);
    bodies.push({ link: link.token, ...(await signedFor(key, issued.value)) });
  }
  return bodies;
}

async function post(env: Env, path: string, body: Body): Promise<number> {
  const res = await env.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

/** The bodies sent by `concurrency` workers over one queue; per-request latencies. */
async function drive(env: Env, path: string, bodies: Body[], concurrency: number): Promise<{ m: Measured; failures: string[] }> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t = performance.now();
        const status = await post(env, path, body);
        latencies.push(performance.now() - t);
        if (status !== 200) failures.push(`${path}: ${status}`);
      }
    }),
  );
  return { m: measured(latencies, performance.now() - started), failures };
}

async function httpPaths(env: Env): Promise<{ rows: string[][]; problems: string[] }> {
  const problems: string[] = [];
  const paths = [
    { path: '/wallet/login', make: loginBodies },
    { path: '/wallet/verify', make: verifyBodies },
  ];
  // Warm-up: code paths compiled, statements prepared, pool connections opened.
  for (const { path, make } of paths) {
    const run = await drive(env, path, await make(env, 32), 8);
    problems.push(...run.failures);
  }
  const sent = { login: 32, verify: 32 };
  const rows: string[][] = [];
  for (const { path, make } of paths) {
    for (const concurrency of CONCURRENCY) {
      const runs: Measured[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const bodies = await make(env, REQUESTS);
        const run = await drive(env, path, bodies, concurrency);
        problems.push(...run.failures);
        runs.push(run.m);
        if (path === '/wallet/login') sent.login += bodies.length;
        else sent.verify += bodies.length;
      }
      rows.push(row(`POST ${path} ${env.kind} x${concurrency}`, medianOf(runs)));
    }
  }

  // What those requests must have left behind, and two that must be refused.
  const db = env.database.prisma;
  const sessions = await db.apiSession.count();
  const wallets = await db.wallet.count({ where: { confirmedAt: { not: null } } });
  if (sessions !== sent.login) problems.push(`${sessions} sessions for ${sent.login} sign-ins`);
  if (wallets !== KEYS + sent.verify) problems.push(`${wallets} wallets for ${KEYS} + ${sent.verify} links`);
  const [used] = await loginBodies(env, 1);
  if ((await post(env, '/wallet/login', used!)) !== 200) problems.push('a fresh login was refused');
  const replayed = await post(env, '/wallet/login', used!);
  if (replayed !== 409) problems.push(`a replayed login got ${replayed}, not 409`);
  const [forged] = await loginBodies(env, 1);
  const forgedStatus = await post(env, '/wallet/login', { ...forged!, signature: await newKey().signMessage(forged!.message) });
  if (forgedStatus !== 401) problems.push(`a forged login got ${forgedStatus}, not 401`);
  problems.push(...env.logged.slice(0, 3));
  return { rows, problems: [...new Set(problems)].slice(0, 10) };
}

/** PostgreSQL when one is named, or when the local default answers. */
async function postgresWanted(): Promise<{ use: boolean; note: string }> {
  const named = Boolean(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
  const host = new URL(benchServerUrl()).host;
  if (named) return { use: true, note: `PostgreSQL on ${host}` };
  try {
    const client = new pg.Client({ connectionString: benchServerUrl(), connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    return { use: true, note: `PostgreSQL on ${host} (the default)` };
  } catch {
    return { use: false, note: `no PostgreSQL at ${host} and none named (BENCH_DATABASE_URL): PGlite only` };
  }
}

// ---------------------------------------------------------------------------------------------

export const siweBench: Bench = {
  name: 'siwe',
  description: 'SIWE verifications/s: parse + ecrecover alone, and POST /wallet/login and /wallet/verify through the app on PGlite and PostgreSQL',
  async run() {
    const pgChoice = await postgresWanted();
    console.log(
      `siwe bench: ${PURE_MESSAGES} messages for (a); ${REQUESTS} requests per run for (b) at ${CONCURRENCY.join(' and ')} in flight, ` +
        `PGlite in memory and ${pgChoice.note}; ${REPEATS} repeats, medians reported`,
    );
    const started = performance.now();
    const problems: string[] = [];

    const a = await pure();
    problems.push(...a.problems);
    console.log(`\n(a) pure verification, one at a time\n${table(['', 'per s', 'p50 ms', 'p99 ms'], a.rows)}`);

    const rows: string[][] = [];
    for (const kind of pgChoice.use ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
      const env = await openEnv(kind);
      try {
        const b = await httpPaths(env);
        rows.push(...b.rows);
        problems.push(...b.problems.map((p) => `${kind}: ${p}`));
      } finally {
        await env.database.close();
      }
    }
    console.log(`\n(b) through the app (app.request), requests in flight xN\n${table(['', 'req/s', 'p50 ms', 'p99 ms'], rows)}`);
    console.log(`\nchecks: ${problems.length ? `FAIL\n  ${problems.join('\n  ')}` : 'OK (every request 200; sessions and wallets as sent; replay 409, forgery 401)'}`);
    console.log(`siwe bench took ${fixed((performance.now() - started) / 1000, 1)} s`);
    return problems.length === 0;
  },
};
