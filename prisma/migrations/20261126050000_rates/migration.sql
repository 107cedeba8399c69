-- Exchange rates published by the Central Bank of Russia (X/RUB) and the ECB (EUR/X), stored with
-- the date they were published for.

CREATE TABLE "currency_rates" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "rate" DECIMAL(30,10) NOT NULL,
    "rate_date" DATE NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "currency_rates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "currency_rates_source_known" CHECK ("source" IN ('cbr', 'ecb')),
    CONSTRAINT "currency_rates_codes_format" CHECK ("base" ~ '^[A-Z]{3}$' AND "quote" ~ '^[A-Z]{3}$' AND "base" <> "quote"),
    CONSTRAINT "currency_rates_rate_positive" CHECK ("rate" > 0)
);
-- One row per source, pair and publication date: a second refresh of the same document updates it.
CREATE UNIQUE INDEX "currency_rates_source_base_quote_rate_date_key" ON "currency_rates"("source", "base", "quote", "rate_date");
-- The newest rate of a pair.
CREATE INDEX "currency_rates_base_quote_rate_date_idx" ON "currency_rates"("base", "quote", "rate_date");
