// The wallet page in a real browser: Debian's chromium driven by playwright-core opens a one-time
// link the way the bot issues it, against the real API served on 127.0.0.1 over a PGlite
// database. The "wallet" is an EIP-1193 provider injected into the page, announced through
// EIP-6963 like MetaMask's extension does, whose personal_sign is answered in Node by an ethers
// Wallet. A user clicks through and ends up linked (and the bot is told); no MetaMask, a wrong
// network, a rejected signature and an expired link each show their message and link nothing.
//
// Skipped only when /usr/bin/chromium is missing and CI_REQUIRE_BROWSER is unset (.ci/run installs
// chromium and sets it, so there a missing browser fails). Nothing leaves 127.0.0.1: every other
// request (Telegram's Mini App script) is aborted in the browser.

import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getBytes, Wallet } from 'ethers';
import type { Hono } from 'hono';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { ApiEnv } from '../../src/api/env.js';
import { notifyWalletLinked } from '../../src/bot/features/wallet.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { WALLET_LINK_TTL_MS, type WalletDeps, walletSettings } from '../../src/core/wallets/deps.js';
import { issueWalletLink } from '../../src/core/wallets/issue-wallet-link.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeUser } from '../support/factories.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const SEPOLIA = 11155111;
const MAINNET = 1;

const skip = !existsSync(CHROMIUM) && !process.env.CI_REQUIRE_BROWSER;

/** What the injected wallet does; everything else is a well-behaved MetaMask. */
interface ProviderOptions {
  /** The chain the wallet is on when the page asks. */
  chainId: number;
  /** Whether it agrees to wallet_switchEthereumChain (MetaMask asks the user). */
  switchable: boolean;
  /** The user presses "Reject" on this many signature requests first: EIP-1193's 4001. */
  rejectSignatures: number;
}

/** The window the injected script sees (the project has no DOM types: only what is used here). */
interface PageWindow {
  __walletCalls: string[];
  __signInNode(messageHex: string, address: string): Promise<string>;
  addEventListener(type: string, listener: () => void): void;
  dispatchEvent(event: Event): boolean;
}

/** What signs for the injected wallet in Node. */
type Signer = Pick<Wallet, 'address' | 'signMessage'>;

/**
 * Runs in the page before its own scripts (page.addInitScript, serialized): an EIP-1193 provider
 * that announces itself through EIP-6963 and hands personal_sign to Node (`__signInNode`). Errors
 * are thrown as MetaMask throws them: objects with an EIP-1193 `code`.
 */
