// The wallet page's API end to end through app.request, on a migrated PGlite database: a user
// links a wallet with a SIWE signature made here (ethers Wallet), the bot is told; and every way
// to get it wrong (forged, replayed, expired, for another site or chain, someone else's address,
// malformed bodies) is refused with its status and code and changes nothing (invariants 6, 7).

import { createHash, createHmac } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { WalletApiDeps } from '../../src/api/wallet.js';
import { notifyWalletLinked } from '../../src/bot/features/wallet.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { type WalletDeps, walletSettings } from '../../src/core/wallets/deps.js';
import { issueWalletLink } from '../../src/core/wallets/issue-wallet-link.js';
import { purgeWalletAuth } from '../../src/core/wallets/purge-wallet-auth.js';
import { formatSiweMessage, type SiweMessage } from '../../src/core/wallets/siwe-message.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeUser } from '../support/factories.js';

const START = new Date('2026-01-15T12:00:00Z');
const PUBLIC_URL = 'https://market.example';
const CHAIN_ID = 11155111;
const BOT_TOKEN = '4242:TEST-wallet-bot-token-000000000000';

const clock = fixedClock(START);
let db: Database;
let core: CoreDeps;
let wallet: WalletDeps;
const sendMessage = vi.fn(async (_chatId: number, _text: string, _other?: unknown) => ({}) as never);

function appWith(overrides: Partial<WalletApiDeps> = {}) {
  return createApp({
    core,
    logger: silentLogger,
    wallet: { wallet, botToken: BOT_TOKEN, onLinked: (linked) => notifyWalletLinked({ sendMessage }, { core, logger: silentLogger }, linked).then(() => {}), ...overrides },
  });
}
let app: ReturnType<typeof appWith>;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  wallet = { ...core, wallets: walletSettings({ publicUrl: PUBLIC_URL, chainId: CHAIN_ID }) };
  app = appWith();
});
afterAll(() => db?.close());
beforeEach(() => {
  clock.set(START);
  sendMessage.mockClear();
});

type Json = Record<string, unknown>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  const res = await app.request(`/wallet/${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, json: res.status === 204 ? {} : ((await res.json()) as Json) };
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/wallet/${path}`, { headers });
  return { status: res.status, json: (await res.json()) as Json };
}

interface NonceBody {
  nonce: string;
  issuedAt: string;
  expirationTime: string;
  scheme: string;
  domain: string;
  uri: string;
  chainId: number;
  statement: string;
  address?: string;
}

function messageFrom(n: NonceBody, address: string, overrides: Partial<SiweMessage> = {}): string {
  return formatSiweMessage({
    scheme: n.scheme,
    domain: n.domain,
    address,
    statement: n.statement,
    uri: n.uri,
    version: '1',
    chainId: n.chainId,
    nonce: n.nonce,
    issuedAt: n.issuedAt,
    expirationTime: n.expirationTime,
    ...overrides,
  });
}

/** What the page does: a nonce for the link, the message, personal_sign. */
async function signForLink(signer: Wallet, link: string, overrides: Partial<SiweMessage> = {}) {
  const nonce = await post('nonce', { link, address: signer.address.toLowerCase() });
  expect(nonce.status).toBe(200);
  const n = nonce.json as unknown as NonceBody;
  const message = messageFrom(n, n.address!, overrides);
  return { link, message, signature: await signer.signMessage(message) };
}

async function signForLogin(signer: Wallet, overrides: Partial<SiweMessage> = {}) {
  const nonce = await post('nonce', { purpose: 'login' });
  expect(nonce.status).toBe(200);
  const message = messageFrom(nonce.json as unknown as NonceBody, signer.address, overrides);
  return { message, signature: await signer.signMessage(message) };
}

async function newLink(userId: number): Promise<string> {
  return (await issueWalletLink(core, { userId })).token;
}

/** Everything the wallet endpoints can change, to show a refused request changed none of it. */
async function snapshot() {
  return {
    wallets: await db.prisma.wallet.findMany({ orderBy: { id: 'asc' } }),
    links: await db.prisma.walletLink.findMany({ orderBy: { id: 'asc' }, select: { id: true, usedAt: true } }),
    nonces: await db.prisma.siweNonce.findMany({ orderBy: { id: 'asc' }, select: { id: true, usedAt: true } }),
    sessions: await db.prisma.apiSession.findMany({ orderBy: { id: 'asc' } }),
  };
}

