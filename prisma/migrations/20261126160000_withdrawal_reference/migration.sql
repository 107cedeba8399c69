-- A paid withdrawal keeps the admin's payment reference (a transfer id) to show the seller.
ALTER TABLE "withdrawals" ADD COLUMN "paid_reference" TEXT;
