import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/database.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { type LocalChain, startLocalChain } from '../support/chain.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { ONE_TOKEN, type PayoutWorld, payoutWorld } from '../support/payouts.js';

const ADMIN = tgUser(777_001);
const EXPLORER = 'https://explorer.test/tx/{hash}';

describe('Admin → Payouts in the bot', () => {
  let chain: LocalChain;
  let database: Database;
  let world: PayoutWorld;
  let harness: BotHarness;

  beforeAll(async () => {
    chain = await startLocalChain();
  });
  afterAll(() => chain.close());
  beforeEach(async () => {
    database = await createTestDb();
    const core = coreDeps(database.prisma, { clock: fixedClock() });
    world = await payoutWorld(database.prisma, core, chain);
    harness = new BotHarness(core, {
      tokenId: world.tokenId,
      adminIds: [BigInt(ADMIN.id)],
      payouts: { deps: world.deps({ confirmations: 1 }), explorerTxUrl: EXPLORER },
    });
    return () => database.close();
  });

  it('the admin creates and sends payouts from the menu; the user gets the explorer link in their language', async () => {
    const db = database.prisma;
    const paid = await world.buyer(1500n);
    const user = await db.user.update({ where: { id: paid.userId }, data: { language: 'ru' } });
    const walletless = await world.buyer(20n, { wallet: 'none' });

    await harness.sendText(ADMIN, '/admin');
    await harness.press(ADMIN, harness.button('Payouts'));
    expect(harness.lastText()).toContain('Ready to pay: 1 users, 1,500');

    await harness.press(ADMIN, harness.button('Pay everyone ready'));
    expect(harness.lastText()).toContain('Created 1 payouts, 1,500');
    expect(harness.lastText()).toContain('Skipped 1: no wallet (1)');
    expect(await db.payout.count({ where: { userId: walletless.userId } })).toBe(0);

    const before = harness.calls.length;
    await harness.press(ADMIN, harness.button('Send now'));
    expect(harness.lastText()).toContain('Sent 1 (signed 1 new); confirmed 1; failed 0');
    const payout = await db.payout.findFirstOrThrow({ where: { userId: user.id } });
    expect(payout.status).toBe('CONFIRMED');
    const notice = harness.since(before).find((c) => c.method === 'sendMessage' && c.payload.chat_id === Number(user.telegramId));
    expect(notice?.payload.text).toMatch(/Выплата получена: 1\s500 MKT/);
    expect(notice?.payload.text).toContain(`https://explorer.test/tx/${payout.txHash}`);
    expect(JSON.stringify(notice?.payload.reply_markup)).toContain(`https://explorer.test/tx/${payout.txHash}`);
    expect(await world.balanceOnChain(paid.address!)).toBe(1500n * ONE_TOKEN);
    await expectBooksBalance(db);

    // Pressing Send now again sends nothing more and tells nobody again.
    const again = harness.calls.length;
    await harness.press(ADMIN, harness.button('Send now'));
    expect(harness.since(again).filter((c) => c.method === 'sendMessage' && c.payload.chat_id === Number(user.telegramId))).toEqual([]);
    expect(await world.balanceOnChain(paid.address!)).toBe(1500n * ONE_TOKEN);
  });

  it('one user is paid from the list of those ready; What is on its way lists the open payouts', async () => {
    const db = database.prisma;
    const small = await world.buyer(5n);
    const large = await world.buyer(900n);
    await harness.sendText(ADMIN, '/admin');
    await harness.press(ADMIN, harness.button('Payouts'));
    await harness.press(ADMIN, harness.button('Pay one user'));
    const names = harness.lastButtons().map((b) => b.text);
    expect(names[0]).toContain(': 900');
    expect(names[1]).toContain(': 5');
    await harness.press(ADMIN, harness.button(': 900'));
    expect(harness.lastText()).toContain('Created 1 payouts, 900');
    await harness.press(ADMIN, harness.button('On their way'));
    expect(harness.lastText()).toMatch(/#\d+ .*: 900 MKT\d+, waiting to be sent/);
    expect(await db.payout.count({ where: { userId: small.userId } })).toBe(0);
    expect(await db.payout.count({ where: { userId: large.userId } })).toBe(1);
  });

  it('a reverted payout is reported to the admins, and the user hears nothing', async () => {
    const db = database.prisma;
    const core = coreDeps(db, { clock: fixedClock() });
    const empty = await payoutWorld(db, core, chain, { minted: 0n });
    const bot = new BotHarness(core, { tokenId: empty.tokenId, adminIds: [BigInt(ADMIN.id)], payouts: { deps: empty.deps({ confirmations: 1 }), explorerTxUrl: EXPLORER } });
    const buyer = await empty.buyer(40n);
    const user = await db.user.findUniqueOrThrow({ where: { id: buyer.userId } });
    await bot.sendText(ADMIN, '/admin');
    await bot.press(ADMIN, bot.button('Payouts'));
    await bot.press(ADMIN, bot.button('Pay everyone ready'));
    const before = bot.calls.length;
    await bot.press(ADMIN, bot.button('Send now'));
    expect(bot.lastText()).toContain('failed 1');
    const sent = bot.since(before).filter((c) => c.method === 'sendMessage');
    expect(sent.map((c) => c.payload.chat_id)).toEqual([ADMIN.id]);
    expect(sent[0]?.payload.text).toMatch(/Payout #\d+ \(40 MKT\d+ to 0x[0-9a-fA-F]{40}\) failed: the transfer reverted/);
    expect(sent.some((c) => c.payload.chat_id === Number(user.telegramId))).toBe(false);
  });

  it('a non-admin pressing a payout button is refused and nothing is created', async () => {
    await world.buyer(50n);
    const calls = await harness.press(tgUser(555), 'adm.po.all');
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload).toMatchObject({ text: expect.stringMatching(/not allowed|нельзя|allowed/i) });
    expect(await database.prisma.payout.count()).toBe(0);
  });

  it('without payout settings the screen says payouts are off', async () => {
    const off = new BotHarness(coreDeps(database.prisma), { tokenId: world.tokenId, adminIds: [BigInt(ADMIN.id)] });
    await off.sendText(ADMIN, '/admin');
    await off.press(ADMIN, off.button('Payouts'));
    expect(off.lastText()).toContain('Payouts are off');
  });
});
