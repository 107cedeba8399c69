/**
 * Stripe Checkout (the hosted payment page) behind the PaymentGateway port, through the official
 * `stripe` SDK (23.x): one Checkout Session per payment, webhooks verified by the SDK.
 *
 * Protocol facts this relies on (read, not copied):
 * - Creating a session: mode `payment`; `line_items[].price_data` { currency in lower case,
 *   unit_amount in the currency's smallest unit, product_data.name }; `client_reference_id`;
 *   `metadata` on the session and `payment_intent_data.metadata` on its PaymentIntent;
 *   `success_url`/`cancel_url`; `expires_at` "anywhere from 30 minutes to 24 hours after Checkout
 *   Session creation" (stripe-node 23.1.0 types, resources/Checkout/Sessions.d.ts;
 *   docs.stripe.com/payments/checkout/managing-limited-inventory). `session.url` is the page.
 * - Idempotency (docs.stripe.com/idempotency, docs.stripe.com/api/idempotent_requests): the
 *   `Idempotency-Key` header (the SDK's `idempotencyKey` option, up to 255 characters); the first
 *   response is saved and returned to retries; "the idempotency layer compares incoming parameters
 *   to those of the original request and errors if they're not the same" (idempotency_error);
 *   keys may be pruned after 24 h. So a retried create must send identical parameters: see
 *   `sessionExpiry`.
 * - Webhook signature (stripe-node src/Webhooks.ts; /work/shared/fixtures/stripe.json): header
 *   `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=...]`, v1 = HMAC-SHA256(endpoint secret,
 *   "<t>.<raw body>"), any v1 may match (secret rotation), other schemes ignored; constructEvent's
 *   default tolerance is 300 s. The SDK compares in constant time (platform secureCompare).
 * - Which events mean money (docs.stripe.com/checkout/fulfillment): `checkout.session.completed`
 *   and `checkout.session.async_payment_succeeded`, deciding on `payment_status` ('paid' = funds
 *   available; 'unpaid' = a delayed method still processing; 'no_payment_required'), the same
 *   session possibly seen several times; `checkout.session.async_payment_failed` for a delayed
 *   method that failed; `checkout.session.expired` (managing-limited-inventory). Stripe neither
 *   orders nor de-duplicates deliveries: the event id is the dedup key.
 * - Refunds: POST /v1/refunds with `payment_intent` and no `amount` refunds what is left of it
 *   (stripe-node types, resources/Refunds.d.ts); `charge.refunded` carries the Charge, whose
 *   `refunded` is true only once fully refunded and whose `payment_intent` names the intent
 *   (resources/Charges.d.ts).
 * - Answers: any 2xx acknowledges an event; anything else, 3xx included, is a failed delivery that
 *   Stripe retries (live mode: up to three days, exponential back-off) and, if it keeps failing,
 *   reports and disables the endpoint (docs.stripe.com/webhooks, as quoted in the api-evangelist
 *   2017 post and the 2026 dev.to summary "Stripe Webhooks: Retries, Ordering, Duplicates").
 *   So whatever we recorded (applied, duplicate, ignored, on hold, unknown session) gets 200, and
 *   only what we could not verify (401) or read (400) is left for Stripe to retry.
 */
import Stripe from 'stripe';
import { z } from 'zod';
import type {
  Checkout,
  CheckoutRequest,
  NotificationRequest,
  ParsedNotification,
  PaymentGateway,
  PaymentState,
  PaymentUpdate,
  WebhookAnswer,
  WebhookOutcome,
} from '../../core/payments/gateway.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** The Stripe API base (tests: a fake server); default Stripe's own. */
  apiUrl?: string;
  /** Where the payer returns after paying. */
  returnUrl: string;
  fetch?: typeof fetch;
  /** Oldest signature accepted, in seconds (Stripe's default 300). */
  toleranceSeconds?: number;
  /** The time signatures are aged against and session expiries computed from (default: the system clock). */
  now?: () => Date;
  /** Currencies to charge in; a payment in another currency is converted to the first (default USD, EUR). */
  currencies?: readonly string[];
  /** Automatic retries of a failed API call by the SDK, each with the same idempotency key (default 2). */
  maxNetworkRetries?: number;
}

const MINUTE_MS = 60_000;
/** Stripe takes an expiry 30 min..24 h after creation; a minute's margin each side for clock skew. */
const MIN_SESSION_MS = 31 * MINUTE_MS;
const MAX_SESSION_MS = 24 * 60 * MINUTE_MS - MINUTE_MS;

