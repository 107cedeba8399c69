// The composition root: config → logger → database → core → HTTP API (and the bot, when on).
import { serve } from '@hono/node-server';
import { createApp } from './api/app.js';
import type { MarketDeps } from './core/market/deps.js';
import { createBot } from './bot/bot.js';
import { notifyDepositNotice } from './bot/crypto-notices.js';
import { notifyLotOrder, notifyLotOrderPayment } from './bot/features/market-orders.js';
import { offerPaymentRetry } from './bot/features/payments.js';
import { notifyWalletLinked } from './bot/features/wallet.js';
import { notifyAdmins, notifyOrderStatus } from './bot/notifications.js';
import { type RunningBot, registerCommands, startPolling, startWebhook } from './bot/run.js';
import { crossRates } from './core/crypto/crypto-rates.js';
import type { CoreDeps } from './core/deps.js';
import { systemClock } from './core/deps.js';
import { Dec } from './core/money.js';
import type { AppliedUpdate } from './core/payments/apply-payment-update.js';
import { autoConfirmLotOrders } from './core/market/orders/auto-confirm-lot-orders.js';
import type { OrderDeps } from './core/market/orders/deps.js';
import { expireLotOrders } from './core/market/orders/expire-lot-orders.js';
import { reconcilePayments } from './core/payments/reconcile-payments.js';
import { cachedRates } from './core/rates/cached-rates.js';
import { fixedRates } from './core/rates/rates.js';
import { storedRates } from './core/rates/stored-rates.js';
import { walletSettings } from './core/wallets/deps.js';
import { purgeWalletAuth } from './core/wallets/purge-wallet-auth.js';
import { createPayouts } from './core/payouts/create-payouts.js';
import type { PayoutDeps } from './core/payouts/deps.js';
import { type RunReport, runPayouts } from './core/payouts/run-payouts.js';
import { tellAboutPayouts } from './bot/payout-notices.js';
import { expireReservations } from './core/tokens/release-reservations.js';
import { platformToken } from './core/tokens/sale-overview.js';
import { seedDemoSale } from './core/tokens/seed-demo.js';
import { configFromEnvironment } from './infra/config.js';
import { jsonRpcContractSignatures } from './infra/chain/contract-signatures.js';
import { setUpCryptoPayments } from './infra/chain/crypto-gateway.js';
import { createWatcher, runWatcher } from './infra/chain/watcher.js';

import { jsonRpcPayoutChain } from './infra/chain/payout-chain.js';
import { openDatabase } from './infra/database.js';
import { createGateways } from './infra/payments/index.js';
import { orderBuyerAsPayer } from './infra/payments/stars.js';
import { createLogger } from './infra/logger.js';
import { refreshRates } from './infra/rates/fetch-rates.js';

const config = configFromEnvironment();
const logger = createLogger({ level: config.logLevel });
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, logger });
logger.info(database.kind === 'postgres' ? 'database: PostgreSQL' : `database: PGlite in ${config.dataDir}`);

const core: CoreDeps = {
  db: database.prisma,
  clock: systemClock,
  logger,
  sale: {
    reservationMinutes: config.sale.reservationMinutes,
    referralLevelPercents: config.sale.referralLevelPercents.map((p) => new Dec(p)),
    referralMinPurchase: config.sale.referralMinPurchase,
  },
};
if (await seedDemoSale(core.db, core.clock.now())) logger.info('empty database: seeded the demo token MKT with three rounds');

const gateways = createGateways(config, {
  returnUrl: config.bot.publicUrl ?? 'https://t.me',
  // Stars are refunded through the bot, created below (a refund happens long after start-up).
  stars: {
    refundStarPayment: (userId, chargeId) => {
      if (!bot) throw new Error('Telegram Stars refunds need the bot: set BOT_TOKEN');
      return bot.api.refundStarPayment(userId, chargeId);
    },
    payerOf: orderBuyerAsPayer(core.db),
  },
});
// Conversion at the newest published CBR/ECB rate (refused once older than RATES_MAX_AGE_HOURS);
// the fixed rates from config only for pairs no published rate covers (Stars) or before the first fetch.
// Crypto payments (ETH_XPUB set): ETH and the payment token as two more methods, priced through
// FIXED_RATES (ETH/USD=…; the token pegged 1:1 to USD unless FIXED_RATES says otherwise). A node
// that cannot be reached at start-up leaves them off (logged); the rest of the shop runs.
const crypto = await setUpCryptoPayments(core, config.raw).catch((error) => {
  logger.error({ err: error }, 'crypto payments are off: the Ethereum node could not be set up');
  return undefined;
});
for (const gateway of crypto?.gateways ?? []) gateways.set(gateway.id, gateway);
const published = storedRates(core.db, {
  maxAgeHours: config.rates.maxAgeHours,
  clock: core.clock,
  fallback: fixedRates({ ...crypto?.pegs, ...config.payments.fixedRates }),
});
const rates = crypto ? crossRates(published, crypto.gateways.map((g) => g.currencies[0]!)) : published;
if (crypto && !(await rates.get('USD', 'ETH'))) logger.warn('ETH payments have no price: add ETH/USD=<price> to FIXED_RATES');
// Market orders (escrow) pay through the same providers; their timings ride along for the payment path.
const payments: OrderDeps = {
  ...core,
  gateways,
  rates,
  escrow: { reservationMinutes: config.sale.reservationMinutes, autoConfirmHours: config.market.autoConfirmHours },
  market: config.market,
};
// The listing converts every market currency on each request: a minute-old rate is as good.
const market: MarketDeps = { ...core, rates: cachedRates(rates, { ttlMs: 60_000 }), market: config.market };
// Rates are fetched now (without holding up start-up) and every RATES_REFRESH_MINUTES; a failure is logged.
const refreshRatesNow = () =>
  refreshRates(core, { cbrUrl: config.rates.cbrUrl, ecbUrl: config.rates.ecbUrl }).catch((error) => logger.error({ err: error }, 'exchange rate refresh failed'));
