// The JSON API's user endpoints (/api/v1/me...) through app.request on a migrated PGlite database:
// a user who linked a wallet signs in with it (POST /wallet/login, a real SIWE signature made
// here) and reads their account, balance, orders and rewards with the Bearer session; without a
// session, or with a forged, expired or ended one, every endpoint answers 401; bad paging
// parameters are answered 400 naming the parameter.

import { Wallet } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { confirmPayment } from '../../src/core/tokens/confirm-payment.js';
import { startPurchase } from '../../src/core/tokens/start-purchase.js';
import { API_SESSION_TTL_MS, walletSettings } from '../../src/core/wallets/deps.js';
import { issueWalletLink } from '../../src/core/wallets/issue-wallet-link.js';
import { formatSiweMessage } from '../../src/core/wallets/siwe-message.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken, makeUser } from '../support/factories.js';

const START = new Date('2026-01-15T12:00:00Z');
const clock = fixedClock(START);
let db: Database;
let core: CoreDeps;
let app: ReturnType<typeof createApp>;

type Json = Record<string, unknown>;

async function call(method: 'GET' | 'POST', path: string, options: { body?: unknown; token?: string; authorization?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization) headers.authorization = options.authorization;
  const res = await app.request(path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  return { status: res.status, json: res.status === 204 ? {} : ((await res.json()) as Json), headers: res.headers };
}
const get = (path: string, token?: string) => call('GET', path, token ? { token } : {});

/** The message the wallet page (or an API client) signs for a nonce from POST /wallet/nonce. */
async function signed(signer: Wallet, nonceBody: Json) {
  const n = (await call('POST', '/wallet/nonce', { body: nonceBody })).json as Record<string, string> & { chainId: number };
  const message = formatSiweMessage({
    scheme: n.scheme,
    domain: n.domain!,
    address: n.address ?? signer.address,
    statement: n.statement,
    uri: n.uri!,
    version: '1',
    chainId: n.chainId,
    nonce: n.nonce!,
    issuedAt: n.issuedAt!,
    expirationTime: n.expirationTime,
  });
  return { message, signature: await signer.signMessage(message) };
}

/** Links `signer` to the user through their bot link, as the wallet page does. */
async function linkWallet(userId: number, signer: Wallet) {
  const link = (await issueWalletLink(core, { userId })).token;
  const verified = await call('POST', '/wallet/verify', { body: { link, ...(await signed(signer, { link, address: signer.address })) } });
  expect(verified.status).toBe(200);
}

/** A Bearer session from POST /wallet/login. */
async function login(signer: Wallet): Promise<string> {
  const answer = await call('POST', '/wallet/login', { body: await signed(signer, { purpose: 'login' }) });
  expect(answer.status).toBe(200);
  return answer.json.token as string;
}

async function paidOrder(buyerId: number, tokenId: number, amount: number) {
  const started = await startPurchase(core, { buyerId, tokenId, amount });
  if (!started.ok) throw new Error(started.code);
  const confirmed = await confirmPayment(core, started.value.orderId);
  if (!confirmed.ok) throw new Error(confirmed.code);
  return started.value.orderId;
}

async function pendingOrder(buyerId: number, tokenId: number, amount: number) {
  const started = await startPurchase(core, { buyerId, tokenId, amount });
  if (!started.ok) throw new Error(started.code);
  return started.value.orderId;
}

const aliceSigner = new Wallet(`0x${'a1'.repeat(32)}`);
const bobSigner = new Wallet(`0x${'b2'.repeat(32)}`);
let alice: Awaited<ReturnType<typeof makeUser>>;
let aliceToken: string;
let bobToken: string;
/** Alice's orders, oldest first: 10, 20, 30 paid, 40 waiting for payment. */
let aliceOrders: number[];

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  app = createApp({ core, logger: silentLogger, wallet: { wallet: { ...core, wallets: walletSettings({ publicUrl: 'https://market.example', chainId: 1 }) } } });

  // The platform token (the first one): 0.0125 USD a token, level 1 earns 10%, level 2 3%.
  const token = await makeToken(db.prisma, [{ cap: 100_000n, unitPrice: '0.0125', currency: 'USD', referralPercent: '10' }]);
  alice = await makeUser(db.prisma, { firstName: 'Alice' });
  const bob = await makeUser(db.prisma, { firstName: 'Bob', referrerId: alice.id });
  const carol = await makeUser(db.prisma, { firstName: 'Carol', referrerId: bob.id });
  aliceOrders = [
    await paidOrder(alice.id, token.id, 10),
    await paidOrder(alice.id, token.id, 20),
    await paidOrder(alice.id, token.id, 30),
    await pendingOrder(alice.id, token.id, 40),
  ];
  // Alice's rewards, oldest first: 100 (Bob's 1000, level 1), 50 (Bob's 500), 3 (Carol's 100, level 2).
  await paidOrder(bob.id, token.id, 1000);
  await paidOrder(bob.id, token.id, 500);
  await paidOrder(carol.id, token.id, 100);
  await db.prisma.user.update({ where: { id: alice.id }, data: { lastName: 'Liddell', email: 'alice@example.com' } });

  await linkWallet(alice.id, aliceSigner);
  await linkWallet(bob.id, bobSigner);
  aliceToken = await login(aliceSigner);
  bobToken = await login(bobSigner);
});
afterAll(() => db?.close());
beforeEach(() => clock.set(START));

