import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Fail } from '../core/result.js';
import { type ApiSessionInfo, authenticateApiSession } from '../core/wallets/authenticate-session.js';
import type { WalletDeps } from '../core/wallets/deps.js';
import { endApiSession } from '../core/wallets/end-session.js';
import { issueNonce } from '../core/wallets/issue-nonce.js';
import { type LinkedWalletResult, linkWallet } from '../core/wallets/link-wallet.js';
import type { LinkedWallet } from '../core/wallets/linked-wallet.js';
import { openMiniAppLink } from '../core/wallets/open-mini-app-link.js';
import { openWalletLink } from '../core/wallets/open-wallet-link.js';
import { SIWE_MESSAGE_MAX_LENGTH } from '../core/wallets/siwe-message.js';
import { signInWithWallet } from '../core/wallets/sign-in-with-wallet.js';
import { unlinkWallet } from '../core/wallets/unlink-wallet.js';
import type { ApiEnv } from './env.js';
import { walletPage } from './wallet-page/page.js';

export interface WalletApiDeps {
  wallet: WalletDeps;
  /** BOT_TOKEN, to validate a Mini App's initData; without it the page works from bot links only. */
  botToken?: string;
  /** Runs after a wallet was linked (committed): the bot tells the user. Its failure is logged only. */
  onLinked?: (linked: LinkedWalletResult) => Promise<void>;
}

/** The context of a request that carries a valid `Authorization: Bearer <session>`. */
export type SessionEnv = { Variables: ApiEnv['Variables'] & { session: ApiSessionInfo } };

/**
 * Every failure the wallet endpoints answer, with its status and what the page shows, in one
 * place. Forged input is 401/403, a link or nonce past its time 410, a replay or a clash 409.
 */
const FAILURES = {
  LINK_NOT_FOUND: [401, 'This wallet link is not valid. Open the Wallet screen in the bot for a new one.'],
  LINK_EXPIRED: [410, 'This wallet link has expired. Open the Wallet screen in the bot for a new one.'],
  LINK_USED: [410, 'This wallet link was already used. Open the Wallet screen in the bot for a new one.'],
  LINK_USER_MISMATCH: [403, 'This link belongs to another Telegram account.'],
  USER_NOT_FOUND: [403, 'Start the bot in Telegram first, then open the Wallet screen.'],
  INIT_DATA_MALFORMED: [400, 'Telegram Mini App data is malformed.'],
  INIT_DATA_INVALID: [401, 'Telegram Mini App data has a wrong signature.'],
  INIT_DATA_EXPIRED: [401, 'Telegram Mini App data is too old: close the app and open it again.'],
  TOO_MANY_NONCES: [429, 'Too many attempts with this link. Open the Wallet screen in the bot for a new one.'],
  ADDRESS_MALFORMED: [400, 'That is not an Ethereum address (or its checksum is wrong).'],
  MESSAGE_MALFORMED: [400, 'The signed message is not an EIP-4361 (Sign-In with Ethereum) message.'],
  SIGNATURE_MALFORMED: [400, 'The signature is not a hex string.'],
  DOMAIN_MISMATCH: [403, 'The message was written for another site.'],
  URI_MISMATCH: [403, 'The message was written for another page.'],
  CHAIN_MISMATCH: [400, 'The message names another network.'],
  MESSAGE_EXPIRED: [410, 'The message has expired: sign a new one.'],
  MESSAGE_NOT_YET_VALID: [400, 'The message is not valid yet: check your device clock.'],
  SIGNATURE_INVALID: [401, 'The signature does not match the address in the message.'],
  CONTRACT_CHECK_UNAVAILABLE: [503, 'The contract wallet could not be checked on chain right now. Try again in a minute.'],
  NONCE_UNKNOWN: [401, 'The message nonce was not issued for this link.'],
  NONCE_USED: [409, 'This signature was already used. Sign again.'],
  NONCE_EXPIRED: [410, 'The signing request expired. Sign again.'],
  ADDRESS_TAKEN: [409, 'This wallet is already linked to another account.'],
  WALLET_NOT_LINKED: [404, 'No wallet is linked: link it from the bot’s Wallet screen first.'],
  SESSION_INVALID: [401, 'Sign in again: the session is not valid.'],
  SESSION_EXPIRED: [401, 'Sign in again: the session has expired.'],
} as const satisfies Record<string, readonly [number, string]>;

