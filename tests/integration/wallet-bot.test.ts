// The bot's Wallet screen (through handleUpdate, every Bot API call recorded): a one-time link to
// the wallet page, or the linked wallet with Unlink; the clear message without PUBLIC_URL; and the
// message the user gets when the page linked their wallet.

import { Wallet } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { cb } from '../../src/bot/callback-data.js';
import { notifyWalletLinked, walletCb } from '../../src/bot/features/wallet.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { walletSettings } from '../../src/core/wallets/deps.js';
import { formatSiweMessage } from '../../src/core/wallets/siwe-message.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';

const START = new Date('2026-01-15T12:00:00Z');
const PUBLIC_URL = 'https://market.example';
const clock = fixedClock(START);
let db: Database;
let core: CoreDeps;

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
});
afterAll(() => db?.close());
beforeEach(() => clock.set(START));

let ids = 7_000_000;
const nextUser = (extra: Partial<TgUser> = {}) => tgUser(++ids, extra);

interface Button {
  text: string;
  url?: string;
  callback_data?: string;
  web_app?: { url: string };
}
function lastKeyboard(harness: BotHarness): Button[] {
  for (const call of [...harness.calls].reverse()) {
    const markup = call.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
    if (markup?.inline_keyboard) return markup.inline_keyboard.flat();
  }
  return [];
}

async function userOf(from: TgUser) {
  return db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(from.id) } });
}

describe('the Wallet screen', () => {
  test('without a wallet: a one-time link to the page, as a URL button and as a Mini App button', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: PUBLIC_URL } });
    const alice = nextUser();
    const calls = await harness.press(alice, cb.wallet.build());
    expect(answers(calls)).toHaveLength(1);
    expect(harness.lastText()).toContain('Link your MetaMask wallet');
    expect(harness.lastText()).toContain('expires in 15 min');

    const buttons = lastKeyboard(harness);
    const link = buttons.find((b) => b.url);
    expect(link?.text).toBe('🦊 Link MetaMask');
    const url = new URL(link!.url!);
    expect(`${url.origin}${url.pathname}`).toBe('https://market.example/wallet');
    const token = url.searchParams.get('link')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(buttons.find((b) => b.web_app)?.web_app?.url).toBe(link!.url);
    expect(buttons.at(-1)?.callback_data).toBe(cb.menu.build());

    // The link is this user's, stored hashed, for 15 minutes.
    const user = await userOf(alice);
    const stored = await db.prisma.walletLink.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.expiresAt).toEqual(new Date(START.getTime() + 15 * 60_000));
  });

  test('a plain-http PUBLIC_URL gets the URL button only (Telegram opens https Mini Apps only)', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: 'http://localhost:3000/' } });
    await harness.press(nextUser(), cb.wallet.build());
    const buttons = lastKeyboard(harness);
    expect(buttons.find((b) => b.url)?.url).toMatch(/^http:\/\/localhost:3000\/wallet\?link=[A-Za-z0-9_-]{43}$/);
    expect(buttons.some((b) => b.web_app)).toBe(false);
  });

  test('without PUBLIC_URL: a clear message that linking needs it, and no link is made', async () => {
    const harness = new BotHarness(core);
    const bob = nextUser();
    await harness.press(bob, cb.wallet.build());
    expect(harness.lastText()).toContain('MetaMask');
    expect(harness.lastText()).toContain('PUBLIC_URL');
    expect(lastKeyboard(harness).map((b) => b.callback_data)).toEqual([cb.menu.build()]);
    expect(await db.prisma.walletLink.count({ where: { userId: (await userOf(bob)).id } })).toBe(0);
  });

  test('in Russian for a Russian-speaking user', async () => {
    const harness = new BotHarness(core);
    await harness.press(nextUser({ language_code: 'ru' }), cb.wallet.build());
    expect(harness.lastText()).toContain('PUBLIC_URL');
    expect(harness.lastText()).toContain('Привязка кошелька MetaMask');
  });

  test('with a wallet: its address and Unlink, which asks first; after unlinking, the link is offered again', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: PUBLIC_URL } });
    const carol = nextUser();
    await harness.sendText(carol, '/start');
    const user = await userOf(carol);
    const address = new Wallet(`0x${'5a'.repeat(32)}`).address;
    const wallet = await db.prisma.wallet.create({ data: { userId: user.id, address, chainId: 1, confirmedAt: START, linkedAt: START } });

    await harness.press(carol, cb.wallet.build());
    expect(harness.lastText()).toContain(address);
    expect(harness.lastText()).toContain('MetaMask account, linked Jan 15, 2026, 12:00 UTC');
    const screen = harness.calls.findLast((c) => c.method === 'editMessageText')!;
    expect(screen.payload).toMatchObject({ parse_mode: 'HTML', text: expect.stringContaining(`<code>${address}</code>`) });
    expect(lastKeyboard(harness).some((b) => b.url)).toBe(false);

    await harness.press(carol, harness.button('Unlink'));
    expect(harness.lastText()).toContain(`Unlink <code>${address}</code>`);
    expect(await db.prisma.wallet.count({ where: { userId: user.id } })).toBe(1);

    const calls = await harness.press(carol, harness.button('Yes, unlink'));
    expect(answers(calls)[0]?.payload.text).toBe(`Wallet ${address} unlinked.`);
    expect(await db.prisma.wallet.findUnique({ where: { id: wallet.id } })).toBeNull();
    expect(lastKeyboard(harness).find((b) => b.url)?.text).toBe('🦊 Link MetaMask');
  });

  test('an Unlink button from before another wallet was linked unlinks nothing', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: PUBLIC_URL } });
    const dave = nextUser();
    await harness.sendText(dave, '/start');
    const user = await userOf(dave);
    const current = await db.prisma.wallet.create({ data: { userId: user.id, address: new Wallet(`0x${'6b'.repeat(32)}`).address, chainId: 1, confirmedAt: START } });

    const calls = await harness.press(dave, walletCb.unlinkConfirmed.build(current.id + 1000));
    expect(answers(calls)[0]?.payload.text).toBe('That wallet is no longer linked.');
    expect(await db.prisma.wallet.findUnique({ where: { id: current.id } })).not.toBeNull();
    await harness.press(dave, walletCb.unlink.build(current.id + 1000));
    expect(harness.lastText()).toContain(current.address); // back on the wallet screen, nothing asked
  });

  test('forged wallet callback data is answered as out of date', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: PUBLIC_URL } });
    const calls = await harness.press(nextUser(), 'wal.unl.ok:abc');
    expect(answers(calls)[0]?.payload.text).toMatch(/out of date/);
  });
});

