-- The user's "payout received" message is claimed once per confirmed payout (notified_at), so a
-- process that dies between the confirmation and the message leaves it to the next run.
ALTER TABLE "payouts" ADD COLUMN "notified_at" TIMESTAMPTZ(3);

-- Payouts confirmed before this migration were told at the time.
UPDATE "payouts" SET "notified_at" = "updated_at" WHERE "status" = 'CONFIRMED';
