-- Wallet linking with Sign-In with Ethereum: linked wallets, one-time links from the bot, SIWE
-- nonces, and the JSON API sessions a linked wallet signs in to.

CREATE TYPE "WalletKind" AS ENUM ('EOA', 'CONTRACT');

CREATE TABLE "wallets" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "kind" "WalletKind" NOT NULL DEFAULT 'EOA',
    "chain_id" INTEGER NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "wallets_pkey" PRIMARY KEY ("id"),
    -- The code writes EIP-55 checksummed addresses; the database at least keeps them addresses.
    CONSTRAINT "wallets_address_format" CHECK ("address" ~ '^0x[0-9a-fA-F]{40}$'),
    CONSTRAINT "wallets_chain_id_positive" CHECK ("chain_id" > 0)
);
-- Invariant 6: an address belongs to at most one user (and a user has at most one wallet).
CREATE UNIQUE INDEX "wallets_user_id_key" ON "wallets"("user_id");
CREATE UNIQUE INDEX "wallets_address_key" ON "wallets"("address");

CREATE TABLE "wallet_links" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "wallet_links_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "wallet_links_token_hash_key" ON "wallet_links"("token_hash");
CREATE INDEX "wallet_links_user_id_idx" ON "wallet_links"("user_id");
CREATE INDEX "wallet_links_expires_at_idx" ON "wallet_links"("expires_at");

CREATE TABLE "siwe_nonces" (
    "id" SERIAL NOT NULL,
    "nonce" TEXT NOT NULL,
    "link_id" INTEGER,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "siwe_nonces_pkey" PRIMARY KEY ("id"),
    -- EIP-4361: at least 8 alphanumerics.
    CONSTRAINT "siwe_nonces_nonce_format" CHECK ("nonce" ~ '^[A-Za-z0-9]{8,}$')
);
-- Invariant 6: a nonce is unique, so it can be accepted once.
CREATE UNIQUE INDEX "siwe_nonces_nonce_key" ON "siwe_nonces"("nonce");
CREATE INDEX "siwe_nonces_link_id_idx" ON "siwe_nonces"("link_id");
CREATE INDEX "siwe_nonces_expires_at_idx" ON "siwe_nonces"("expires_at");

CREATE TABLE "api_sessions" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_sessions_token_hash_key" ON "api_sessions"("token_hash");
CREATE INDEX "api_sessions_user_id_idx" ON "api_sessions"("user_id");
CREATE INDEX "api_sessions_expires_at_idx" ON "api_sessions"("expires_at");

ALTER TABLE "wallets" ADD CONSTRAINT "wallets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "wallet_links" ADD CONSTRAINT "wallet_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "siwe_nonces" ADD CONSTRAINT "siwe_nonces_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "wallet_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_sessions" ADD CONSTRAINT "api_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