async function expectRefusedUnchanged(request: () => Promise<{ status: number; json: Json }>, status: number, error: string) {
  const before = await snapshot();
  const answer = await request();
  expect(answer, JSON.stringify(answer.json)).toMatchObject({ status, json: { error, message: expect.any(String) } });
  expect(await snapshot()).toEqual(before);
  return answer;
}

let keys = 1;
const newSigner = () => new Wallet(`0x${(keys++).toString(16).padStart(64, '0')}`);

function initDataFor(telegramId: bigint, authDate = START, token = BOT_TOKEN): string {
  const fields: Record<string, string> = {
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    query_id: 'AAE-test',
    user: JSON.stringify({ id: Number(telegramId), first_name: 'Mini', language_code: 'en' }),
  };
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const hash = createHmac('sha256', createHmac('sha256', 'WebAppData').update(token).digest()).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

describe('GET /wallet: the page', () => {
  test('is HTML that finds MetaMask (EIP-6963, then window.ethereum), signs with personal_sign and can switch networks', async () => {
    const res = await app.request('/wallet?link=abc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const needle of ['eip6963:requestProvider', 'window.ethereum', 'personal_sign', 'wallet_switchEthereumChain', '4001', 'tgWebAppData', 'initData']) {
      expect(html).toContain(needle);
    }
  });

  test('carries no referrer, is not cached, and its CSP allows exactly its own inline script', async () => {
    const res = await app.request('/wallet');
    const html = await res.text();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test('the message the page’s script builds is the one the server writes and parses', async () => {
    const html = await (await app.request('/wallet')).text();
    const source = /function siweMessage\(n, address\) \{([\s\S]*?)\n {2}\}\n/.exec(html)![1]!;
    const pageBuild = new Function('n', 'address', source) as (n: NonceBody & { version: string }, address: string) => string;
    const user = await makeUser(db.prisma);
    const n = (await post('nonce', { link: await newLink(user.id) })).json as unknown as NonceBody & { version: string };
    const address = newSigner().address;
    expect(pageBuild(n, address)).toBe(messageFrom(n, address));
  });

  test('is not served when wallet linking is not configured (no PUBLIC_URL)', async () => {
    const bare = createApp({ core, logger: silentLogger });
    expect((await bare.request('/wallet')).status).toBe(404);
  });
});

describe('linking a wallet', () => {
  test('status, nonce, signature: the checksummed address is linked, confirmed, and the bot tells the user', async () => {
    const user = await makeUser(db.prisma, { firstName: 'Alice' });
    const signer = newSigner();
    const link = await newLink(user.id);

    const status = await post('status', { link });
    expect(status).toEqual({
      status: 200,
      json: { link, expiresAt: new Date(START.getTime() + 15 * 60_000).toISOString(), firstName: 'Alice', chainId: CHAIN_ID, wallet: null },
    });

    const nonce = await post('nonce', { link, address: signer.address.toLowerCase() });
    expect(nonce).toMatchObject({
      status: 200,
      json: {
        nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
        issuedAt: START.toISOString(),
        expirationTime: new Date(START.getTime() + 10 * 60_000).toISOString(),
        scheme: 'https',
        domain: 'market.example',
        uri: 'https://market.example/wallet',
        version: '1',
        chainId: CHAIN_ID,
        address: signer.address,
      },
    });
    const message = messageFrom(nonce.json as unknown as NonceBody, signer.address);
    const verified = await post('verify', { link, message, signature: await signer.signMessage(message) });
    expect(verified).toEqual({ status: 200, json: { address: signer.address, kind: 'EOA' } });

    const row = await db.prisma.wallet.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ address: signer.address, kind: 'EOA', chainId: CHAIN_ID, confirmedAt: START });
    expect(await db.prisma.siweNonce.findUniqueOrThrow({ where: { nonce: nonce.json.nonce as string } })).toMatchObject({ usedAt: START });
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage.mock.calls[0]![0]).toBe(Number(user.telegramId));
    expect(sendMessage.mock.calls[0]![1]).toContain(signer.address);

    // The link did its one job.
    expect(await post('status', { link })).toMatchObject({ status: 410, json: { error: 'link_used' } });
  });

  test('replaying the same signature is refused and changes nothing', async () => {
    const user = await makeUser(db.prisma);
    const signed = await signForLink(newSigner(), await newLink(user.id));
    expect((await post('verify', signed)).status).toBe(200);
    await expectRefusedUnchanged(() => post('verify', signed), 410, 'link_used');
  });

  test('two submissions of one signature at once: exactly one links', async () => {
    const user = await makeUser(db.prisma);
    const signed = await signForLink(newSigner(), await newLink(user.id));
    const answers = await Promise.all([post('verify', signed), post('verify', signed), post('verify', signed)]);
    // The losers passed every read-only check and lost at the conditional UPDATE of the nonce.
    expect(answers.map((a) => [a.status, a.json.error]).sort()).toEqual([[200, undefined], [409, 'nonce_used'], [409, 'nonce_used']]);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(await db.prisma.wallet.count({ where: { userId: user.id } })).toBe(1);
  });

  test('a signature by another key, for another domain, page or chain is refused and changes nothing', async () => {
    const user = await makeUser(db.prisma);
    const link = await newLink(user.id);
    const signer = newSigner();
    const other = newSigner();

    const good = await signForLink(signer, link);
    await expectRefusedUnchanged(() => post('verify', { ...good, signature: '0x1234' }), 401, 'signature_invalid');
    const byOther = { ...good, signature: await other.signMessage(good.message) };
    await expectRefusedUnchanged(() => post('verify', byOther), 401, 'signature_invalid');
    const wrongDomain = await signForLink(signer, link, { domain: 'market.example.evil.test' });
    await expectRefusedUnchanged(() => post('verify', wrongDomain), 403, 'domain_mismatch');
    const wrongUri = await signForLink(signer, link, { uri: 'https://market.example/other' });
    await expectRefusedUnchanged(() => post('verify', wrongUri), 403, 'uri_mismatch');
    const wrongChain = await signForLink(signer, link, { chainId: 1 });
    await expectRefusedUnchanged(() => post('verify', wrongChain), 400, 'chain_mismatch');
    const malformed = { ...good, message: good.message.replace('Version: 1', 'Version: 2') };
    await expectRefusedUnchanged(() => post('verify', malformed), 400, 'message_malformed');

    // None of that used anything up: the good signature still links.
    expect((await post('verify', good)).status).toBe(200);
  });

  test('a nonce issued for another link, or a made-up one, is refused', async () => {
    const user = await makeUser(db.prisma);
    const signer = newSigner();
    const otherLink = await newLink(user.id);
    const foreign = await signForLink(signer, otherLink);
    const link = await newLink(user.id);
    await expectRefusedUnchanged(() => post('verify', { ...foreign, link }), 401, 'nonce_unknown');
    const n = (await post('nonce', { link })).json as unknown as NonceBody;
    const madeUp = messageFrom({ ...n, nonce: 'deadbeefdeadbeef' }, signer.address);
    await expectRefusedUnchanged(() => post('verify', { link, message: madeUp, signature: signer.signMessageSync(madeUp) }), 401, 'nonce_unknown');
  });

  test('an expired nonce is refused: by the message’s own expiry, or by ours when it names none', async () => {
    const user = await makeUser(db.prisma);
    const signer = newSigner();
    const link = await newLink(user.id);
    const withExpiry = await signForLink(signer, link);
    const withoutExpiry = await signForLink(signer, link, { expirationTime: undefined });
    clock.advance(10 * 60_000 + 1); // nonces live 10 minutes; the link lives 15
    await expectRefusedUnchanged(() => post('verify', withExpiry), 410, 'message_expired');
    await expectRefusedUnchanged(() => post('verify', withoutExpiry), 410, 'nonce_expired');
    // A fresh nonce on the same link still works.
    expect((await post('verify', await signForLink(signer, link))).status).toBe(200);
  });

  test('an expired link is refused everywhere; a forged one is unknown', async () => {
    const user = await makeUser(db.prisma);
    const signer = newSigner();
    const link = await newLink(user.id);
    const signed = await signForLink(signer, link, { expirationTime: undefined });
    clock.advance(15 * 60_000);
    await expectRefusedUnchanged(() => post('status', { link }), 410, 'link_expired');
    await expectRefusedUnchanged(() => post('nonce', { link }), 410, 'link_expired');
    await expectRefusedUnchanged(() => post('verify', signed), 410, 'link_expired');
    await expectRefusedUnchanged(() => post('unlink', { link }), 410, 'link_expired');

    const forged = 'A'.repeat(43);
    await expectRefusedUnchanged(() => post('status', { link: forged }), 401, 'link_not_found');
    await expectRefusedUnchanged(() => post('verify', { ...signed, link: forged }), 401, 'link_not_found');
    await expectRefusedUnchanged(() => post('nonce', { link: 'short' }), 401, 'link_not_found');
  });

  test('one link hands out a bounded number of nonces', async () => {
    const user = await makeUser(db.prisma);
    const link = await newLink(user.id);
    for (let i = 0; i < wallet.wallets.maxNoncesPerLink; i++) expect((await post('nonce', { link })).status).toBe(200);
    await expectRefusedUnchanged(() => post('nonce', { link }), 429, 'too_many_nonces');
  });

  test('an address linked to someone else is refused, and the link stays usable for another wallet', async () => {
    const alice = await makeUser(db.prisma);
    const bob = await makeUser(db.prisma);
    const shared = newSigner();
    expect((await post('verify', await signForLink(shared, await newLink(alice.id)))).status).toBe(200);

    const bobLink = await newLink(bob.id);
    const attempt = await signForLink(shared, bobLink);
    await expectRefusedUnchanged(() => post('verify', attempt), 409, 'address_taken');
    expect((await db.prisma.wallet.findUniqueOrThrow({ where: { address: shared.address } })).userId).toBe(alice.id);
    expect((await post('verify', await signForLink(newSigner(), bobLink))).status).toBe(200);
  });

  test('the database itself keeps an address to one user', async () => {
    const [a, b] = [await makeUser(db.prisma), await makeUser(db.prisma)];
    const address = newSigner().address;
    await db.prisma.wallet.create({ data: { userId: a.id, address, chainId: CHAIN_ID, confirmedAt: START } });
    await expect(db.prisma.wallet.create({ data: { userId: b.id, address, chainId: CHAIN_ID, confirmedAt: START } })).rejects.toThrow();
  });

  test('unlink, then relink the same wallet; the freed address can go to another user; a new wallet replaces the old', async () => {
    const user = await makeUser(db.prisma);
    const first = newSigner();
    expect((await post('verify', await signForLink(first, await newLink(user.id)))).status).toBe(200);

    const link = await newLink(user.id);
    expect(await post('status', { link })).toMatchObject({ status: 200, json: { wallet: { address: first.address, kind: 'EOA' } } });
    expect(await post('unlink', { link })).toEqual({ status: 200, json: { unlinked: first.address } });
    expect(await db.prisma.wallet.findUnique({ where: { userId: user.id } })).toBeNull();
    await expectRefusedUnchanged(() => post('unlink', { link }), 404, 'wallet_not_linked');

    // Unlinking did not use the link up: relink on it.
    expect(await post('verify', await signForLink(first, link))).toEqual({ status: 200, json: { address: first.address, kind: 'EOA' } });

    // A second wallet replaces the first, which is then free for someone else.
    const second = newSigner();
    sendMessage.mockClear();
    expect(await post('verify', await signForLink(second, await newLink(user.id)))).toEqual({
      status: 200,
      json: { address: second.address, kind: 'EOA', replaced: first.address },
    });
    expect(sendMessage.mock.calls[0]![1]).toContain(first.address);
    const other = await makeUser(db.prisma);
    expect((await post('verify', await signForLink(first, await newLink(other.id)))).status).toBe(200);
  });

  test('a failing notifier does not undo the link', async () => {
    app = appWith({ onLinked: async () => Promise.reject(new Error('Forbidden: bot was blocked by the user')) });
    try {
      const user = await makeUser(db.prisma);
      const signer = newSigner();
      expect((await post('verify', await signForLink(signer, await newLink(user.id)))).status).toBe(200);
      expect((await db.prisma.wallet.findUniqueOrThrow({ where: { userId: user.id } })).address).toBe(signer.address);
    } finally {
      app = appWith();
    }
  });
});

