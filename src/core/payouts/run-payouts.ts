import type { PayoutDeps, SendHooks } from './deps.js';
import { type SendReport, sendPayouts } from './send-payouts.js';
import { type TrackReport, trackPayouts } from './track-payouts.js';

export type RunReport = SendReport & TrackReport;

/**
 * One payout run: send (signing new PENDING payouts only when `signPending`, so the minute sweep
 * only finishes what is already signed), then follow what is on its way. The caller tells the
 * users about `confirmed` and the admins about `failed` and `stuck`, after this returns.
 */
export async function runPayouts(deps: PayoutDeps, options: { signPending: boolean }, hooks: SendHooks = {}): Promise<RunReport> {
  const sent = await sendPayouts(deps, options, hooks);
  const tracked = await trackPayouts(deps);
  return { ...sent, ...tracked, failed: [...sent.failed, ...tracked.failed] };
}