describe('after the page linked a wallet', () => {
  test('the user gets a message in their language with the address', async () => {
    const harness = new BotHarness(core);
    const erin = nextUser({ language_code: 'ru' });
    await harness.sendText(erin, '/start');
    const user = await userOf(erin);
    const start = harness.calls.length;
    const address = new Wallet(`0x${'7c'.repeat(32)}`).address;
    expect(await notifyWalletLinked(harness.bot.api, { core, logger: silentLogger }, { userId: user.id, address })).toBe(true);
    const [sent] = harness.since(start);
    expect(sent).toMatchObject({ method: 'sendMessage', payload: { chat_id: erin.id, parse_mode: 'HTML' } });
    expect(sent!.payload.text).toBe(`✅ Ваш кошелёк привязан:\n<code>${address}</code>`);
  });

  test('end to end: the bot’s link, signed on the page, makes the bot send the notice', async () => {
    const harness = new BotHarness(core, { wallet: { publicUrl: PUBLIC_URL } });
    const app = createApp({
      core,
      logger: silentLogger,
      wallet: {
        wallet: { ...core, wallets: walletSettings({ publicUrl: PUBLIC_URL, chainId: 1 }) },
        onLinked: (linked) => notifyWalletLinked(harness.bot.api, { core, logger: silentLogger }, linked).then(() => {}),
      },
    });
    const frank = nextUser();
    await harness.press(frank, cb.wallet.build());
    const token = new URL(lastKeyboard(harness).find((b) => b.url)!.url!).searchParams.get('link')!;

    const signer = new Wallet(`0x${'8d'.repeat(32)}`);
    const post = (path: string, body: object) =>
      app.request(`/wallet/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const n = (await (await post('nonce', { link: token, address: signer.address })).json()) as Record<string, string>;
    const message = formatSiweMessage({
      scheme: n.scheme,
      domain: n.domain!,
      address: signer.address,
      statement: n.statement,
      uri: n.uri!,
      version: '1',
      chainId: Number(n.chainId),
      nonce: n.nonce!,
      issuedAt: n.issuedAt!,
      expirationTime: n.expirationTime,
    });
    const start = harness.calls.length;
    const res = await post('verify', { link: token, message, signature: await signer.signMessage(message) });
    expect(res.status).toBe(200);
    const sent = harness.since(start).filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ chat_id: frank.id, text: `✅ Your wallet is linked:\n<code>${signer.address}</code>` });

    // And the Wallet screen now shows it.
    await harness.press(frank, cb.wallet.build());
    expect(harness.lastText()).toContain(signer.address);
  });
});
