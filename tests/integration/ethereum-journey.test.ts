// Issue 5's "done when", in one piece on a real local chain: a user links MetaMask from the bot
// (the page's SIWE exchange through the API, signed by an ethers wallet standing in for MetaMask),
// buys tokens in the bot and pays in ETH or in the ERC-20 from that wallet, the watcher credits the
// payment after ETH_CONFIRMATIONS, and an admin pays the tokens out to the linked wallet.

import { type Contract, HDNodeWallet, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { cb } from '../../src/bot/callback-data.js';
import { notifyDepositNotice } from '../../src/bot/crypto-notices.js';
import { notifyWalletLinked } from '../../src/bot/features/wallet.js';
import { notifyOrderStatus } from '../../src/bot/notifications.js';
import { crossRates } from '../../src/core/crypto/crypto-rates.js';
import type { CoreDeps } from '../../src/core/deps.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway, ProviderId } from '../../src/core/payments/gateway.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { walletSettings } from '../../src/core/wallets/deps.js';
import { formatSiweMessage } from '../../src/core/wallets/siwe-message.js';
import { type CryptoPaymentsSetup, setUpCryptoPayments } from '../../src/infra/chain/crypto-gateway.js';
import { createWatcher } from '../../src/infra/chain/watcher.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { type LocalChain, startLocalChain } from '../support/chain.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { ONE_TOKEN, type PayoutWorld, payoutWorld } from '../support/payouts.js';

const PUBLIC_URL = 'https://market.example';
const ADMIN = tgUser(990_001);
const EXPLORER = 'https://explorer.test/tx/{hash}';
const CONFIRMATIONS = 2;
// The shop's HD wallet; the app gets only the xpub.
const XPUB = HDNodeWallet.fromPhrase('test test test test test test test test test test test junk', undefined, "m/44'/60'/0'/0").neuter().extendedKey;

let chain: LocalChain;
let db: Database;
let core: CoreDeps;
let world: PayoutWorld;
let crypto: CryptoPaymentsSetup;
let usdt: Contract;
let harness: BotHarness;
let app: ReturnType<typeof createApp>;
let startBlock: bigint;

beforeAll(async () => {
  chain = await startLocalChain();
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock: fixedClock() });
  // The sale token in the database and its ERC-20 on chain (minted to the hot wallet, account 1).
  world = await payoutWorld(db.prisma, core, chain);
  usdt = await chain.deployToken('USDT', 6);
  crypto = (await setUpCryptoPayments(core, {
    ETH_XPUB: XPUB,
    ETH_RPC_URL: chain.rpcUrl,
    ETH_CHAIN_ID: chain.chainId,
    ETH_CONFIRMATIONS: CONFIRMATIONS,
    ETH_TOKEN_ADDRESS: await usdt.getAddress(),
    ETH_QUOTE_MINUTES: 15,
  }))!;
  const payments: PaymentDeps = {
    ...core,
    gateways: new Map(crypto.gateways.map((g) => [g.id, g] as [ProviderId, PaymentGateway])),
    rates: crossRates(fixedRates({ 'ETH/USD': '2500', ...crypto.pegs }), ['ETH', 'USDT']),
  };
  harness = new BotHarness(core, {
    tokenId: world.tokenId,
    adminIds: [BigInt(ADMIN.id)],
    payments,
    wallet: { publicUrl: PUBLIC_URL },
    payouts: { deps: world.deps({ confirmations: CONFIRMATIONS }), explorerTxUrl: EXPLORER },
  });
  app = createApp({
    core,
    logger: silentLogger,
    wallet: {
      wallet: { ...core, wallets: walletSettings({ publicUrl: PUBLIC_URL, chainId: chain.chainId }) },
      onLinked: (linked) => notifyWalletLinked(harness.bot.api, { core, logger: silentLogger }, linked).then(() => {}),
    },
  });
  startBlock = BigInt(await chain.blockNumber()) + 1n;
}, 60_000);
afterAll(async () => {
  await db?.close();
  await chain?.close();
});

