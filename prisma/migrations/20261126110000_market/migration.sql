-- The game-goods market (issue 6): markets (games), categories, leagues, seller profiles, lots
-- with auto-delivery goods, commission rules, escrow lot orders with their chat, reviews and
-- withdrawals; payments may now pay a lot order instead of a token order.

-- Trigram indexes for the lots' text search (PGlite loads the pg_trgm extension too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- New ledger kinds (not used in this transaction, so ADD VALUE is allowed inside it).
ALTER TYPE "LedgerKind" ADD VALUE 'ESCROW_HOLD';
ALTER TYPE "LedgerKind" ADD VALUE 'ESCROW_RELEASE';
ALTER TYPE "LedgerKind" ADD VALUE 'WITHDRAWAL';

CREATE TYPE "LotType" AS ENUM ('MULTIPLE', 'FORM');
CREATE TYPE "LotPlatform" AS ENUM ('PC', 'IOS', 'ANDROID');
CREATE TYPE "LotLanguage" AS ENUM ('EN', 'RU');
CREATE TYPE "SellerStatus" AS ENUM ('APPLIED', 'APPROVED', 'REJECTED');
CREATE TYPE "LotOrderStatus" AS ENUM ('AWAITING_PAYMENT', 'PAID', 'DELIVERED', 'CONFIRMED', 'DISPUTED', 'REFUNDED', 'CANCELLED', 'EXPIRED');
CREATE TYPE "OrderParty" AS ENUM ('BUYER', 'SELLER', 'SUPPORT');
CREATE TYPE "WithdrawalStatus" AS ENUM ('REQUESTED', 'PAID', 'REJECTED');

ALTER TABLE "users" ADD COLUMN "display_currency" TEXT,
    ADD CONSTRAINT "users_display_currency_format" CHECK ("display_currency" IS NULL OR "display_currency" ~ '^[A-Z]{3,4}$');

CREATE TABLE "markets" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "buyer_help" TEXT NOT NULL DEFAULT '',
    "seller_help" TEXT NOT NULL DEFAULT '',
    "poster_file_id" TEXT,
    "poster_url" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "markets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "markets_slug_format" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT "markets_title_present" CHECK (length(btrim("title")) > 0)
);
CREATE UNIQUE INDEX "markets_slug_key" ON "markets"("slug");
CREATE INDEX "markets_archived_at_position_idx" ON "markets"("archived_at", "position");

CREATE TABLE "categories" (
    "id" SERIAL NOT NULL,
    "market_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "lot_type" "LotType" NOT NULL,
    "form_fields" JSONB NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "categories_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "categories_name_present" CHECK (length(btrim("name")) > 0),
    CONSTRAINT "categories_form_fields_array" CHECK (jsonb_typeof("form_fields") = 'array')
);
CREATE UNIQUE INDEX "categories_market_id_name_key" ON "categories"("market_id", "name");
CREATE INDEX "categories_market_id_position_idx" ON "categories"("market_id", "position");

CREATE TABLE "lot_leagues" (
    "id" SERIAL NOT NULL,
    "market_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "platform" "LotPlatform",
    "position" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lot_leagues_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lot_leagues_name_present" CHECK (length(btrim("name")) > 0)
);
CREATE UNIQUE INDEX "lot_leagues_market_id_name_platform_key" ON "lot_leagues"("market_id", "name", "platform");

CREATE TABLE "seller_profiles" (
    "user_id" INTEGER NOT NULL,
    "status" "SellerStatus" NOT NULL DEFAULT 'APPLIED',
    "about" TEXT NOT NULL DEFAULT '',
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" INTEGER,
    "reject_reason" TEXT,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "sales_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "seller_profiles_pkey" PRIMARY KEY ("user_id"),
    CONSTRAINT "seller_profiles_stats" CHECK ("rating_count" >= 0 AND "rating_sum" BETWEEN "rating_count" AND 5 * "rating_count" AND "sales_count" >= 0)
);
CREATE INDEX "seller_profiles_status_applied_at_idx" ON "seller_profiles"("status", "applied_at");