/** The parts of a Checkout Session we read, checked rather than trusted. */
const sessionSchema = z.object({
  id: z.string().min(1),
  object: z.literal('checkout.session'),
  status: z.string().nullable().optional(),
  payment_status: z.string(),
  amount_total: z.number().int().nullable().optional(),
  currency: z.string().nullable().optional(),
  client_reference_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  payment_intent: z.union([z.string(), z.object({ id: z.string(), status: z.string().optional() }).loose()]).nullable().optional(),
});
type SessionData = z.infer<typeof sessionSchema>;

const chargeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('charge'),
  refunded: z.boolean(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() }).loose()]).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

const eventSchema = z.object({
  id: z.string().min(1),
  object: z.literal('event'),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const SESSION_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

export function createStripeGateway(settings: StripeSettings): PaymentGateway {
  const now = settings.now ?? (() => new Date());
  const tolerance = settings.toleranceSeconds ?? 300;
  const stripe = new Stripe(settings.secretKey, {
    ...apiAddress(settings.apiUrl),
    ...(settings.fetch ? { httpClient: Stripe.createFetchHttpClient(settings.fetch) } : {}),
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    timeout: 20_000,
    telemetry: false,
  });

  /** Where a charge's money came from: our publicId on its PaymentIntent (asked of Stripe when the event lacks it). */
  async function chargeRef(charge: z.infer<typeof chargeSchema>): Promise<PaymentUpdate['ref']> {
    if (charge.metadata?.publicId) return { publicId: charge.metadata.publicId };
    const intent = charge.payment_intent;
    if (!intent) return { providerRef: `charge:${charge.id}` };
    const intentId = typeof intent === 'string' ? intent : intent.id;
    let publicId: string | undefined;
    try {
      publicId = (await stripe.paymentIntents.retrieve(intentId)).metadata?.publicId;
    } catch (error) {
      // Stripe does not know it (another account's test data, say): unknown to us too. Anything
      // else (network, 5xx) propagates, the webhook answers 500 and Stripe retries.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)) throw error;
    }
    // Not one of ours (a charge from elsewhere on the account): recorded as an unknown payment.
    return publicId ? { publicId } : { providerRef: `payment_intent:${intentId}` };
  }

  return {
    id: 'stripe',
    currencies: settings.currencies ?? ['USD', 'EUR'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (request.amountMinor <= 0n || request.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new Error(`stripe: amount ${request.amountMinor} cannot be charged`);
      }
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: Number(request.amountMinor),
                product_data: { name: request.description },
              },
            },
          ],
          client_reference_id: request.publicId,
          metadata: { publicId: request.publicId },
          payment_intent_data: { metadata: { publicId: request.publicId } },
          success_url: settings.returnUrl,
          cancel_url: settings.returnUrl,
          expires_at: Math.floor(sessionExpiry(request.expiresAt, now()).getTime() / 1000),
        },
        { idempotencyKey: request.publicId },
      );
      if (!session.url) throw new Error(`stripe: session ${session.id} has no url`);
      return { kind: 'redirect', payUrl: session.url, providerRef: session.id };
    },

    async parseNotification(request: NotificationRequest): Promise<ParsedNotification> {
      const header = request.headers['stripe-signature'];
      if (!header) return { ok: false, code: 'BAD_SIGNATURE', reason: 'no Stripe-Signature header' };
      let event: unknown;
      try {
        event = stripe.webhooks.constructEvent(request.rawBody, header, settings.webhookSecret, tolerance, undefined, now().getTime());
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
          // The signature held (the SDK checks it before parsing): the body is not JSON.
          return { ok: false, code: 'MALFORMED', reason: 'signed body is not JSON' };
        }
        return isSignedButOld(stripe, request.rawBody, header, settings.webhookSecret)
          ? { ok: false, code: 'STALE', reason: `signature older than ${tolerance} s` }
          : { ok: false, code: 'BAD_SIGNATURE', reason: 'Stripe-Signature does not match the body' };
      }
      const envelope = eventSchema.safeParse(event);
      if (!envelope.success) return { ok: false, code: 'MALFORMED', reason: 'not a Stripe event' };
      const { id: eventId, type } = envelope.data;
      const object = envelope.data.data.object;

      if (SESSION_EVENTS.has(type)) {
        const session = sessionSchema.safeParse(object);
        if (!session.success) return { ok: false, code: 'MALFORMED', reason: `${type} without a checkout session` };
        const state = eventState(type, session.data);
        return { ok: true, updates: [{ eventId, kind: type, ...sessionUpdate(session.data, state) }] };
      }
      if (type === 'charge.refunded') {
        const charge = chargeSchema.safeParse(object);
        if (!charge.success) return { ok: false, code: 'MALFORMED', reason: 'charge.refunded without a charge' };
        // A partial refund leaves the order standing: only a full one undoes it.
        if (!charge.data.refunded) return { ok: true, updates: [] };
        return { ok: true, updates: [{ eventId, kind: type, ref: await chargeRef(charge.data), state: 'refunded' }] };
      }
      // Every other event type the endpoint may be subscribed to: acknowledged, nothing to do.
      return { ok: true, updates: [] };
    },

    async fetchStatus(payment) {
      if (!payment.providerRef) return null;
      let session: SessionData;
      try {
        const retrieved = await stripe.checkout.sessions.retrieve(payment.providerRef, { expand: ['payment_intent'] });
        session = sessionSchema.parse(retrieved);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
        throw error;
      }
      return sessionUpdate(session, sessionState(session));
    },

    async refund(payment) {
      if (!payment.providerRef) throw new Error(`stripe: payment ${payment.publicId} has no checkout session`);
      const session = await stripe.checkout.sessions.retrieve(payment.providerRef);
      const intent = session.payment_intent;
      if (!intent) throw new Error(`stripe: session ${session.id} has no payment intent to refund`);
      await stripe.refunds.create(
        { payment_intent: typeof intent === 'string' ? intent : intent.id, metadata: { publicId: payment.publicId } },
        { idempotencyKey: `refund:${payment.publicId}` },
      );
    },

    answer(outcome: WebhookOutcome): WebhookAnswer {
      switch (outcome) {
        case 'REJECTED':
          return json(401, { received: false, error: 'signature verification failed' });
        case 'MALFORMED':
          return json(400, { received: false, error: 'malformed event' });
        default:
          return json(200, { received: true, outcome: outcome.toLowerCase() });
      }
    },
  };
}