void refreshRatesNow();
const ratesTimer = setInterval(refreshRatesNow, config.rates.refreshMinutes * 60_000);
logger.info(gateways.size ? `payment providers on: ${[...gateways.keys()].join(', ')}` : 'no payment provider is configured: orders wait as pending');

// Wallet linking needs the public address the wallet page is served at (SIWE's domain and URI).
const chainId = config.raw.ETH_CHAIN_ID ?? 1;
const wallets = config.bot.publicUrl
  ? walletSettings({
      publicUrl: config.bot.publicUrl,
      chainId,
      ...(config.raw.ETH_RPC_URL ? { contractSignatures: jsonRpcContractSignatures(config.raw.ETH_RPC_URL, chainId) } : {}),
    })
  : undefined;

const token = await platformToken(core.db);

// Payouts: the sale token's balances paid in the platform token's ERC-20 from the hot wallet.
const payoutSettings = config.payouts;
const payoutDeps: PayoutDeps | undefined =
  payoutSettings && token
    ? {
        ...core,
        payouts: {
          chain: jsonRpcPayoutChain({ ...payoutSettings }),
          tokenId: token.id,
          confirmations: payoutSettings.confirmations,
          batchSize: payoutSettings.batchSize,
          stuckAfterMs: payoutSettings.stuckMinutes * 60_000,
        },
      }
    : undefined;
if (payoutDeps) {
  logger.info(
    { token: payoutDeps.payouts.chain.tokenAddress, hotWallet: payoutDeps.payouts.chain.senderAddress, scheduleMinutes: payoutSettings?.scheduleMinutes },
    'payouts on',
  );
}
const payoutBot = payoutDeps ? { deps: payoutDeps, ...(payoutSettings?.explorerTxUrl ? { explorerTxUrl: payoutSettings.explorerTxUrl } : {}) } : undefined;

const bot = config.bot.token
  ? createBot(
      config.bot.token,
      {
        core,
        payments,
        logger,
        adminIds: config.bot.adminIds,
        tokenId: token?.id ?? 0,
        escrow: payments.escrow,
        wallet: { publicUrl: config.bot.publicUrl },
        ...(payoutBot ? { payouts: payoutBot } : {}),
        market: config.market,
        displayRates: market.rates,
      },
      { apiRoot: config.bot.apiRoot },
    )
  : undefined;
const webhook = bot && config.bot.mode === 'webhook' ? { bot, secret: config.bot.webhookSecret! } : undefined;

/** After a payment is applied: the buyer hears about their order, the admins about a payment on hold. */
async function afterPayment(applied: AppliedUpdate) {
  if (!bot) return;
  if (applied.orderId && applied.outcome === 'APPLIED') await notifyOrderStatus(bot.api, { core, logger }, { orderId: applied.orderId });
  await notifyLotOrderPayment(bot.api, { core, logger, adminIds: config.bot.adminIds }, applied);
  // A failed or expired payment whose order still waits: the buyer gets the methods again.
  await offerPaymentRetry(bot.api, { core, payments, logger }, applied);
  if (applied.outcome === 'ON_HOLD') await notifyAdmins(bot.api, { core, logger, adminIds: config.bot.adminIds }, applied);
}

