-- On-chain payouts: a user's token balance paid as an ERC-20 transfer from the hot wallet, one
-- stored transaction per payout, the ledger debited once it is confirmed.

CREATE TYPE "PayoutStatus" AS ENUM ('PENDING', 'SIGNED', 'SENT', 'CONFIRMED', 'FAILED');

CREATE TABLE "payout_batches" (
    "id" SERIAL NOT NULL,
    "from_address" TEXT NOT NULL,
    "first_nonce" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payout_batches_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "payouts" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "chain_amount" DECIMAL(78,0),
    "chain_id" INTEGER NOT NULL,
    "token_address" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "status" "PayoutStatus" NOT NULL DEFAULT 'PENDING',
    "batch_id" INTEGER,
    "from_address" TEXT,
    "nonce" INTEGER,
    "tx_hash" TEXT,
    "raw_tx" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "broadcast_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "fail_reason" TEXT,
    "block_number" INTEGER,
    "stuck_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payouts_amount_positive" CHECK ("amount" > 0),
    CONSTRAINT "payouts_to_address_format" CHECK ("to_address" ~ '^0x[0-9a-fA-F]{40}$'),
    -- Write-ahead: once signed, the transaction, its hash and its nonce are kept.
    CONSTRAINT "payouts_signed_has_tx" CHECK ("status" = 'PENDING' OR "status" = 'FAILED' OR ("raw_tx" IS NOT NULL AND "tx_hash" IS NOT NULL AND "nonce" IS NOT NULL))
);
CREATE UNIQUE INDEX "payouts_tx_hash_key" ON "payouts"("tx_hash");
-- One transaction per nonce of the hot wallet on a chain.
CREATE UNIQUE INDEX "payouts_chain_id_from_address_nonce_key" ON "payouts"("chain_id", "from_address", "nonce");
-- At most one open payout per user and asset: a second request cannot reserve the same tokens.
CREATE UNIQUE INDEX "payouts_one_open_per_user" ON "payouts"("user_id", "asset") WHERE "status" IN ('PENDING', 'SIGNED', 'SENT');
CREATE INDEX "payouts_status_created_at_idx" ON "payouts"("status", "created_at");
CREATE INDEX "payouts_user_id_created_at_idx" ON "payouts"("user_id", "created_at");
CREATE INDEX "payouts_batch_id_idx" ON "payouts"("batch_id");

ALTER TABLE "referral_rewards" ADD COLUMN "payout_id" INTEGER;
CREATE INDEX "referral_rewards_payout_id_idx" ON "referral_rewards"("payout_id");

ALTER TABLE "payouts" ADD CONSTRAINT "payouts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "payout_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_payout_id_fkey" FOREIGN KEY ("payout_id") REFERENCES "payouts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