CREATE TABLE "lots" (
    "id" SERIAL NOT NULL,
    "seller_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "league_id" INTEGER,
    "platform" "LotPlatform",
    "character_level" INTEGER,
    "language" "LotLanguage",
    "short_description" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "fields" JSONB NOT NULL DEFAULT '{}',
    "price" DECIMAL(30,10) NOT NULL,
    "price_unit" BIGINT NOT NULL DEFAULT 1,
    "currency" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivate_after_sale" BOOLEAN NOT NULL DEFAULT false,
    "auto_delivery" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lots_pkey" PRIMARY KEY ("id"),
    -- Never sells more than it has: orders take quantity by a conditional UPDATE this also guards.
    CONSTRAINT "lots_quantity_not_negative" CHECK ("quantity" >= 0),
    CONSTRAINT "lots_price_positive" CHECK ("price" > 0 AND "price_unit" >= 1),
    CONSTRAINT "lots_currency_format" CHECK ("currency" ~ '^[A-Z]{3,4}$'),
    CONSTRAINT "lots_character_level" CHECK ("character_level" IS NULL OR "character_level" >= 0),
    CONSTRAINT "lots_short_description_present" CHECK (length(btrim("short_description")) > 0),
    CONSTRAINT "lots_fields_object" CHECK (jsonb_typeof("fields") = 'object'),
    -- A deleted lot is never on sale.
    CONSTRAINT "lots_deleted_inactive" CHECK ("deleted_at" IS NULL OR NOT "active")
);
CREATE INDEX "lots_category_id_active_price_idx" ON "lots"("category_id", "active", "price");
CREATE INDEX "lots_category_id_active_created_at_idx" ON "lots"("category_id", "active", "created_at");
CREATE INDEX "lots_seller_id_created_at_idx" ON "lots"("seller_id", "created_at");
CREATE INDEX "lots_short_description_idx" ON "lots" USING GIN ("short_description" gin_trgm_ops);
CREATE INDEX "lots_description_idx" ON "lots" USING GIN ("description" gin_trgm_ops);

CREATE TABLE "lot_goods" (
    "id" SERIAL NOT NULL,
    "lot_id" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "order_id" INTEGER,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lot_goods_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lot_goods_content_present" CHECK (length(btrim("content")) > 0)
);
CREATE INDEX "lot_goods_lot_id_order_id_idx" ON "lot_goods"("lot_id", "order_id");
CREATE INDEX "lot_goods_order_id_idx" ON "lot_goods"("order_id");

CREATE TABLE "fee_rules" (
    "id" SERIAL NOT NULL,
    "market_id" INTEGER NOT NULL,
    "category_id" INTEGER,
    "percent" DECIMAL(5,2) NOT NULL,
    "min_minor" BIGINT NOT NULL DEFAULT 0,
    "min_currency" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "fee_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fee_rules_percent_range" CHECK ("percent" >= 0 AND "percent" <= 100),
    CONSTRAINT "fee_rules_min_not_negative" CHECK ("min_minor" >= 0),
    CONSTRAINT "fee_rules_min_currency_format" CHECK ("min_currency" ~ '^[A-Z]{3,4}$')
);
CREATE UNIQUE INDEX "fee_rules_market_id_category_id_key" ON "fee_rules"("market_id", "category_id");
-- One market-wide rule per market (NULLs are distinct in the unique index above).
CREATE UNIQUE INDEX "fee_rules_one_per_market" ON "fee_rules"("market_id") WHERE "category_id" IS NULL;
CREATE INDEX "fee_rules_category_id_idx" ON "fee_rules"("category_id");

CREATE TABLE "lot_orders" (
    "id" SERIAL NOT NULL,
    "buyer_id" INTEGER NOT NULL,
    "seller_id" INTEGER NOT NULL,
    "lot_id" INTEGER NOT NULL,
    "quantity" BIGINT NOT NULL,
    "unit_price" DECIMAL(30,10) NOT NULL,
    "price_unit" BIGINT NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "fee_minor" BIGINT NOT NULL,
    "total_minor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "display_currency" TEXT,
    "display_rate" DECIMAL(30,10),
    "status" "LotOrderStatus" NOT NULL DEFAULT 'AWAITING_PAYMENT',
    "reserved_until" TIMESTAMPTZ(3) NOT NULL,
    "paid_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "confirm_by" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "disputed_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lot_orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lot_orders_amounts" CHECK ("quantity" > 0 AND "unit_price" > 0 AND "price_unit" >= 1 AND "price_minor" > 0 AND "fee_minor" >= 0 AND "total_minor" = "price_minor" + "fee_minor"),
    CONSTRAINT "lot_orders_not_own_lot" CHECK ("buyer_id" <> "seller_id"),
    CONSTRAINT "lot_orders_currency_format" CHECK ("currency" ~ '^[A-Z]{3,4}$'),
    CONSTRAINT "lot_orders_display" CHECK (("display_currency" IS NULL) = ("display_rate" IS NULL) AND ("display_rate" IS NULL OR "display_rate" > 0))
);
CREATE INDEX "lot_orders_buyer_id_created_at_idx" ON "lot_orders"("buyer_id", "created_at");
CREATE INDEX "lot_orders_seller_id_created_at_idx" ON "lot_orders"("seller_id", "created_at");
CREATE INDEX "lot_orders_lot_id_status_idx" ON "lot_orders"("lot_id", "status");
CREATE INDEX "lot_orders_status_reserved_until_idx" ON "lot_orders"("status", "reserved_until");
CREATE INDEX "lot_orders_status_confirm_by_idx" ON "lot_orders"("status", "confirm_by");