/**
 * When the session should end. The reservation's end when Stripe allows it (30 min..24 h from
 * now); a reservation ending sooner (the usual case: they are short) gets its end plus Stripe's
 * minimum, which depends on the reservation only, so a retried create for the same payment sends
 * the same parameters and Stripe answers its idempotency key with the first session instead of an
 * idempotency_error. A late payment is still handled by the core (sold if there is room, else the
 * order asks for a refund).
 */
export function sessionExpiry(reservationEnd: Date, now: Date): Date {
  const earliest = now.getTime() + MIN_SESSION_MS;
  const latest = now.getTime() + MAX_SESSION_MS;
  const end = reservationEnd.getTime();
  if (end >= earliest) return new Date(Math.min(end, latest));
  return new Date(Math.min(Math.max(end + MIN_SESSION_MS, earliest), latest));
}

/** What an event says, read off the session it carries (payment_status decides, per Stripe's fulfilment guide). */
function eventState(type: string, session: SessionData): PaymentState {
  switch (type) {
    case 'checkout.session.expired':
      return 'expired';
    case 'checkout.session.async_payment_failed':
      return 'failed';
    default:
      // completed / async_payment_succeeded: 'unpaid' is a delayed method still processing.
      return session.payment_status === 'unpaid' ? 'pending' : 'succeeded';
  }
}

/** What a retrieved session says now (reconciliation). */
function sessionState(session: SessionData): PaymentState {
  if (session.status === 'expired') return 'expired';
  if (session.status !== 'complete') return 'pending';
  if (session.payment_status !== 'unpaid') return 'succeeded';
  // Completed but unpaid: a delayed method, still processing unless its PaymentIntent gave up.
  const intentStatus = typeof session.payment_intent === 'object' ? session.payment_intent?.status : undefined;
  return intentStatus === 'canceled' || intentStatus === 'requires_payment_method' ? 'failed' : 'pending';
}

function sessionUpdate(session: SessionData, state: PaymentState): Omit<PaymentUpdate, 'eventId' | 'kind'> {
  const publicId = session.metadata?.publicId || session.client_reference_id;
  return {
    ref: publicId ? { publicId } : { providerRef: session.id },
    state,
    providerRef: session.id,
    // 'no_payment_required' counts as succeeded with what Stripe charged (0): the exact-amount
    // check then holds the payment for an admin instead of crediting it.
    ...(state === 'succeeded' ? { amountMinor: BigInt(session.amount_total ?? 0), currency: (session.currency ?? '').toUpperCase() } : {}),
  };
}

/** Told apart only after a failure: the same header verified with no age limit. */
function isSignedButOld(stripe: Stripe, rawBody: string, header: string, secret: string): boolean {
  try {
    return stripe.webhooks.signature?.verifyHeader(rawBody, header, secret, 0) === true;
  } catch {
    return false;
  }
}

function apiAddress(apiUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

function json(status: number, body: Record<string, unknown>): WebhookAnswer {
  return { status, body: JSON.stringify(body), contentType: 'application/json' };
}
