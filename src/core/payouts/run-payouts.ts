import type { PayoutDeps, SendHooks } from './deps.js';
import { outcomeOf, type PayoutOutcome, type PayoutRow } from './payout-outcome.js';
import { type SendReport, sendPayouts } from './send-payouts.js';
import { type TrackReport, trackPayouts } from './track-payouts.js';

export type RunReport = SendReport & TrackReport;

/**
 * One payout run: send (signing new PENDING payouts only when `signPending`, so the minute sweep
 * only finishes what is already signed), then follow what is on its way. The caller tells the
 * users about `confirmed` and the admins about `failed` and `stuck`, after this returns.
 * `confirmed` is every confirmed payout whose user has not been told yet, claimed here: those this
 * run confirmed, and any a run that died before telling left behind.
 */
export async function runPayouts(deps: PayoutDeps, options: { signPending: boolean }, hooks: SendHooks = {}): Promise<RunReport> {
  const sent = await sendPayouts(deps, options, hooks);
  const tracked = await trackPayouts(deps);
  const confirmed = await claimConfirmedNotices(deps);
  return { ...sent, ...tracked, confirmed, failed: [...sent.failed, ...tracked.failed] };
}

/** Claims the confirmed payouts nobody has told their user about yet (one statement: each once). */
async function claimConfirmedNotices(deps: PayoutDeps): Promise<PayoutOutcome[]> {
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<PayoutRow[]>`
    UPDATE payouts SET notified_at = ${now}
    WHERE status = 'CONFIRMED' AND notified_at IS NULL AND chain_id = ${deps.payouts.chain.chainId}
    RETURNING id, user_id, asset, amount, to_address, tx_hash`;
  return rows.map(outcomeOf).sort((a, b) => a.payoutId - b.payoutId);
}
