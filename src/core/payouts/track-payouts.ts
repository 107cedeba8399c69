import { Prisma } from '../../generated/prisma/client.js';
import { bookEntries } from '../ledger/book-entries.js';
import type { PayoutDeps } from './deps.js';
import { type FailedPayout, failPayout, outcomeOf, type PayoutOutcome } from './payout-outcome.js';

export interface TrackReport {
  /** Mined, successful and deep enough: debited now (tell the user). */
  confirmed: PayoutOutcome[];
  /** Mined and reverted: nothing paid, nothing debited (tell the admins). */
  failed: FailedPayout[];
  /** Sent too long ago and still not mined: flagged now, reported once (tell the admins). */
  stuck: PayoutOutcome[];
  /** Still waiting for their block or their confirmations. */
  waiting: number;
}

/**
 * Follows sent payouts on the chain. A transfer mined successfully with `confirmations` blocks
 * (its own counts) is settled in one statement: the payout CONFIRMED, the ledger DEBITED (a
 * PAYOUT entry keyed on the payout, so it is booked once), the cached balance lowered, and the
 * payout's referral rewards marked sent with the transaction hash. A reverted transfer fails the
 * payout with nothing debited. A transfer not mined within stuckAfterMs of its broadcast is
 * flagged stuck once (a conditional update, so several trackers report it once).
 */
export async function trackPayouts(deps: PayoutDeps): Promise<TrackReport> {
  const { chain, confirmations, stuckAfterMs } = deps.payouts;
  const report: TrackReport = { confirmed: [], failed: [], stuck: [], waiting: 0 };
  // SIGNED ones too: a process that died after the broadcast but before recording it left its
  // transaction on the chain with the payout still SIGNED.
  const sent = await deps.db.payout.findMany({
    where: { status: { in: ['SIGNED', 'SENT'] }, chainId: chain.chainId },
    orderBy: { nonce: 'asc' },
    select: { id: true, status: true, nonce: true, txHash: true, sentAt: true, stuckAt: true },
  });
  if (sent.length === 0) return report;
  const head = await chain.blockNumber();
  let minedNonce: number | undefined;
  for (const payout of sent) {
    const receipt = await chain.receipt(payout.txHash!);
    const now = deps.clock.now();
    if (!receipt) {
      if (payout.status === 'SIGNED') continue; // not handed over yet, or lost: broadcastSigned's job
      // Its nonce went to another transaction (a replacement sent by hand): ours can never be mined.
      minedNonce ??= await chain.minedNonce();
      if (minedNonce > payout.nonce! && !(await chain.isKnown(payout.txHash!))) {
        const failed = await failPayout(deps.db, payout.id, 'NONCE_TAKEN', now, null);
        if (failed) report.failed.push(failed);
        continue;
      }
      report.waiting += 1;
      if (!payout.stuckAt && payout.sentAt && now.getTime() - payout.sentAt.getTime() >= stuckAfterMs) {
        const flagged = await deps.db.$queryRaw<Parameters<typeof outcomeOf>[0][]>`
          UPDATE payouts SET stuck_at = ${now}, updated_at = ${now} WHERE id = ${payout.id} AND status = 'SENT' AND stuck_at IS NULL
          RETURNING id, user_id, asset, amount, to_address, tx_hash`;
        if (flagged[0]) {
          report.stuck.push(outcomeOf(flagged[0]));
          deps.logger.warn({ payoutId: payout.id, txHash: payout.txHash }, 'payout transaction stuck: not mined in time');
        }
      }
      continue;
    }
    if (head - receipt.blockNumber + 1 < Math.max(1, confirmations)) {
      report.waiting += 1;
      continue;
    }
    if (receipt.status === 'reverted') {
      const failed = await failPayout(deps.db, payout.id, 'REVERTED', now, receipt.blockNumber);
      if (failed) {
        report.failed.push(failed);
        deps.logger.error({ payoutId: payout.id, txHash: payout.txHash }, 'payout transaction reverted: nothing debited');
      }
      continue;
    }
    const settled = await settle(deps, payout.id, receipt.blockNumber, now);
    if (settled) report.confirmed.push(settled);
  }
  if (report.confirmed.length) deps.logger.info({ count: report.confirmed.length }, 'payouts confirmed');
  return report;
}

async function settle(deps: PayoutDeps, payoutId: number, blockNumber: number, now: Date): Promise<PayoutOutcome | null> {
  const rows = await deps.db.$queryRaw<Parameters<typeof outcomeOf>[0][]>(Prisma.sql`
    WITH done AS (
      UPDATE payouts SET status = 'CONFIRMED', confirmed_at = ${now}, block_number = ${blockNumber}, updated_at = ${now}
      WHERE id = ${payoutId} AND status IN ('SIGNED', 'SENT')
      RETURNING id, user_id, asset, amount, to_address, tx_hash
    ),
    rewards AS (
      UPDATE referral_rewards rw SET status = 'SENT', payout_tx_hash = done.tx_hash, sent_at = ${now}
      FROM done WHERE rw.payout_id = done.id
      RETURNING rw.id
    ),
    ${bookEntries(Prisma.sql`SELECT user_id, 'PAYOUT'::"LedgerKind", asset, -amount, 'payout:' || id, ${now}::timestamptz FROM done`)}
    SELECT id, user_id, asset, amount, to_address, tx_hash FROM done`);
  const row = rows[0];
  return row ? outcomeOf(row) : null;
}