/** What the wallet page does with MetaMask: nonce, EIP-4361 message, personal_sign, verify. */
async function linkFromTheBot(user: TgUser, metamask: Wallet): Promise<void> {
  await harness.press(user, cb.wallet.build());
  const linkButton = harness.lastButtons().find((b) => b.url?.startsWith(`${PUBLIC_URL}/wallet`));
  const link = new URL(linkButton!.url!).searchParams.get('link')!;
  const post = async (path: string, body: object) => {
    const response = await app.request(`/wallet/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: response.status, json: (await response.json()) as Record<string, string> };
  };
  const nonce = await post('nonce', { link, address: metamask.address });
  expect(nonce.status).toBe(200);
  const n = nonce.json;
  const message = formatSiweMessage({
    scheme: n.scheme,
    domain: n.domain!,
    address: metamask.address,
    statement: n.statement,
    uri: n.uri!,
    version: '1',
    chainId: Number(n.chainId),
    nonce: n.nonce!,
    issuedAt: n.issuedAt!,
    expirationTime: n.expirationTime,
  });
  expect((await post('verify', { link, message, signature: await metamask.signMessage(message) })).status).toBe(200);
}

/** The buy flow in the bot up to the payment methods; returns the new order's id. */
async function orderInTheBot(user: TgUser): Promise<number> {
  await harness.press(user, 'buy');
  await harness.press(user, harness.button('🛒'));
  await harness.press(user, harness.button('1,000'));
  await harness.press(user, harness.button('Confirm'));
  const order = await db.prisma.tokenOrder.findFirstOrThrow({ where: { buyer: { telegramId: BigInt(user.id) } }, orderBy: { id: 'desc' } });
  return order.id;
}

function watcher() {
  return createWatcher(
    { ...core, chain: crypto.chain },
    {
      rpc: crypto.rpc,
      tokenAddress: crypto.tokenAddress!,
      startBlock,
      onNotice: async (notice) => {
        if (notice.kind === 'credited' && notice.applied.orderId) await notifyOrderStatus(harness.bot.api, { core, logger: silentLogger }, { orderId: notice.applied.orderId });
        else if (notice.kind !== 'credited') await notifyDepositNotice(harness.bot.api, { core, logger: silentLogger, adminIds: [] }, notice);
      },
    },
  );
}

function messagesTo(user: TgUser, since: number): string[] {
  return harness
    .since(since)
    .filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && c.payload.chat_id === user.id)
    .map((c) => String(c.payload.text ?? c.payload.caption ?? ''));
}

describe('link MetaMask, pay on chain, receive the payout', () => {
  test.each([
    ['eth', 'ETH'],
    ['erc20', 'USDT'],
  ] as const)('paying in %s', async (provider, label) => {
    const user = tgUser(provider === 'eth' ? 990_101 : 990_102);
    // MetaMask: a funded account of the local chain (ETH, and USDT minted to it).
    const metamask = new Wallet(chain.keys[provider === 'eth' ? 4 : 5]!, chain.provider);
    await harness.sendText(user, '/start');

    // 1. Link the wallet from the bot.
    const beforeLink = harness.calls.length;
    await linkFromTheBot(user, metamask);
    expect(messagesTo(user, beforeLink).join('\n')).toContain(metamask.address);
    const dbUser = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) }, include: { wallet: true } });
    expect(dbUser.wallet).toMatchObject({ address: metamask.address, chainId: chain.chainId, confirmedAt: expect.any(Date) });

    // 2. Buy 1,000 tokens (12.50 USD) and choose the on-chain method.
    const orderId = await orderInTheBot(user);
    const method = harness.lastButtons().find((b) => b.data === `pay.m:${provider}:${orderId}`);
    expect(method?.text).toContain(label === 'ETH' ? 'ETH' : 'ERC-20');
    await harness.press(user, method!.data!);
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { tokenOrderId: orderId }, include: { deposit: true } });
    const deposit = payment.deposit!;
    expect(messagesTo(user, 0).join('\n')).toContain(deposit.address);

    // 3. Pay the exact quote from MetaMask; credited only after the confirmations.
    const quote = BigInt(deposit.quoteBaseUnits.toFixed());
    if (provider === 'eth') {
      expect(quote).toBe(parseEther('0.005')); // 12.50 USD at 2,500 USD/ETH
      await (await metamask.sendTransaction({ to: deposit.address, value: quote })).wait();
    } else {
      expect(quote).toBe(12_500_000n); // 12.50 USDT, 6 decimals read from the contract
      await (await usdt.getFunction('mint')(metamask.address, quote)).wait();
      await (await (usdt.connect(metamask) as Contract).getFunction('transfer')(deposit.address, quote)).wait();
    }
    const w = watcher();
    await w.scanOnce();
    expect((await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('PENDING');
    await chain.mine(CONFIRMATIONS);
    const beforeCredit = harness.calls.length;
    await w.scanOnce();
    expect((await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('PAID');
    expect(messagesTo(user, beforeCredit)).toHaveLength(1);

    // 4. The admin pays the balance out to the linked wallet; the user gets the explorer link.
    const onChainBefore = await world.balanceOnChain(metamask.address);
    await harness.sendText(ADMIN, '/admin');
    await harness.press(ADMIN, harness.button('Payouts'));
    await harness.press(ADMIN, harness.button('Pay everyone ready'));
    await harness.press(ADMIN, harness.button('Send now'));
    await chain.mine(CONFIRMATIONS);
    const beforeConfirm = harness.calls.length;
    await harness.press(ADMIN, harness.button('Send now'));
    const payout = await db.prisma.payout.findFirstOrThrow({ where: { userId: dbUser.id } });
    expect(payout).toMatchObject({ status: 'CONFIRMED', toAddress: metamask.address, amount: 1000n });
    expect(await world.balanceOnChain(metamask.address)).toBe(onChainBefore + 1000n * ONE_TOKEN);
    const told = messagesTo(user, beforeConfirm);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`https://explorer.test/tx/${payout.txHash}`);
    await expectBooksBalance(db.prisma);
  });
});
