-- Payments through providers, and every notification they sent.

CREATE TYPE "PaymentStatus" AS ENUM ('CREATED', 'PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'REFUNDED', 'ON_HOLD');

CREATE TABLE "payments" (
    "id" SERIAL NOT NULL,
    "public_id" TEXT NOT NULL,
    "token_order_id" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'CREATED',
    "amount_minor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "order_amount_minor" BIGINT NOT NULL,
    "order_currency" TEXT NOT NULL,
    "rate" DECIMAL(30,10),
    "provider_ref" TEXT,
    "pay_url" TEXT,
    "hold_reason" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "succeeded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payments_amount_positive" CHECK ("amount_minor" > 0 AND "order_amount_minor" > 0)
);
CREATE UNIQUE INDEX "payments_public_id_key" ON "payments"("public_id");
CREATE UNIQUE INDEX "payments_provider_provider_ref_key" ON "payments"("provider", "provider_ref");
CREATE INDEX "payments_token_order_id_idx" ON "payments"("token_order_id");
CREATE INDEX "payments_status_updated_at_idx" ON "payments"("status", "updated_at");

CREATE TABLE "payment_events" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "payment_id" INTEGER,
    "kind" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "raw_body" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "payment_events_provider_event_id_key" ON "payment_events"("provider", "event_id");
CREATE INDEX "payment_events_payment_id_idx" ON "payment_events"("payment_id");

ALTER TABLE "payments" ADD CONSTRAINT "payments_token_order_id_fkey" FOREIGN KEY ("token_order_id") REFERENCES "token_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Flood-control counters are worth nothing after a crash: skip the write-ahead log for them
-- (one flushed commit less on every bot update).
ALTER TABLE "rate_limits" SET UNLOGGED;
