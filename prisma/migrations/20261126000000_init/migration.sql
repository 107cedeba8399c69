-- Users, referrals, the token sale and the ledger.

CREATE TYPE "Role" AS ENUM ('BUYER', 'SELLER', 'SUPPORT', 'ADMIN');
CREATE TYPE "RoundStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETE');
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUND_REQUIRED', 'REFUNDED');
CREATE TYPE "RewardStatus" AS ENUM ('CREDITED', 'SENT');
CREATE TYPE "LedgerKind" AS ENUM ('PURCHASE', 'REFERRAL_REWARD', 'PAYOUT', 'SALE_PROCEEDS', 'FEE', 'REFUND', 'ADJUSTMENT');

CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "telegram_id" BIGINT NOT NULL,
    "username" TEXT,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "email" TEXT,
    "phone" TEXT,
    "avatar_file_id" TEXT,
    "referral_code" TEXT NOT NULL,
    "referrer_id" INTEGER,
    "referred_at" TIMESTAMPTZ(3),
    "roles" "Role"[] DEFAULT ARRAY['BUYER']::"Role"[],
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_not_own_referrer" CHECK ("referrer_id" IS NULL OR "referrer_id" <> "id")
);
CREATE UNIQUE INDEX "users_telegram_id_key" ON "users"("telegram_id");
CREATE UNIQUE INDEX "users_referral_code_key" ON "users"("referral_code");
CREATE INDEX "users_referrer_id_idx" ON "users"("referrer_id");
CREATE INDEX "users_username_idx" ON "users"("username");

CREATE TABLE "profiles" (
    "user_id" INTEGER NOT NULL,
    "birthday" DATE,
    "city" TEXT,
    CONSTRAINT "profiles_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL DEFAULT 0,
    "total_supply" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tokens_symbol_key" ON "tokens"("symbol");

CREATE TABLE "token_rounds" (
    "id" SERIAL NOT NULL,
    "token_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "unit_price" DECIMAL(30,10) NOT NULL,
    "cap" BIGINT NOT NULL,
    "sold" BIGINT NOT NULL DEFAULT 0,
    "reserved" BIGINT NOT NULL DEFAULT 0,
    "referral_percent" DECIMAL(5,2) NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'DRAFT',
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "min_purchase" BIGINT NOT NULL DEFAULT 1,
    "max_purchase" BIGINT,
    "activated_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "token_rounds_pkey" PRIMARY KEY ("id"),
    -- The last line of defence against overselling: the conditional updates in the core keep
    -- these true, and a bug there fails loudly instead of selling tokens that do not exist.
    CONSTRAINT "token_rounds_within_cap" CHECK ("sold" >= 0 AND "reserved" >= 0 AND "sold" + "reserved" <= "cap"),
    CONSTRAINT "token_rounds_price_positive" CHECK ("unit_price" > 0 AND "cap" > 0),
    CONSTRAINT "token_rounds_purchase_limits" CHECK ("min_purchase" >= 1 AND ("max_purchase" IS NULL OR "max_purchase" >= "min_purchase")),
    CONSTRAINT "token_rounds_referral_percent" CHECK ("referral_percent" >= 0 AND "referral_percent" <= 100)
);
CREATE UNIQUE INDEX "token_rounds_token_id_position_key" ON "token_rounds"("token_id", "position");
CREATE INDEX "token_rounds_status_idx" ON "token_rounds"("status");
-- Exactly one active round per token (Prisma's schema language has no partial unique index).
CREATE UNIQUE INDEX "token_rounds_one_active_per_token" ON "token_rounds"("token_id") WHERE "status" = 'ACTIVE';

CREATE TABLE "token_orders" (
    "id" SERIAL NOT NULL,
    "buyer_id" INTEGER NOT NULL,
    "round_id" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "unit_price" DECIMAL(30,10) NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reward_percents" DECIMAL(5,2)[],
    "status" "OrderStatus" NOT NULL DEFAULT 'PENDING',
    "reserved_until" TIMESTAMPTZ(3) NOT NULL,
    "paid_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "token_orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "token_orders_amount_positive" CHECK ("amount" > 0 AND "price_minor" > 0)
);
CREATE INDEX "token_orders_buyer_id_created_at_idx" ON "token_orders"("buyer_id", "created_at");
CREATE INDEX "token_orders_round_id_status_idx" ON "token_orders"("round_id", "status");
CREATE INDEX "token_orders_status_reserved_until_idx" ON "token_orders"("status", "reserved_until");

CREATE TABLE "referral_rewards" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "beneficiary_id" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "percent" DECIMAL(5,2) NOT NULL,
    "amount" BIGINT NOT NULL,
    "status" "RewardStatus" NOT NULL DEFAULT 'CREDITED',
    "payout_tx_hash" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "referral_rewards_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "referral_rewards_order_id_level_key" ON "referral_rewards"("order_id", "level");
CREATE INDEX "referral_rewards_beneficiary_id_created_at_idx" ON "referral_rewards"("beneficiary_id", "created_at");

CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "LedgerKind" NOT NULL,
    "asset" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ledger_entries_kind_source_key" ON "ledger_entries"("kind", "source");
CREATE INDEX "ledger_entries_user_id_asset_idx" ON "ledger_entries"("user_id", "asset");

CREATE TABLE "balances" (
    "user_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "balances_pkey" PRIMARY KEY ("user_id", "asset")
);

ALTER TABLE "users" ADD CONSTRAINT "users_referrer_id_fkey" FOREIGN KEY ("referrer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "token_rounds" ADD CONSTRAINT "token_rounds_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "tokens"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "token_orders" ADD CONSTRAINT "token_orders_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "token_orders" ADD CONSTRAINT "token_orders_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "token_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "token_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "balances" ADD CONSTRAINT "balances_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
