import { Hono } from 'hono';
import { type AppliedUpdate, applyPaymentUpdate } from '../core/payments/apply-payment-update.js';
import type { PaymentDeps } from '../core/payments/deps.js';
import { PROVIDERS, type ProviderId, type WebhookOutcome } from '../core/payments/gateway.js';
import type { ApiEnv } from './env.js';

/** Notifications are small; anything bigger is not one of them. */
const MAX_BODY_BYTES = 64 * 1024;

export interface PaymentWebhookDeps {
  payments: PaymentDeps;
  /** Runs after a notification's transaction committed: tell the buyer, tell the admins. */
  afterApply?: (applied: AppliedUpdate) => Promise<void>;
}

// Stars come through the bot, crypto from the chain watcher: neither has a webhook.
const WITHOUT_WEBHOOK: readonly string[] = ['stars', 'eth', 'erc20'];
const isProvider = (name: string): name is ProviderId => (PROVIDERS as readonly string[]).includes(name) && !WITHOUT_WEBHOOK.includes(name);

/**
 * `POST /webhooks/<provider>` (or GET with a query string): the raw body is verified by the provider's adapter (signature, or
 * a look-up at the provider), each update it carries is applied once (applyPaymentUpdate), and
 * the provider gets the answer its protocol expects, so it retries when it should and stops when
 * it should. A bad signature changes nothing and is answered 401/403 by the adapter.
 */
export function paymentWebhooks(deps: PaymentWebhookDeps): Hono<ApiEnv> {
  const router = new Hono<ApiEnv>();
  // Some gateways (Sber's) call back with GET and the parameters in the query string: the query
  // string is then the raw body the adapter verifies.
  router.on(['GET', 'POST'], '/:provider', async (c) => {
    const name = c.req.param('provider');
    const gateway = isProvider(name) ? deps.payments.gateways.get(name) : undefined;
    if (!gateway) return c.json({ error: 'not_found', message: `No payment provider "${name}" is configured here` }, 404);
    const log = c.var.logger.child({ provider: gateway.id });
    const rawBody = c.req.method === 'GET' ? new URL(c.req.url).search.replace(/^\?/, '') : await c.req.text();
    const reply = (outcome: WebhookOutcome) => {
      const answer = gateway.answer(outcome);
      return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType ?? 'application/json' });
    };
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
      log.warn({ bytes: Buffer.byteLength(rawBody) }, 'payment webhook: body too large');
      return reply('MALFORMED');
    }
    const headers = Object.fromEntries([...c.req.raw.headers.entries()].map(([k, v]) => [k.toLowerCase(), v]));
    const parsed = await gateway.parseNotification({ rawBody, headers });
    if (!parsed.ok) {
      log.warn({ code: parsed.code, reason: parsed.reason }, 'payment webhook rejected');
      return reply(parsed.code === 'MALFORMED' ? 'MALFORMED' : 'REJECTED');
    }
    const results: AppliedUpdate[] = [];
    for (const update of parsed.updates) {
      const applied = await applyPaymentUpdate(deps.payments, gateway.id, update, rawBody);
      log.info({ eventId: update.eventId, kind: update.kind, outcome: applied.outcome, paymentId: applied.paymentId }, 'payment notification');
      results.push(applied);
    }
    for (const applied of results) {
      if (applied.outcome !== 'APPLIED' && applied.outcome !== 'ON_HOLD') continue;
      await deps.afterApply?.(applied).catch((error) => log.error({ err: error }, 'after-payment notice failed'));
    }
    return reply(summarize(results));
  });
  return router;
}

/** One outcome for the answer: an unknown payment wins (the provider may need to hear it), then any change. */
function summarize(results: AppliedUpdate[]): WebhookOutcome {
  if (results.length === 0) return 'IGNORED';
  for (const outcome of ['UNKNOWN_PAYMENT', 'ON_HOLD', 'APPLIED', 'DUPLICATE'] as const) {
    if (results.some((r) => r.outcome === outcome)) return outcome;
  }
  return 'IGNORED';
}