function installProvider(options: ProviderOptions & { address: string }) {
  const w = globalThis as unknown as PageWindow;
  let chainId = options.chainId;
  let rejections = options.rejectSignatures;
  const calls: string[] = [];
  w.__walletCalls = calls;
  const providerError = (code: number, message: string) => Object.assign(new Error(message), { code });
  const provider = {
    isMetaMask: true,
    async request(args: { method: string; params?: unknown[] }) {
      calls.push(args.method);
      switch (args.method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          // MetaMask answers in lower case; the server must checksum it.
          return [options.address.toLowerCase()];
        case 'eth_chainId':
          return `0x${chainId.toString(16)}`;
        case 'wallet_switchEthereumChain': {
          if (!options.switchable) throw providerError(4001, 'User rejected the request.');
          const [target] = (args.params ?? []) as [{ chainId: string }];
          chainId = Number.parseInt(target.chainId, 16);
          return null;
        }
        case 'personal_sign': {
          if (rejections-- > 0) throw providerError(4001, 'MetaMask Personal Message Signature: User denied message signature.');
          const [message, address] = args.params as [string, string];
          return w.__signInNode(message, address);
        }
        default:
          throw providerError(4200, `The wallet does not support ${args.method}`);
      }
    },
    on() {},
    removeListener() {},
  };
  const detail = Object.freeze({
    info: Object.freeze({ uuid: '7f0b1c56-0d6a-4e2b-9a55-2f2f3b1a9c01', name: 'MetaMask (test)', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>', rdns: 'io.metamask' }),
    provider,
  });
  const announce = () => w.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  w.addEventListener('eip6963:requestProvider', announce);
  announce();
}

describe.skipIf(skip)('the wallet page in chromium', () => {
  const clock = fixedClock(new Date());
  const sendMessage = vi.fn(async (_chatId: number, _text: string, _other?: unknown) => ({}) as never);
  let db: Database;
  let core: CoreDeps;
  let app: Hono<ApiEnv> | undefined;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  /** Every request the browser made to somewhere other than our server (aborted). */
  let outside: string[];
  /** What the Node side signed for the page, as the page sent it. */
  let signed: string[];
  /** Uncaught errors in the page's own script and CSP refusals: there must be none. */
  let pageErrors: string[];

  beforeAll(async () => {
    db = await createTestDb();
    core = coreDeps(db.prisma, { clock });
    // The app is built once the port is known: SIWE's domain and URI come from the public URL.
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: (request) => app!.fetch(request), hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
    });
    baseUrl = `http://127.0.0.1:${port}`;
    const wallet: WalletDeps = { ...core, wallets: walletSettings({ publicUrl: baseUrl, chainId: SEPOLIA }) };
    app = createApp({
      core,
      logger: silentLogger,
      wallet: { wallet, onLinked: (linked) => notifyWalletLinked({ sendMessage }, { core, logger: silentLogger }, linked).then(() => {}) },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.close();
  });

  beforeEach(async (ctx) => {
    clock.set(new Date());
    sendMessage.mockClear();
    outside = [];
    signed = [];
    pageErrors = [];
    // A fresh profile per test: nothing carries over between them.
    context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${baseUrl}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    ctx.onTestFinished(async () => {
      await context.close();
      expect(pageErrors).toEqual([]);
    });
  });

  /** A user who started the bot, and the link the bot's Wallet screen would give them. */
  async function userWithLink(firstName: string, ttlMs?: number) {
    const user = await makeUser(db.prisma, { firstName });
    const link = await issueWalletLink(core, { userId: user.id, ...(ttlMs !== undefined ? { ttlMs } : {}) });
    return { user, url: `${baseUrl}/wallet?link=${encodeURIComponent(link.token)}` };
  }

  /** A page with the wallet injected (or none), signing in Node with `signer`. */
  async function openPage(url: string, signer: Signer | null, options: Partial<ProviderOptions> = {}): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The page's Content-Security-Policy must allow its own inline script and style and its requests.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
    });
    if (signer) {
      await page.exposeFunction('__signInNode', async (messageHex: string, address: string) => {
        if (address.toLowerCase() !== signer.address.toLowerCase()) throw new Error(`asked to sign for ${address}`);
        const message = new TextDecoder().decode(getBytes(messageHex));
        signed.push(message);
        return signer.signMessage(message);
      });
      await page.addInitScript(installProvider, {
        address: signer.address,
        chainId: options.chainId ?? SEPOLIA,
        switchable: options.switchable ?? true,
        rejectSignatures: options.rejectSignatures ?? 0,
      });
    }
    await page.goto(url);
    return page;
  }

  /** The notice the page shows (role=status), once it says `text`. */
  async function notice(page: Page, text: string | RegExp) {
    const box = page.getByRole('status');
    await box.filter({ hasText: text }).waitFor();
    return { text: (await box.textContent()) ?? '', className: (await box.getAttribute('class')) ?? '' };
  }

  const walletOf = (userId: number) => db.prisma.wallet.findUnique({ where: { userId } });

  test('a user opens their link, connects the wallet, signs, and ends up linked; the bot tells them', async () => {
    const signer = Wallet.createRandom();
    const { user, url } = await userWithLink('Alice');
    const page = await openPage(url, signer);

    await page.getByText('Hi, Alice!').waitFor();
    await page.getByText('No wallet is linked yet.').waitFor();
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();

    const done = await notice(page, /^Done!/);
    expect(done.text).toBe(`Done! ${signer.address} is linked to your account. The bot has sent you a message.`);
    expect(done.className).toContain('ok');
    expect(await page.getByRole('button', { name: 'Connect MetaMask and sign' }).isHidden()).toBe(true);

    // The page built the EIP-4361 message (with its optional scheme) from the server's nonce and the checksummed address.
    expect(signed).toHaveLength(1);
    expect(signed[0]).toMatch(new RegExp(`^${baseUrl.replaceAll(".", "\\.")} wants you to sign in with your Ethereum account:\\n${signer.address}\\n`));
    expect(signed[0]).toContain(`URI: ${baseUrl}/wallet\n`);
    expect(signed[0]).toContain(`Chain ID: ${SEPOLIA}\n`);

    const wallet = await walletOf(user.id);
    expect(wallet).toMatchObject({ address: signer.address, kind: 'EOA', chainId: SEPOLIA });
    expect(wallet?.confirmedAt).toBeInstanceOf(Date);
    const link = await db.prisma.walletLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(link.usedAt).toBeInstanceOf(Date);

    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage.mock.calls[0]![0]).toBe(Number(user.telegramId));
    expect(sendMessage.mock.calls[0]![1]).toContain(signer.address);

    // The wallet was found through EIP-6963 and asked only what the page needs; nothing left 127.0.0.1
    // but the Telegram script, which was refused.
    const calls = await page.evaluate(() => (globalThis as unknown as PageWindow).__walletCalls);
    expect(calls).toEqual(['eth_requestAccounts', 'eth_chainId', 'personal_sign']);
    expect(outside.every((u) => u.startsWith('https://telegram.org/'))).toBe(true);
  });

  test('no MetaMask in the browser: the page says so and offers the install and the app', async () => {
    const { user, url } = await userWithLink('Bob');
    const page = await openPage(url, null);
    await page.getByText('Hi, Bob!').waitFor();
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();

    const shown = await notice(page, /MetaMask was not found/);
    expect(shown.text).toBe('MetaMask was not found in this browser. Install the MetaMask extension, or open this page in the MetaMask app.');
    expect(shown.className).toContain('error');
    expect(await page.getByRole('link', { name: 'Install MetaMask' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open in the MetaMask app' }).isVisible()).toBe(true);
    expect(await walletOf(user.id)).toBeNull();
  });

  test('a wallet on another network that refuses to switch: the page asks to switch and links nothing', async () => {
    const signer = Wallet.createRandom();
    const { user, url } = await userWithLink('Carol');
    const page = await openPage(url, signer, { chainId: MAINNET, switchable: false });
    await page.getByText('Hi, Carol!').waitFor();
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();

    const wrong = 'MetaMask is on another network. Switch to Sepolia to continue.';
    expect((await notice(page, /another network/)).text).toBe(wrong);
    const switchButton = page.getByRole('button', { name: 'Switch MetaMask to Sepolia' });
    await switchButton.click();
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).__walletCalls.includes('wallet_switchEthereumChain'));
    expect((await notice(page, wrong)).text).toBe(wrong);
    expect(await switchButton.isVisible()).toBe(true);

    expect(signed).toEqual([]);
    expect(await walletOf(user.id)).toBeNull();
    expect(sendMessage).not.toHaveBeenCalled();
  });

  test('a wallet on another network that agrees to switch: one press switches, signs and links', async () => {
    const signer = Wallet.createRandom();
    const { user, url } = await userWithLink('Dave');
    const page = await openPage(url, signer, { chainId: MAINNET, switchable: true });
    await page.getByText('Hi, Dave!').waitFor();
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();
    await page.getByRole('button', { name: 'Switch MetaMask to Sepolia' }).click();

    expect((await notice(page, /^Done!/)).text).toBe(`Done! ${signer.address} is linked to your account. The bot has sent you a message.`);
    expect(await walletOf(user.id)).toMatchObject({ address: signer.address, chainId: SEPOLIA });
  });

  test('the user rejects the signature request: the page says nothing was linked, and a second try links', async () => {
    const signer = Wallet.createRandom();
    const { user, url } = await userWithLink('Erin');
    const page = await openPage(url, signer, { rejectSignatures: 1 });
    await page.getByText('Hi, Erin!').waitFor();
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();

    const shown = await notice(page, /rejected the signature/);
    expect(shown.text).toBe('You rejected the signature request. Nothing was linked; press the button to try again.');
    expect(shown.className).toContain('error');
    expect(await walletOf(user.id)).toBeNull();
    expect(sendMessage).not.toHaveBeenCalled();

    // The link is still good: pressing the button again asks again, and this time the user signs.
    await page.getByRole('button', { name: 'Connect MetaMask and sign' }).click();
    expect((await notice(page, /^Done!/)).text).toBe(`Done! ${signer.address} is linked to your account. The bot has sent you a message.`);
    expect(signed).toHaveLength(1);
    expect(await walletOf(user.id)).toMatchObject({ address: signer.address });
  });

  test('an expired link: the page says so and offers no button', async () => {
    const signer = Wallet.createRandom();
    // Issued 16 minutes ago with the usual 15-minute life.
    const now = clock.now();
    clock.set(new Date(now.getTime() - WALLET_LINK_TTL_MS - 60_000));
    const { user, url } = await userWithLink('Frank');
    clock.set(now);
    const page = await openPage(url, signer);

    const shown = await notice(page, /expired/);
    expect(shown.text).toBe('This link has expired or was already used. Open the Wallet screen in the bot for a new one.');
    expect(shown.className).toContain('error');
    expect(await page.getByRole('button', { name: /MetaMask/ }).count()).toBe(0);
    expect(await page.locator('button:visible').count()).toBe(0);
    expect(await walletOf(user.id)).toBeNull();
  });
});
