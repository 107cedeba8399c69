// The composition root: config → logger → database → core → HTTP API (and the bot, when on).
import { serve } from '@hono/node-server';
import { createApp } from './api/app.js';
import { createBot } from './bot/bot.js';
import { offerPaymentRetry } from './bot/features/payments.js';
import { notifyWalletLinked } from './bot/features/wallet.js';
import { notifyAdmins, notifyOrderStatus } from './bot/notifications.js';
import { type RunningBot, registerCommands, startPolling, startWebhook } from './bot/run.js';
import type { CoreDeps } from './core/deps.js';
import { systemClock } from './core/deps.js';
import { Dec } from './core/money.js';
import type { AppliedUpdate } from './core/payments/apply-payment-update.js';
import type { PaymentDeps } from './core/payments/deps.js';
import { reconcilePayments } from './core/payments/reconcile-payments.js';
import { fixedRates } from './core/rates/rates.js';
import { storedRates } from './core/rates/stored-rates.js';
import { walletSettings } from './core/wallets/deps.js';
import { purgeWalletAuth } from './core/wallets/purge-wallet-auth.js';
import { expireReservations } from './core/tokens/release-reservations.js';
import { platformToken } from './core/tokens/sale-overview.js';
import { seedDemoSale } from './core/tokens/seed-demo.js';
import { configFromEnvironment } from './infra/config.js';
import { jsonRpcContractSignatures } from './infra/chain/contract-signatures.js';
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
const rates = storedRates(core.db, { maxAgeHours: config.rates.maxAgeHours, clock: core.clock, fallback: fixedRates(config.payments.fixedRates) });
const payments: PaymentDeps = { ...core, gateways, rates };
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
const bot = config.bot.token
  ? createBot(
      config.bot.token,
      { core, payments, logger, adminIds: config.bot.adminIds, tokenId: token?.id ?? 0, wallet: { publicUrl: config.bot.publicUrl }, market: config.market },
      { apiRoot: config.bot.apiRoot },
    )
  : undefined;
const webhook = bot && config.bot.mode === 'webhook' ? { bot, secret: config.bot.webhookSecret! } : undefined;

/** After a payment is applied: the buyer hears about their order, the admins about a payment on hold. */
async function afterPayment(applied: AppliedUpdate) {
  if (!bot) return;
  if (applied.orderId && applied.outcome === 'APPLIED') await notifyOrderStatus(bot.api, { core, logger }, { orderId: applied.orderId });
  // A failed or expired payment whose order still waits: the buyer gets the methods again.
  await offerPaymentRetry(bot.api, { core, payments, logger }, applied);
  if (applied.outcome === 'ON_HOLD') await notifyAdmins(bot.api, { core, logger, adminIds: config.bot.adminIds }, applied);
}

const app = createApp({
  core,
  logger,
  telegram: webhook,
  payments: { payments, afterApply: afterPayment },
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
const sweep = setInterval(() => {
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
  await runningBot?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