export type WalletFailureCode = keyof typeof FAILURES;
type Status = (typeof FAILURES)[WalletFailureCode][0];

/** Requests here are a few short fields; a bigger body is refused before it is parsed. */
const MAX_BODY_BYTES = 16 * 1024;

const linkToken = z.string().min(1).max(128);
const initData = z.string().min(1).max(8192);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address');
const signed = { message: z.string().min(1).max(SIWE_MESSAGE_MAX_LENGTH), signature: z.string().min(4).max(2 + 2 * 4096) };

const schemas = {
  status: z.strictObject({ link: linkToken.optional(), initData: initData.optional() }).refine((b) => b.link || b.initData, 'expected link or initData'),
  nonce: z.union([z.strictObject({ link: linkToken, address: address.optional() }), z.strictObject({ purpose: z.literal('login'), address: address.optional() })]),
  verify: z.strictObject({ link: linkToken, ...signed }),
  unlink: z.strictObject({ link: linkToken }),
  login: z.strictObject(signed),
};

/**
 * The wallet page and its JSON endpoints, under /wallet:
 * - GET  /wallet                the page (bot link `?link=`, or a Telegram Mini App);
 * - POST /wallet/status         {link} or {initData[, link]}: whose link, what is linked;
 * - POST /wallet/nonce          {link[, address]} or {purpose: "login"[, address]}: a SIWE nonce;
 * - POST /wallet/verify         {link, message, signature}: links the wallet that signed;
 * - POST /wallet/unlink         {link}, or a Bearer session: unlinks the user's wallet;
 * - POST /wallet/login          {message, signature}: a session for /api/v1 (a linked wallet);
 * - GET  /wallet/me, POST /wallet/logout   with `Authorization: Bearer <session>`.
 * Bodies are JSON, checked by zod (400 with the reasons); failures are `{error, message}`.
 */
export function walletRouter(deps: WalletApiDeps): Hono<ApiEnv> {
  const router = new Hono<ApiEnv>();
  const core = deps.wallet;

  router.get('/', (c) => {
    const page = walletPage();
    for (const [name, value] of Object.entries(page.headers)) c.header(name, value);
    return c.html(page.html);
  });

  router.post('/status', async (c) => {
    const body = await readBody(c, schemas.status);
    if (!body.ok) return body.response;
    const { link, initData } = body.value;
    if (initData !== undefined) {
      if (!deps.botToken) return c.json({ error: 'mini_app_off', message: 'This server takes no Telegram Mini App data (no BOT_TOKEN).' }, 400);
      const opened = await openMiniAppLink(core, { initData, botToken: deps.botToken, ...(link ? { linkToken: link } : {}) });
      if (!opened.ok) return failure(c, opened);
      return c.json(statusBody(opened.value.token, opened.value, core));
    }
    const opened = await openWalletLink(core, { token: link! });
    if (!opened.ok) return failure(c, opened);
    return c.json(statusBody(link!, opened.value, core));
  });

  router.post('/nonce', async (c) => {
    const body = await readBody(c, schemas.nonce);
    if (!body.ok) return body.response;
    const input = body.value;
    const issued = await issueNonce(core, 'link' in input ? { linkToken: input.link, address: input.address } : { purpose: 'login', address: input.address });
    if (!issued.ok) return failure(c, issued);
    const n = issued.value;
    return c.json({
      nonce: n.nonce,
      issuedAt: n.issuedAt.toISOString(),
      expirationTime: n.expiresAt.toISOString(),
      scheme: n.scheme,
      domain: n.domain,
      uri: n.uri,
      version: '1',
      chainId: n.chainId,
      statement: n.statement,
      ...(n.address ? { address: n.address } : {}),
    });
  });

  router.post('/verify', async (c) => {
    const body = await readBody(c, schemas.verify);
    if (!body.ok) return body.response;
    const linked = await linkWallet(core, { linkToken: body.value.link, message: body.value.message, signature: body.value.signature });
    if (!linked.ok) return failure(c, linked);
    if (deps.onLinked) {
      await deps.onLinked(linked.value).catch((error) => c.var.logger.error({ err: error, userId: linked.value.userId }, 'wallet linked, but the notice failed'));
    }
    return c.json({ address: linked.value.address, kind: linked.value.kind, ...(linked.value.replaced ? { replaced: linked.value.replaced } : {}) });
  });

  router.post('/unlink', async (c) => {
    let userId: number;
    if (c.req.header('authorization') !== undefined) {
      const session = await authenticate(c, core);
      if (!session.ok) return session.response;
      userId = session.value.userId;
    } else {
      const body = await readBody(c, schemas.unlink);
      if (!body.ok) return body.response;
      const opened = await openWalletLink(core, { token: body.value.link });
      if (!opened.ok) return failure(c, opened);
      userId = opened.value.userId;
    }
    const unlinked = await unlinkWallet(core, { userId });
    if (!unlinked.ok) return failure(c, unlinked);
    return c.json({ unlinked: unlinked.value.address });
  });

  router.post('/login', async (c) => {
    const body = await readBody(c, schemas.login);
    if (!body.ok) return body.response;
    const session = await signInWithWallet(core, body.value);
    if (!session.ok) return failure(c, session);
    const s = session.value;
    return c.json({ token: s.token, tokenType: 'Bearer', expiresAt: s.expiresAt.toISOString(), userId: s.userId, address: s.address });
  });

  router.get('/me', requireWalletSession(core), async (c) => {
    const { userId, address, expiresAt } = c.var.session;
    const user = await core.db.user.findUniqueOrThrow({ where: { id: userId }, select: { firstName: true, username: true } });
    return c.json({ userId, firstName: user.firstName, username: user.username, address, sessionExpiresAt: expiresAt.toISOString() });
  });

  router.post('/logout', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token || !(await endApiSession(core, { token }))) return failure(c, { ok: false, code: 'SESSION_INVALID' });
    return c.body(null, 204);
  });

  return router;
}