describe('with a wallet session', () => {
  test('GET /api/v1/me: the user, their profile basics and linked wallet', async () => {
    const me = await get('/api/v1/me', aliceToken);
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      user: { id: alice.id, telegramId: alice.telegramId.toString(), firstName: 'Alice', lastName: 'Liddell', language: 'en' },
      profile: { email: 'alice@example.com', phone: null, birthday: null, city: null },
      wallet: { address: aliceSigner.address, kind: 'EOA', chainId: 1, linkedAt: START.toISOString(), confirmedAt: START.toISOString() },
      session: { address: aliceSigner.address, expiresAt: new Date(START.getTime() + API_SESSION_TTL_MS).toISOString() },
    });
  });

  test('GET /api/v1/me/balance: tokens held (own purchases and rewards), waiting for payment, and worth now', async () => {
    const balance = await get('/api/v1/me/balance', aliceToken);
    expect(balance.status).toBe(200);
    // 60 bought + 153 rewards = 213 tokens × 0.0125 USD = 2.6625 USD, rounded down to 266 cents.
    expect(balance.json).toEqual({
      balances: [{ symbol: expect.any(String), tokens: '213', pending: '40', value: { amountMinor: '266', currency: 'USD' } }],
    });
  });

  test('GET /api/v1/me/orders: the user’s own orders, newest first, paged, optionally by status', async () => {
    const first = await get('/api/v1/me/orders?page=1&limit=3', aliceToken);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, limit: 3, total: 4, pages: 2 });
    const items = first.json.items as Json[];
    expect(items.map((o) => o.id)).toEqual([aliceOrders[3], aliceOrders[2], aliceOrders[1]]);
    expect(items[0]).toEqual({
      id: aliceOrders[3],
      round: 'Round 1',
      amount: '40',
      price: { amountMinor: '50', currency: 'USD' },
      status: 'PENDING',
      createdAt: START.toISOString(),
      paidAt: null,
    });
    expect(items[1]).toMatchObject({ amount: '30', status: 'PAID', price: { amountMinor: '38', currency: 'USD' }, paidAt: START.toISOString() });

    const second = await get('/api/v1/me/orders?page=2&limit=3', aliceToken);
    expect((second.json.items as Json[]).map((o) => o.id)).toEqual([aliceOrders[0]]);
    expect(second.json).toMatchObject({ page: 2, limit: 3, total: 4, pages: 2 });

    const past = await get('/api/v1/me/orders?page=9', aliceToken);
    expect(past.json).toEqual({ items: [], page: 9, limit: 20, total: 4, pages: 1 });

    const paid = await get('/api/v1/me/orders?status=PAID', aliceToken);
    expect((paid.json.items as Json[]).map((o) => o.amount)).toEqual(['30', '20', '10']);
    const pending = await get('/api/v1/me/orders?status=PENDING', aliceToken);
    expect((pending.json.items as Json[]).map((o) => o.amount)).toEqual(['40']);

    // Bob sees his own two, not Alice's.
    const bobs = await get('/api/v1/me/orders', bobToken);
    expect((bobs.json.items as Json[]).map((o) => o.amount)).toEqual(['500', '1000']);
  });

  test('GET /api/v1/me/rewards: referral rewards earned, newest first, paged', async () => {
    const first = await get('/api/v1/me/rewards?limit=2', aliceToken);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, limit: 2, total: 3, pages: 2 });
    const items = first.json.items as Json[];
    expect(items[0]).toEqual({
      id: expect.any(Number),
      level: 2,
      percent: '3',
      amount: '3',
      status: expect.any(String),
      orderId: expect.any(Number),
      orderAmount: '100',
      from: 'Carol',
      createdAt: START.toISOString(),
    });
    expect(items[1]).toMatchObject({ level: 1, percent: '10', amount: '50', orderAmount: '500', from: 'Bob' });
    const second = await get('/api/v1/me/rewards?limit=2&page=2', aliceToken);
    expect((second.json.items as Json[]).map((r) => r.amount)).toEqual(['100']);

    // Bob earned 10 from Carol's order.
    const bobs = await get('/api/v1/me/rewards', bobToken);
    expect((bobs.json.items as Json[]).map((r) => [r.amount, r.from])).toEqual([['10', 'Carol']]);
  });

  test.each([
    ['/api/v1/me/orders?page=0', 'page: expected 1 or more'],
    ['/api/v1/me/orders?page=-3', 'page: expected a whole number'],
    ['/api/v1/me/orders?page=1.5', 'page: expected a whole number'],
    ['/api/v1/me/orders?page=abc', 'page: expected a whole number'],
    ['/api/v1/me/orders?page=', 'page: expected a whole number'],
    ['/api/v1/me/orders?page=1&page=2', 'page: given more than once'],
    ['/api/v1/me/orders?page=1000001', 'page: expected at most 1000000'],
    ['/api/v1/me/orders?page=99999999999999999999', 'page: expected a whole number'],
    ['/api/v1/me/orders?limit=0', 'limit: expected 1 or more'],
    ['/api/v1/me/orders?limit=51', 'limit: expected at most 50'],
    ['/api/v1/me/orders?limit=1e3', 'limit: expected a whole number'],
    ['/api/v1/me/orders?status=paid', 'status: expected PENDING or PAID'],
    ['/api/v1/me/orders?status=REFUNDED', 'status: expected PENDING or PAID'],
    ['/api/v1/me/orders?limt=5', 'limt: not a parameter of this endpoint'],
    ['/api/v1/me/rewards?page=x', 'page: expected a whole number'],
    ['/api/v1/me/rewards?limit=100', 'limit: expected at most 50'],
    ['/api/v1/me/rewards?status=PAID', 'status: not a parameter of this endpoint'],
    ['/api/v1/me?page=1', 'page: not a parameter of this endpoint'],
    ['/api/v1/me/balance?token=MKT', 'token: not a parameter of this endpoint'],
  ])('%s is answered 400 naming the parameter', async (path, reason) => {
    const answer = await get(path, aliceToken);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    const [name, why] = reason.split(': ');
    expect(answer.json.fields).toEqual({ [name!]: why });
  });

  test('several bad parameters are all named', async () => {
    const answer = await get('/api/v1/me/orders?page=0&limit=500&status=x', aliceToken);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.fields as Record<string, string>).sort()).toEqual(['limit', 'page', 'status']);
  });
});