describe('the Telegram Mini App', () => {
  test('genuine initData opens a fresh link for its user, and the page links through it', async () => {
    const user = await makeUser(db.prisma, { firstName: 'Mini' });
    const status = await post('status', { initData: initDataFor(user.telegramId) });
    expect(status).toMatchObject({ status: 200, json: { link: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), firstName: 'Mini', wallet: null } });
    const signer = newSigner();
    expect((await post('verify', await signForLink(signer, status.json.link as string))).status).toBe(200);
    expect((await db.prisma.wallet.findUniqueOrThrow({ where: { userId: user.id } })).address).toBe(signer.address);
  });

  test('initData with the bot’s link must name the link’s user', async () => {
    const [owner, other] = [await makeUser(db.prisma), await makeUser(db.prisma)];
    const link = await newLink(owner.id);
    expect(await post('status', { initData: initDataFor(owner.telegramId), link })).toMatchObject({ status: 200, json: { link } });
    await expectRefusedUnchanged(() => post('status', { initData: initDataFor(other.telegramId), link }), 403, 'link_user_mismatch');
  });

  test('forged, stale or foreign initData is refused and issues no link', async () => {
    const user = await makeUser(db.prisma);
    const genuine = initDataFor(user.telegramId);
    const tampered = genuine.replace(/first_name%22%3A%22Mini/, 'first_name%22%3A%22Maxi');
    expect(tampered).not.toBe(genuine);
    await expectRefusedUnchanged(() => post('status', { initData: tampered }), 401, 'init_data_invalid');
    await expectRefusedUnchanged(() => post('status', { initData: initDataFor(user.telegramId, START, '4242:ANOTHER-bot-token-0000000000000') }), 401, 'init_data_invalid');
    await expectRefusedUnchanged(() => post('status', { initData: initDataFor(user.telegramId, new Date(START.getTime() - 2 * 86_400_000)) }), 401, 'init_data_expired');
    await expectRefusedUnchanged(() => post('status', { initData: 'hash=1' }), 400, 'init_data_malformed');
    await expectRefusedUnchanged(() => post('status', { initData: initDataFor(987_654_321n) }), 403, 'user_not_found');
  });

  test('without BOT_TOKEN the server says it takes no Mini App data', async () => {
    app = appWith({ botToken: undefined });
    try {
      const user = await makeUser(db.prisma);
      await expectRefusedUnchanged(() => post('status', { initData: initDataFor(user.telegramId) }), 400, 'mini_app_off');
    } finally {
      app = appWith();
    }
  });
});

