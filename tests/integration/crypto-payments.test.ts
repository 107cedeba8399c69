import { type Contract, HDNodeWallet, Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { notifyDepositNotice } from '../../src/bot/crypto-notices.js';
import { notifyOrderStatus } from '../../src/bot/notifications.js';
import { crossRates } from '../../src/core/crypto/crypto-rates.js';
import type { DepositNotice } from '../../src/core/crypto/settle-deposits.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { createPayment } from '../../src/core/payments/create-payment.js';
import type { PaymentDeps } from '../../src/core/payments/deps.js';
import type { PaymentGateway, ProviderId } from '../../src/core/payments/gateway.js';
import { reconcilePayments } from '../../src/core/payments/reconcile-payments.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { type CryptoPaymentsSetup, setUpCryptoPayments } from '../../src/infra/chain/crypto-gateway.js';
import { createWatcher } from '../../src/infra/chain/watcher.js';
import { ConfigError, loadConfig } from '../../src/infra/config.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { BotHarness, tgUser } from '../support/bot.js';
import { type LocalChain, startLocalChain } from '../support/chain.js';
import { createTestDb } from '../support/db.js';
import { coreDeps } from '../support/factories.js';
import { expectBooksBalance } from '../support/ledger.js';
import { pendingOrder } from '../support/payments.js';

// The shop's HD wallet: the app is given only the xpub of m/44'/60'/0'/0; the test holds the seed
// so it can check the deposit addresses are the wallet's own.
const PHRASE = 'test test test test test test test test test test test junk';
const ACCOUNT = HDNodeWallet.fromPhrase(PHRASE, undefined, "m/44'/60'/0'/0");
const XPUB = ACCOUNT.neuter().extendedKey;
const CONFIRMATIONS = 3;
const ETH_USD = '2500';

let chain: LocalChain;
let db: Database;
let core: CoreDeps;
let token: Contract;
let setup: CryptoPaymentsSetup;
let payments: PaymentDeps;
let startBlock: bigint;
const notices: DepositNotice[] = [];

beforeAll(async () => {
  chain = await startLocalChain();
  db = await createTestDb();
  core = coreDeps(db.prisma);
  token = await chain.deployToken('TUSD', 6);
  await (await token.getFunction('mint')(chain.wallet(1).address, 1_000_000_000n)).wait();
  setup = (await setUpCryptoPayments(core, {
    ETH_XPUB: XPUB,
    ETH_RPC_URL: chain.rpcUrl,
    ETH_CHAIN_ID: chain.chainId,
    ETH_CONFIRMATIONS: CONFIRMATIONS,
    ETH_TOKEN_ADDRESS: await token.getAddress(),
    ETH_QUOTE_MINUTES: 15,
  }))!;
  payments = {
    ...core,
    gateways: new Map(setup.gateways.map((g) => [g.id, g] as [ProviderId, PaymentGateway])),
    rates: crossRates(fixedRates({ 'USD/RUB': '90', 'ETH/USD': ETH_USD, ...setup.pegs }), ['ETH', 'TUSD']),
  };
  startBlock = BigInt(await chain.blockNumber()) + 1n;
}, 60_000);
afterAll(async () => {
  await db.close();
  await chain.close();
});
afterEach(() => expectBooksBalance(db.prisma));

function watcher() {
  return createWatcher({ ...core, chain: setup.chain }, { rpc: setup.rpc, tokenAddress: setup.tokenAddress, startBlock, onNotice: async (n) => void notices.push(n) });
}

/** A pending order of 1,000 tokens for 12.50 USD, and a crypto payment for it. */
async function cryptoPayment(provider: 'eth' | 'erc20') {
  const placed = await pendingOrder(db.prisma, core);
  const created = await createPayment(payments, { buyerId: placed.buyer.id, orderId: placed.order.orderId, provider });
  if (!created.ok) throw new Error(created.code);
  const checkout = created.value.checkout;
  if (checkout.kind !== 'deposit') throw new Error('not a deposit checkout');
  return { ...placed, orderId: placed.order.orderId, payment: created.value, address: checkout.address, uri: checkout.payUrl };
}

async function sendEth(to: string, wei: bigint) {
  await (await chain.wallet(1).sendTransaction({ to, value: wei })).wait();
}
async function sendToken(to: string, units: bigint) {
  const asSender = token.connect(chain.wallet(1)) as Contract;
  await (await asSender.getFunction('transfer')(to, units)).wait();
}
const paymentRow = (id: number) => db.prisma.payment.findUniqueOrThrow({ where: { id }, include: { deposit: true, tokenOrder: true } });
const purchases = (orderId: number) => db.prisma.ledgerEntry.count({ where: { kind: 'PURCHASE', source: `token_order:${orderId}` } });
const ETH_QUOTE = 5_000_000_000_000_000n; // 12.50 USD at 2,500 USD per ETH, in wei

describe('deposit addresses and quotes', () => {
  test('each payment gets the next child of the xpub (the wallet can spend it) and an exact quote that holds ETH_QUOTE_MINUTES', async () => {
    const first = await cryptoPayment('eth');
    const second = await cryptoPayment('erc20');
    const rows = await Promise.all([paymentRow(first.payment.paymentId), paymentRow(second.payment.paymentId)]);
    const [a, b] = rows.map((r) => r.deposit!);
    expect(b!.addressIndex).toBeGreaterThan(a!.addressIndex);
    expect(a!.address).toBe(ACCOUNT.deriveChild(a!.addressIndex).address);
    expect(b!.address).toBe(ACCOUNT.deriveChild(b!.addressIndex).address);
    // ETH: charged to the gwei, quoted in wei; the token: its 6 decimals read from the contract.
    expect(rows[0]!.amountMinor).toBe(5_000_000n);
    expect(rows[0]!.currency).toBe('ETH');
    expect(BigInt(a!.quoteBaseUnits.toFixed(0))).toBe(ETH_QUOTE);
    expect(first.uri).toBe(`ethereum:${a!.address}@1337?value=${ETH_QUOTE}`);
    expect(rows[1]!.currency).toBe('TUSD');
    expect(b!.decimals).toBe(6);
    expect(BigInt(b!.quoteBaseUnits.toFixed(0))).toBe(12_500_000n);
    expect(second.uri).toBe(`ethereum:${setup.tokenAddress}@1337/transfer?address=${b!.address}&uint256=12500000`);
    expect(rows[0]!.expiresAt!.getTime() - core.clock.now().getTime()).toBe(15 * 60_000);
    // Asking again while the quote holds gives the same address.
    const again = await createPayment(payments, { buyerId: first.buyer.id, orderId: first.orderId, provider: 'eth' });
    expect(again.ok && again.value.paymentId).toBe(first.payment.paymentId);
  });

  test('a price in roubles is converted through USD and rounded up to the gwei', async () => {
    const placed = await pendingOrder(db.prisma, core, { currency: 'RUB', unitPrice: '1', amount: 1000 });
    const created = await createPayment(payments, { buyerId: placed.buyer.id, orderId: placed.order.orderId, provider: 'eth' });
    // 1,000 RUB / 90 / 2,500 = 0.00444444…4 ETH → 4,444,445 gwei
    expect(created.ok && created.value.amountMinor).toBe(4_444_445n);
  });
});

describe('the watcher', () => {
  test('an ETH payment is credited at ETH_CONFIRMATIONS confirmations, not one block earlier', async () => {
    const w = watcher();
    const { payment, address, orderId } = await cryptoPayment('eth');
    await sendEth(address, ETH_QUOTE);
    await w.scanOnce(); // 1 confirmation
    await chain.mine(CONFIRMATIONS - 2);
    await w.scanOnce(); // N - 1
    expect((await paymentRow(payment.paymentId)).status).toBe('PENDING');
    expect(await db.prisma.cryptoTransfer.count({ where: { deposit: { paymentId: payment.paymentId }, status: 'SEEN' } })).toBe(1);
    await chain.mine(1);
    const report = await w.scanOnce(); // N
    const row = await paymentRow(payment.paymentId);
    expect(row.status).toBe('SUCCEEDED');
    expect(row.tokenOrder?.status).toBe('PAID');
    expect(row.deposit!.surplusBaseUnits).toBeNull();
    expect(report.notices.filter((n) => n.kind === 'credited')).toHaveLength(1);
    expect(await purchases(orderId)).toBe(1);
  });

  test('an ERC-20 payment short of the quote stays partial, the buyer is told the missing amount once, and a top-up completes it', async () => {
    const w = watcher();
    const { payment, address, orderId } = await cryptoPayment('erc20');
    notices.length = 0;
    await sendToken(address, 10_000_000n); // 10 of 12.5
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    expect((await paymentRow(payment.paymentId)).status).toBe('PENDING');
    const partial = notices.filter((n) => n.kind === 'partial');
    expect(partial).toEqual([expect.objectContaining({ paymentId: payment.paymentId, received: 10_000_000n, missing: 2_500_000n, currency: 'TUSD', decimals: 6 })]);
    await chain.mine(1);
    await w.scanOnce();
    expect(notices.filter((n) => n.kind === 'partial')).toHaveLength(1); // once per change

    await sendToken(address, 2_500_000n);
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    const row = await paymentRow(payment.paymentId);
    expect(row.status).toBe('SUCCEEDED');
    expect(BigInt(row.deposit!.receivedBaseUnits.toFixed(0))).toBe(12_500_000n);
    expect(await purchases(orderId)).toBe(1);
  });

  test('an overpayment is credited and its surplus recorded and reported to the admins', async () => {
    const w = watcher();
    const { payment, address } = await cryptoPayment('eth');
    notices.length = 0;
    await sendEth(address, ETH_QUOTE + 1_000_000_000_000_000n);
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    const row = await paymentRow(payment.paymentId);
    expect(row.status).toBe('SUCCEEDED');
    expect(BigInt(row.deposit!.surplusBaseUnits!.toFixed(0))).toBe(1_000_000_000_000_000n);
    expect(notices.filter((n) => n.kind === 'surplus')).toEqual([expect.objectContaining({ paymentId: payment.paymentId, surplus: 1_000_000_000_000_000n })]);
    await w.scanOnce();
    expect(notices.filter((n) => n.kind === 'surplus')).toHaveLength(1);
  });

  test('a transfer whose block is reorged away before N confirmations is never credited; re-mined on the new chain it is credited once', async () => {
    const w = watcher();
    const { payment, address, orderId } = await cryptoPayment('eth');
    const sender = chain.wallet(2);
    const raw = await sender.signTransaction(await sender.populateTransaction({ to: address, value: ETH_QUOTE }));
    const snapshot = await chain.snapshot();
    await chain.provider.send('eth_sendRawTransaction', [raw]);
    await w.scanOnce();
    expect(await db.prisma.cryptoTransfer.count({ where: { deposit: { paymentId: payment.paymentId } } })).toBe(1);

    await chain.revert(snapshot);
    await chain.provider.send('evm_increaseTime', [60]);
    await chain.mine(CONFIRMATIONS + 1); // a longer chain without the transfer
    const report = await w.scanOnce();
    expect(report.reorgs).toBeGreaterThan(0);
    expect(await db.prisma.cryptoTransfer.count({ where: { deposit: { paymentId: payment.paymentId } } })).toBe(0);
    expect((await paymentRow(payment.paymentId)).status).toBe('PENDING');

    // The same signed transaction lands on the new chain.
    await chain.provider.send('eth_sendRawTransaction', [raw]);
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    await w.scanOnce();
    expect((await paymentRow(payment.paymentId)).status).toBe('SUCCEEDED');
    expect(await purchases(orderId)).toBe(1);
  });

  test('a new watcher resumes from the stored block: nothing missed, nothing twice, even two at once', async () => {
    const first = watcher();
    await first.scanOnce();
    const stored = (await db.prisma.cryptoBlock.findFirst({ orderBy: { number: 'desc' } }))!;
    const { payment, address, orderId } = await cryptoPayment('erc20');
    await sendToken(address, 12_500_000n);
    await chain.mine(CONFIRMATIONS);
    // "Restarted": two fresh instances with no memory, scanning together.
    const [a, b] = await Promise.all([watcher().scanOnce(), watcher().scanOnce()]);
    expect(a.scanned + b.scanned).toBe(Number(BigInt(await chain.blockNumber()) - stored.number));
    expect((await paymentRow(payment.paymentId)).status).toBe('SUCCEEDED');
    expect(await purchases(orderId)).toBe(1);
    expect([...a.notices, ...b.notices].filter((n) => n.kind === 'credited')).toHaveLength(1);
  });

  test('a run that dies between the credit and marking the deposit: the next run tells the buyer, once', async () => {
    const { payment, address, orderId } = await cryptoPayment('eth');
    await sendEth(address, ETH_QUOTE);
    await chain.mine(CONFIRMATIONS);
    // The "process" dies right after the credit committed: marking the deposit throws.
    const dying = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property === 'cryptoDeposit') return { ...target.cryptoDeposit, updateMany: () => Promise.reject(new Error('killed')) };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const dead = createWatcher({ ...core, db: dying, chain: setup.chain }, { rpc: setup.rpc, tokenAddress: setup.tokenAddress, startBlock, onNotice: async () => {} });
    await expect(dead.scanOnce()).rejects.toThrow('killed');
    expect((await paymentRow(payment.paymentId)).status).toBe('SUCCEEDED');
    expect((await paymentRow(payment.paymentId)).deposit!.creditedAt).toBeNull();

    const restarted = await watcher().scanOnce();
    const credited = restarted.notices.filter((n) => n.kind === 'credited');
    expect(credited).toEqual([{ kind: 'credited', applied: expect.objectContaining({ paymentId: payment.paymentId, orderId, status: 'SUCCEEDED', orderStatus: 'PAID' }) }]);
    expect((await watcher().scanOnce()).notices.filter((n) => n.kind === 'credited')).toEqual([]);
    expect(await purchases(orderId)).toBe(1);
  });

  test('blocks scanned again (stored cursor lost) record each (chain, tx, log) once and credit nothing twice', async () => {
    const w = watcher();
    const { payment, address, orderId } = await cryptoPayment('eth');
    await sendEth(address, ETH_QUOTE);
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    const transfer = (await db.prisma.cryptoTransfer.findFirst({ where: { deposit: { paymentId: payment.paymentId } } }))!;
    expect(transfer.logIndex).toBe(-1);
    await db.prisma.cryptoBlock.deleteMany({ where: { number: { gte: transfer.blockNumber - 1n } } });
    await w.scanOnce();
    expect(await db.prisma.cryptoTransfer.count({ where: { txHash: transfer.txHash } })).toBe(1);
    await expect(
      db.prisma.cryptoTransfer.create({ data: { ...transfer, id: undefined, blockHash: '0xother' } }),
    ).rejects.toThrow();
    expect(await purchases(orderId)).toBe(1);
  });

  test('transfers to addresses that are not deposit addresses are ignored, ETH and token alike', async () => {
    const w = watcher();
    await w.scanOnce();
    const before = await db.prisma.cryptoTransfer.count();
    const stranger = Wallet.createRandom().address;
    await sendEth(stranger, 10n ** 15n);
    await sendToken(stranger, 1_000_000n);
    await sendToken(ACCOUNT.deriveChild(100_000).address, 1_000_000n); // the shop's, but no payment's
    await chain.mine(CONFIRMATIONS);
    await w.scanOnce();
    expect(await db.prisma.cryptoTransfer.count()).toBe(before);
  });

  test('a quote that expires with nothing sent expires the payment; one with a transfer on its way stays open', async () => {
    const quiet = await cryptoPayment('eth');
    const paying = await cryptoPayment('eth');
    await sendEth(paying.address, ETH_QUOTE / 2n);
    await watcher().scanOnce();
    const clock = core.clock as ReturnType<typeof import('../support/factories.js').fixedClock>;
    clock.advance(16 * 60_000);
    await reconcilePayments(payments, { pendingForMs: 0 });
    expect((await paymentRow(quiet.payment.paymentId)).status).toBe('EXPIRED');
    expect((await paymentRow(paying.payment.paymentId)).status).toBe('PENDING');
    // A new checkout after the quote ran out is a new payment at a new address.
    clock.advance(-16 * 60_000);
  });
});

