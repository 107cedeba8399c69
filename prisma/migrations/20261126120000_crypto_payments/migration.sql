-- Crypto payments (ETH and one ERC-20) to per-payment deposit addresses derived from ETH_XPUB, and
-- the chain watcher's state: the last scanned block, recent block hashes (reorg detection) and the
-- transfers seen to deposit addresses.

-- Child indexes of ETH_XPUB: taken once each (a sequence never hands out a number twice).
CREATE SEQUENCE "crypto_deposit_index_seq" AS INTEGER MINVALUE 0 START WITH 0;

CREATE TABLE "crypto_deposits" (
    "id" SERIAL NOT NULL,
    "payment_id" INTEGER NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "address_index" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,
    "quote_base_units" DECIMAL(78,0) NOT NULL,
    "received_base_units" DECIMAL(78,0) NOT NULL DEFAULT 0,
    "notified_received" DECIMAL(78,0),
    "surplus_base_units" DECIMAL(78,0),
    "surplus_notified_at" TIMESTAMPTZ(3),
    "credited_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "crypto_deposits_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crypto_deposits_address_index_range" CHECK ("address_index" >= 0),
    CONSTRAINT "crypto_deposits_address_format" CHECK ("address" ~ '^0x[0-9a-fA-F]{40}$'),
    CONSTRAINT "crypto_deposits_quote_positive" CHECK ("quote_base_units" > 0)
);
CREATE UNIQUE INDEX "crypto_deposits_payment_id_key" ON "crypto_deposits"("payment_id");
CREATE UNIQUE INDEX "crypto_deposits_address_index_key" ON "crypto_deposits"("address_index");
CREATE UNIQUE INDEX "crypto_deposits_address_key" ON "crypto_deposits"("address");
CREATE INDEX "crypto_deposits_chain_id_created_at_idx" ON "crypto_deposits"("chain_id", "created_at");
ALTER TABLE "crypto_deposits" ADD CONSTRAINT "crypto_deposits_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A transfer to a deposit address. Native ETH transfers have log_index -1 (a transaction moves
-- ETH to its `to` once); token transfers carry their log's index. SEEN until it has
-- ETH_CONFIRMATIONS on the canonical chain (then CONFIRMED); a SEEN transfer whose block is
-- orphaned by a reorg is deleted.
CREATE TABLE "crypto_transfers" (
    "id" BIGSERIAL NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "log_index" INTEGER NOT NULL,
    "deposit_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "from_address" TEXT NOT NULL,
    "value" DECIMAL(78,0) NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SEEN',
    "seen_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    CONSTRAINT "crypto_transfers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crypto_transfers_status_known" CHECK ("status" IN ('SEEN', 'CONFIRMED')),
    CONSTRAINT "crypto_transfers_log_index_range" CHECK ("log_index" >= -1)
);
CREATE UNIQUE INDEX "crypto_transfers_chain_id_tx_hash_log_index_key" ON "crypto_transfers"("chain_id", "tx_hash", "log_index");
CREATE INDEX "crypto_transfers_deposit_id_idx" ON "crypto_transfers"("deposit_id");
CREATE INDEX "crypto_transfers_chain_id_status_block_number_idx" ON "crypto_transfers"("chain_id", "status", "block_number");
ALTER TABLE "crypto_transfers" ADD CONSTRAINT "crypto_transfers_deposit_id_fkey" FOREIGN KEY ("deposit_id") REFERENCES "crypto_deposits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The watcher's recent view of the chain: the blocks it scanned, by number, with their hashes
-- (the newest is where it resumes; a parent hash that differs is a reorg).
CREATE TABLE "crypto_blocks" (
    "chain_id" INTEGER NOT NULL,
    "number" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "parent_hash" TEXT NOT NULL,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "crypto_blocks_pkey" PRIMARY KEY ("chain_id", "number")
);