describe('signing in to the JSON API with a linked wallet', () => {
  async function linkedUser() {
    const user = await makeUser(db.prisma, { firstName: 'Sig' });
    const signer = newSigner();
    expect((await post('verify', await signForLink(signer, await newLink(user.id)))).status).toBe(200);
    return { user, signer };
  }

  test('a signed login gives a bearer session that the user endpoints accept', async () => {
    const { user, signer } = await linkedUser();
    const login = await post('login', await signForLogin(signer));
    expect(login).toEqual({
      status: 200,
      json: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), tokenType: 'Bearer', expiresAt: new Date(START.getTime() + 86_400_000).toISOString(), userId: user.id, address: signer.address },
    });
    const token = login.json.token as string;
    expect(await get('me', { authorization: `Bearer ${token}` })).toEqual({
      status: 200,
      json: { userId: user.id, firstName: 'Sig', username: null, address: signer.address, sessionExpiresAt: login.json.expiresAt },
    });
    // Only the hash is stored.
    const stored = await db.prisma.apiSession.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));

  });

  test('a forged, expired, signed-out or unlinked session is refused', async () => {
    const { user, signer } = await linkedUser();
    const token = (await post('login', await signForLogin(signer))).json.token as string;
    expect(await get('me', { authorization: `Bearer ${'x'.repeat(43)}` })).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    expect(await get('me', { authorization: 'Basic abc' })).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    expect(await get('me')).toMatchObject({ status: 401, json: { error: 'session_invalid' } });

    clock.advance(86_400_000);
    expect(await get('me', { authorization: `Bearer ${token}` })).toMatchObject({ status: 401, json: { error: 'session_expired' } });
    clock.set(START);

    const second = (await post('login', await signForLogin(signer))).json.token as string;
    expect(await post('logout', {}, { authorization: `Bearer ${second}` })).toEqual({ status: 204, json: {} });
    expect(await get('me', { authorization: `Bearer ${second}` })).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    expect(await post('logout', {}, { authorization: `Bearer ${second}` })).toMatchObject({ status: 401 });

    const third = (await post('login', await signForLogin(signer))).json.token as string;
    expect(await post('unlink', {}, { authorization: `Bearer ${third}` })).toEqual({ status: 200, json: { unlinked: signer.address } });
    expect(await get('me', { authorization: `Bearer ${third}` })).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    expect(await db.prisma.apiSession.count({ where: { userId: user.id } })).toBe(0);
  });

  test('a replayed login, a wallet nobody linked, or a link nonce gets no session and changes nothing', async () => {
    const { user, signer } = await linkedUser();
    const signed = await signForLogin(signer);
    expect((await post('login', signed)).status).toBe(200);
    await expectRefusedUnchanged(() => post('login', signed), 409, 'nonce_used');

    const stranger = await signForLogin(newSigner());
    await expectRefusedUnchanged(() => post('login', stranger), 404, 'wallet_not_linked');

    const linkNonce = await signForLink(signer, await newLink(user.id));
    await expectRefusedUnchanged(() => post('login', { message: linkNonce.message, signature: linkNonce.signature }), 401, 'nonce_unknown');
    const wrongSigner = await signForLogin(signer);
    const forged = { ...wrongSigner, signature: await newSigner().signMessage(wrongSigner.message) };
    await expectRefusedUnchanged(() => post('login', forged), 401, 'signature_invalid');
  });
});