describe('without a valid session every user endpoint answers 401', () => {
  const endpoints = ['/api/v1/me', '/api/v1/me/balance', '/api/v1/me/orders', '/api/v1/me/rewards'];

  test.each(endpoints)('%s: no Authorization, another scheme, a malformed or unknown token', async (path) => {
    for (const authorization of [undefined, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', 'Bearer not/a+token', `Bearer ${'A'.repeat(43)}`]) {
      const answer = await call('GET', path, authorization === undefined ? {} : { authorization });
      expect(answer.status, `${path} with ${authorization}`).toBe(401);
      expect(answer.json).toMatchObject({ error: 'session_invalid', message: expect.any(String) });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  test('bad parameters with no session are still 401 (the session is checked first)', async () => {
    expect((await get('/api/v1/me/orders?page=0')).status).toBe(401);
  });

  test('an expired session', async () => {
    const token = await login(aliceSigner);
    expect((await get('/api/v1/me', token)).status).toBe(200);
    clock.advance(API_SESSION_TTL_MS);
    for (const path of endpoints) {
      const answer = await get(path, token);
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe('session_expired');
    }
  });

  test('a session ended by POST /wallet/logout', async () => {
    const token = await login(aliceSigner);
    expect((await get('/api/v1/me/balance', token)).status).toBe(200);
    expect((await call('POST', '/wallet/logout', { token })).status).toBe(204);
    for (const path of endpoints) expect((await get(path, token)).status).toBe(401);
    // The other session of the same user is untouched.
    expect((await get('/api/v1/me', aliceToken)).status).toBe(200);
  });

  test('a session whose wallet was unlinked since', async () => {
    const signer = new Wallet(`0x${'c3'.repeat(32)}`);
    const dave = await makeUser(db.prisma, { firstName: 'Dave' });
    await linkWallet(dave.id, signer);
    const token = await login(signer);
    expect((await get('/api/v1/me', token)).status).toBe(200);
    expect((await call('POST', '/wallet/unlink', { token })).status).toBe(200);
    for (const path of endpoints) expect((await get(path, token)).status).toBe(401);
  });
});

test('the API is mounted without wallet linking too (no PUBLIC_URL): sessions cannot exist, so 401', async () => {
  const bare = createApp({ core, logger: silentLogger });
  expect((await bare.request('/api/v1/me')).status).toBe(401);
  expect((await bare.request('/api/v1/nothing-here')).status).toBe(404);
});