/**
 * For the /api/v1 user endpoints: lets a request through only with a valid wallet session
 * (`Authorization: Bearer <token from POST /wallet/login>`), and puts it on `c.var.session`.
 */
export function requireWalletSession(core: Pick<WalletDeps, 'db' | 'clock'>): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const session = await authenticate(c, core);
    if (!session.ok) return session.response;
    c.set('session', session.value);
    await next();
  };
}

async function authenticate(
  c: Context,
  core: Pick<WalletDeps, 'db' | 'clock'>,
): Promise<{ ok: true; value: ApiSessionInfo } | { ok: false; response: Response }> {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) {
    c.header('www-authenticate', 'Bearer');
    return { ok: false, response: failure(c, { ok: false, code: 'SESSION_INVALID' }) };
  }
  const session = await authenticateApiSession(core, { token });
  if (!session.ok) {
    c.header('www-authenticate', 'Bearer error="invalid_token"');
    return { ok: false, response: failure(c, session) };
  }
  return session;
}

function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(header ?? '')?.[1];
}

function statusBody(token: string, link: { firstName: string; expiresAt: Date; wallet: LinkedWallet | null }, core: WalletDeps) {
  return {
    link: token,
    expiresAt: link.expiresAt.toISOString(),
    firstName: link.firstName,
    chainId: core.wallets.siwe.chainId,
    wallet: link.wallet ? { address: link.wallet.address, kind: link.wallet.kind, linkedAt: link.wallet.linkedAt.toISOString() } : null,
  };
}

/** A business failure as its status and `{error, message}`; logged by code, never with secrets. */
function failure(c: Context, result: Fail<WalletFailureCode>): Response {
  const [status, message] = FAILURES[result.code];
  c.get('logger')?.info({ code: result.code, path: c.req.path }, 'wallet request refused');
  return c.json({ error: result.code.toLowerCase(), message, ...(result.details ? { details: result.details } : {}) }, status as Status);
}

/** The JSON body checked against `schema`: or a 400 naming every reason. */
async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, response: c.json({ error: 'bad_request', message: 'The body is too large.' }, 413) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: c.json({ error: 'bad_request', message: 'The body is not JSON.', reasons: ['expected a JSON object'] }, 400) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    return { ok: false, response: c.json({ error: 'bad_request', message: 'The request body is not valid.', reasons }, 400) };
  }
  return { ok: true, value: parsed.data };
}