describe('the sweep', () => {
  test('deletes links, sign-in nonces and sessions a day past their expiry, and nothing younger', async () => {
    const user = await makeUser(db.prisma);
    const signer = newSigner();
    expect((await post('verify', await signForLink(signer, await newLink(user.id)))).status).toBe(200);
    const token = (await post('login', await signForLogin(signer))).json.token as string;
    const loginNonce = (await post('nonce', { purpose: 'login' })).json.nonce as string;
    const fresh = await newLink(user.id);

    clock.advance(2 * 86_400_000 + 60_000);
    const keptLink = await newLink(user.id);
    const purged = await purgeWalletAuth(core);
    expect(purged.links).toBeGreaterThanOrEqual(2);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.siweNonce.findUnique({ where: { nonce: loginNonce } })).toBeNull();
    expect(await post('status', { link: fresh })).toMatchObject({ status: 401, json: { error: 'link_not_found' } });
    expect(await post('status', { link: keptLink })).toMatchObject({ status: 200 });
    expect(await get('me', { authorization: `Bearer ${token}` })).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    // The linked wallet itself is no auth material: it stays.
    expect(await db.prisma.wallet.findUnique({ where: { userId: user.id } })).not.toBeNull();
  });
});

describe('malformed requests', () => {
  const LINK = 'A'.repeat(43);
  test.each([
    ['status', 'not json'],
    ['status', []],
    ['status', {}],
    ['status', { link: 5 }],
    ['status', { link: LINK, extra: true }],
    ['nonce', {}],
    ['nonce', { purpose: 'logout' }],
    ['nonce', { link: LINK, address: '0x123' }],
    ['nonce', { link: '' }],
    ['verify', { link: LINK }],
    ['verify', { link: LINK, message: 'x', signature: 42 }],
    ['verify', { link: LINK, message: '', signature: '0x00' }],
    ['verify', { link: LINK, message: 'a message over 8192 characters'.padEnd(9000, '.'), signature: '0x00' }],
    ['unlink', {}],
    ['unlink', { link: null }],
    ['login', { message: 'x' }],
    ['login', 'null'],
    ['login', { message: 'x', signature: '0x1234', link: LINK }],
  ])('POST /wallet/%s %s → 400 with reasons, nothing changes', async (path, body) => {
    const answer = await expectRefusedUnchanged(() => post(path, body), 400, 'bad_request');
    expect(answer.json.reasons).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  test('a huge body is refused before it is parsed', async () => {
    await expectRefusedUnchanged(() => post('verify', { link: LINK, message: 'x'.repeat(20_000), signature: '0x00' }), 413, 'bad_request');
  });

  test('a mixed-case address with a wrong checksum gets no nonce; a lowercase one gets its checksum', async () => {
    const address = newSigner().address;
    const letter = address.slice(2).search(/[a-fA-F]/) + 2;
    const flipped = address[letter] === address[letter]!.toLowerCase() ? address[letter]!.toUpperCase() : address[letter]!.toLowerCase();
    const broken = address.slice(0, letter) + flipped + address.slice(letter + 1);
    const user = await makeUser(db.prisma);
    const link = await newLink(user.id);
    await expectRefusedUnchanged(() => post('nonce', { link, address: broken }), 400, 'address_malformed');
    expect((await post('nonce', { link, address: address.toLowerCase() })).json.address).toBe(address);
  });
});