describe('the bot', () => {
  test('the buyer picks ETH, sees the address, exact amount and expiry with a QR code, and is told when it is credited', async () => {
    const harness = new BotHarness(core, { tokenId: 0, payments, adminIds: [] });
    const placed = await pendingOrder(db.prisma, core);
    const user = tgUser(Number(placed.buyer.telegramId), { language_code: 'en' });
    const calls = await harness.press(user, `pay.m:eth:${placed.order.orderId}`);
    const payment = (await db.prisma.payment.findFirst({ where: { tokenOrderId: placed.order.orderId }, include: { deposit: true } }))!;
    const text = calls.map((c) => c.payload.text).find((t) => typeof t === 'string' && t.includes(payment.deposit!.address)) as string;
    expect(text).toContain('0.005000000 ETH');
    expect(text).toContain('chain id 1337');
    expect(text).toContain(`ethereum:${payment.deposit!.address}@1337?value=${ETH_QUOTE}`);
    expect(text).toMatch(/until/);
    expect(calls.some((c) => c.method === 'sendPhoto')).toBe(true);

    const w = createWatcher({ ...core, chain: setup.chain }, {
      rpc: setup.rpc,
      tokenAddress: setup.tokenAddress,
      startBlock,
      onNotice: async (n) => {
        if (n.kind === 'credited' && n.applied.orderId) await notifyOrderStatus(harness.bot.api, { core, logger: silentLogger }, { orderId: n.applied.orderId });
        else if (n.kind !== 'credited') await notifyDepositNotice(harness.bot.api, { core, logger: silentLogger, adminIds: [] }, n);
      },
    });
    await sendEth(payment.deposit!.address, ETH_QUOTE / 2n);
    await chain.mine(CONFIRMATIONS);
    const start = harness.calls.length;
    await w.scanOnce();
    expect(harness.since(start).map((c) => c.payload.text).join('\n')).toContain('Still missing: 0.0025 ETH');
    await sendEth(payment.deposit!.address, ETH_QUOTE / 2n);
    await chain.mine(CONFIRMATIONS);
    const paidAt = harness.calls.length;
    await w.scanOnce();
    const told = harness.since(paidAt).filter((c) => c.method === 'sendMessage' && c.payload.chat_id === user.id);
    expect(told).toHaveLength(1);
    expect((await db.prisma.tokenOrder.findUniqueOrThrow({ where: { id: placed.order.orderId } })).status).toBe('PAID');
  });
});

describe('configuration', () => {
  const base = { ETH_RPC_URL: 'http://127.0.0.1:8545', ETH_CHAIN_ID: '1337', ETH_XPUB: XPUB };
  const bad = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
    } catch (error) {
      return error instanceof ConfigError ? error.variable : 'other';
    }
    return undefined;
  };
  test('crypto settings are checked, and a bad one is named', () => {
    expect(loadConfig(base).raw.ETH_QUOTE_MINUTES).toBe(15);
    expect(bad({ ETH_QUOTE_MINUTES: '0' })).toBe('ETH_QUOTE_MINUTES');
    expect(bad({ ETH_POLL_SECONDS: 'often' })).toBe('ETH_POLL_SECONDS');
    expect(bad({ ETH_START_BLOCK: '-5' })).toBe('ETH_START_BLOCK');
    expect(bad({ ETH_XPUB: `${XPUB.slice(0, -1)}${XPUB.endsWith('a') ? 'b' : 'a'}` })).toBe('ETH_XPUB');
    expect(bad({ ETH_XPUB: ACCOUNT.extendedKey })).toBe('ETH_XPUB'); // the private key is refused
    expect(bad({ ETH_RPC_URL: '' })).toBe('ETH_RPC_URL');
  });
});