CREATE TABLE "lot_order_messages" (
    "id" BIGSERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "sender_role" "OrderParty" NOT NULL,
    "sender_id" INTEGER,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lot_order_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lot_order_messages_text_present" CHECK (length(btrim("text")) > 0)
);
CREATE INDEX "lot_order_messages_order_id_created_at_idx" ON "lot_order_messages"("order_id", "created_at");

CREATE TABLE "reviews" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "seller_id" INTEGER NOT NULL,
    "buyer_id" INTEGER NOT NULL,
    "rating" SMALLINT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reviews_rating_range" CHECK ("rating" BETWEEN 1 AND 5)
);
CREATE UNIQUE INDEX "reviews_order_id_key" ON "reviews"("order_id");
CREATE INDEX "reviews_seller_id_created_at_idx" ON "reviews"("seller_id", "created_at");
CREATE INDEX "reviews_buyer_id_idx" ON "reviews"("buyer_id");

CREATE TABLE "withdrawals" (
    "id" SERIAL NOT NULL,
    "seller_id" INTEGER NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "status" "WithdrawalStatus" NOT NULL DEFAULT 'REQUESTED',
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMPTZ(3),
    "reject_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "withdrawals_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "withdrawals_amount_positive" CHECK ("amount_minor" > 0),
    CONSTRAINT "withdrawals_currency_format" CHECK ("currency" ~ '^[A-Z]{3,4}$'),
    CONSTRAINT "withdrawals_destination_present" CHECK (length(btrim("destination")) > 0),
    CONSTRAINT "withdrawals_decided" CHECK (("status" = 'REQUESTED') = ("decided_at" IS NULL))
);
CREATE INDEX "withdrawals_seller_id_created_at_idx" ON "withdrawals"("seller_id", "created_at");
CREATE INDEX "withdrawals_status_created_at_idx" ON "withdrawals"("status", "created_at");

-- A payment pays exactly one order: a token order (as before) or a lot order.
ALTER TABLE "payments" ALTER COLUMN "token_order_id" DROP NOT NULL,
    ADD COLUMN "lot_order_id" INTEGER,
    ADD CONSTRAINT "payments_pays_one_order" CHECK (num_nonnulls("token_order_id", "lot_order_id") = 1);
CREATE INDEX "payments_lot_order_id_idx" ON "payments"("lot_order_id");

ALTER TABLE "categories" ADD CONSTRAINT "categories_market_id_fkey" FOREIGN KEY ("market_id") REFERENCES "markets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lot_leagues" ADD CONSTRAINT "lot_leagues_market_id_fkey" FOREIGN KEY ("market_id") REFERENCES "markets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "seller_profiles" ADD CONSTRAINT "seller_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "seller_profiles" ADD CONSTRAINT "seller_profiles_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "lots" ADD CONSTRAINT "lots_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD CONSTRAINT "lots_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD CONSTRAINT "lots_league_id_fkey" FOREIGN KEY ("league_id") REFERENCES "lot_leagues"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lot_goods" ADD CONSTRAINT "lot_goods_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lot_goods" ADD CONSTRAINT "lot_goods_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "lot_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "fee_rules" ADD CONSTRAINT "fee_rules_market_id_fkey" FOREIGN KEY ("market_id") REFERENCES "markets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "fee_rules" ADD CONSTRAINT "fee_rules_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lot_orders" ADD CONSTRAINT "lot_orders_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lot_orders" ADD CONSTRAINT "lot_orders_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lot_orders" ADD CONSTRAINT "lot_orders_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lot_order_messages" ADD CONSTRAINT "lot_order_messages_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "lot_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lot_order_messages" ADD CONSTRAINT "lot_order_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "lot_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "payments" ADD CONSTRAINT "payments_lot_order_id_fkey" FOREIGN KEY ("lot_order_id") REFERENCES "lot_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