const app = createApp({
  core,
  logger,
  telegram: webhook,
  payments: { payments, afterApply: afterPayment },
  apiV1: { market },
  ...(wallets
    ? {
        wallet: {
          wallet: { ...core, wallets },
          botToken: config.bot.token,
          onLinked: async (linked) => {
            if (bot) await notifyWalletLinked(bot.api, { core, logger }, linked);
          },
        },
      }
    : {}),
});
const server = serve({ fetch: app.fetch, port: config.port }, (info) => logger.info(`HTTP API on http://localhost:${info.port} (GET /health)`));

let runningBot: RunningBot | undefined;
if (!bot) logger.info('Telegram bot is off: set BOT_TOKEN (from @BotFather) and restart to turn it on');
else {
  try {
    runningBot = webhook
      ? await startWebhook(bot, config.bot.publicUrl!, webhook.secret, logger)
      : await startPolling(bot, logger);
  } catch (error) {
    logger.fatal({ err: error }, `the Telegram bot could not start (is BOT_TOKEN right and ${config.bot.apiRoot} reachable?)`);
    process.exit(1);
  }
  await registerCommands(bot, logger);
}

// Reservations nobody paid for go back on sale, and their buyers are told. Safe in several
// processes (SKIP LOCKED): each expired order is returned to exactly one sweep.
async function sweepReservations() {
  const expired = await expireReservations(core);
  if (expired.length) logger.info({ count: expired.length }, 'expired unpaid reservations');
  if (bot) for (const { orderId } of expired) await notifyOrderStatus(bot.api, { core, logger }, { orderId });
}
// Payments whose notification never came: asked at their provider, applied through the same path.
async function sweepPayments() {
  const applied = await reconcilePayments(payments, { pendingForMs: config.payments.reconcileAfterMinutes * 60_000 });
  for (const result of applied) await afterPayment(result);
}
// Crypto payments: the chain watcher follows new blocks every ETH_POLL_SECONDS.
const watcher = crypto
  ? runWatcher(
      createWatcher(
        { ...core, chain: crypto.chain },
        {
          rpc: crypto.rpc,
          ...(crypto.tokenAddress ? { tokenAddress: crypto.tokenAddress } : {}),
          ...(config.raw.ETH_START_BLOCK !== undefined ? { startBlock: config.raw.ETH_START_BLOCK } : {}),
          onNotice: async (notice) => {
            if (notice.kind === 'credited') await afterPayment(notice.applied);
            else if (bot) await notifyDepositNotice(bot.api, { core, logger, adminIds: config.bot.adminIds }, notice);
          },
        },
      ),
      { intervalMs: config.raw.ETH_POLL_SECONDS * 1000, logger },
    )
  : undefined;

// Payouts on their way: stored transactions (re)broadcast, confirmations followed, the ledger
// debited and the users told; nothing new is signed here (admins or the schedule start payouts).
async function payoutRun(deps: PayoutDeps, signPending: boolean): Promise<void> {
  const report: RunReport = await runPayouts(deps, { signPending });
  if (bot && payoutBot) await tellAboutPayouts(bot.api, { core, logger, adminIds: config.bot.adminIds, payouts: payoutBot }, report);
}
const payoutTimer =
  payoutDeps && payoutSettings && payoutSettings.scheduleMinutes > 0
    ? setInterval(() => {
        createPayouts(payoutDeps, {})
          .then(() => payoutRun(payoutDeps, true))
          .catch((error) => logger.error({ err: error }, 'scheduled payouts failed'));
      }, payoutSettings.scheduleMinutes * 60_000)
    : undefined;

// Market orders: unpaid reservations go back to their lots; delivered orders past their deadline complete.
async function sweepMarketOrders() {
  const expired = await expireLotOrders(core);
  const confirmed = await autoConfirmLotOrders(core);
  if (expired.length || confirmed.length) logger.info({ expired: expired.length, confirmed: confirmed.length }, 'market order sweep');
  if (!bot) return;
  const deps = { core, logger, adminIds: config.bot.adminIds };
  for (const { orderId } of expired) await notifyLotOrder(bot.api, deps, orderId, 'expired');
  for (const { orderId } of confirmed) await notifyLotOrder(bot.api, deps, orderId, 'auto-confirmed');
}
const sweep = setInterval(() => {
  if (payoutDeps) payoutRun(payoutDeps, false).catch((error) => logger.error({ err: error }, 'payout follow-up failed'));
  sweepMarketOrders().catch((error) => logger.error({ err: error }, 'market order sweep failed'));
  sweepReservations().catch((error) => logger.error({ err: error }, 'reservation sweep failed'));
  sweepPayments().catch((error) => logger.error({ err: error }, 'payment reconciliation failed'));
  purgeWalletAuth(core).catch((error) => logger.error({ err: error }, 'wallet sign-in clean-up failed'));
}, 60_000);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  clearInterval(sweep);
  clearInterval(ratesTimer);
  await watcher?.stop();
  clearInterval(payoutTimer);
  await runningBot?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
