import type { PaymentGateway, ProviderId } from '../../core/payments/gateway.js';
import type { Config } from '../config.js';
import { createQiwiGateway } from './qiwi.js';
import { createSberGateway } from './sber.js';
import { createStarsGateway, type StarsSettings } from './stars.js';
import { createStripeGateway } from './stripe.js';
import { createYooKassaGateway } from './yookassa.js';
import { createYooMoneyGateway } from './yoomoney.js';

export interface GatewayOptions {
  /** Where a payer returns after paying outside Telegram (PUBLIC_URL, or the bot's chat). */
  returnUrl: string;
  /** The HTTP client; tests pass one that talks to fake provider servers on loopback. */
  fetch?: typeof fetch;
  /** Telegram Stars refunds go through the bot: its refundStarPayment and who paid (see stars.ts). */
  stars?: StarsSettings;
}

/**
 * The payment providers that are on: each one whose configuration is present. The bot offers
 * exactly these, and `POST /webhooks/<provider>` answers only for these.
 */
export function createGateways(config: Config, options: GatewayOptions): Map<ProviderId, PaymentGateway> {
  const env = config.raw;
  const gateways = new Map<ProviderId, PaymentGateway>();
  const add = (gateway: PaymentGateway) => gateways.set(gateway.id, gateway);
  const common = { returnUrl: options.returnUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    add(createStripeGateway({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL, ...common }));
  }
  if (env.YOOMONEY_WALLET && env.YOOMONEY_NOTIFICATION_SECRET) {
    add(createYooMoneyGateway({ wallet: env.YOOMONEY_WALLET, notificationSecret: env.YOOMONEY_NOTIFICATION_SECRET, apiUrl: env.YOOMONEY_API_URL, ...common }));
  }
  if (env.YOOKASSA_SHOP_ID && env.YOOKASSA_SECRET_KEY) {
    add(createYooKassaGateway({ shopId: env.YOOKASSA_SHOP_ID, secretKey: env.YOOKASSA_SECRET_KEY, apiUrl: env.YOOKASSA_API_URL, ...common }));
  }
  if (env.SBER_USERNAME && env.SBER_PASSWORD) {
    add(createSberGateway({ username: env.SBER_USERNAME, password: env.SBER_PASSWORD, callbackKey: env.SBER_CALLBACK_KEY, apiUrl: env.SBER_API_URL, ...common }));
  }
  if (env.QIWI_SECRET_KEY && env.QIWI_SITE_ID) {
    add(createQiwiGateway({ secretKey: env.QIWI_SECRET_KEY, siteId: env.QIWI_SITE_ID, apiUrl: env.QIWI_API_URL, ...common }));
  }
  if (env.STARS_ENABLED) add(createStarsGateway(options.stars));
  return gateways;
}
