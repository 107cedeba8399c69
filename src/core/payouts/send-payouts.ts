import { Prisma } from '../../generated/prisma/client.js';
import type { PayoutDeps, SendHooks } from './deps.js';
import { toChainAmount } from './deps.js';
import { type FailedPayout, failPayout } from './payout-outcome.js';

// pg_advisory_xact_lock(class, key): "PAYO", and the hot wallet. One nonce assigner at a time.
const LOCK_CLASS = 0x5041594f;

export interface SendReport {
  /** Payouts signed (nonce assigned, transaction stored) by this run. */
  signed: number[];
  /** Payouts whose stored transaction the node took in this run (now SENT). */
  sent: number[];
  /** Payouts whose nonce went to another transaction: theirs can never be mined. */
  failed: FailedPayout[];
  /** Broadcasts that failed for now; the same stored transaction is tried again next run. */
  retrying: { payoutId: number; error: string }[];
}

/**
 * Sends payouts, write-ahead: up to batchSize PENDING payouts get consecutive nonces and their
 * transfers are signed and STORED (SIGNED) in one transaction under an advisory lock; only then
 * is anything broadcast. Every SIGNED payout (this run's and any a crashed run left) is broadcast
 * from the stored raw transaction, so a retry or a restart sends exactly the same transaction
 * (same nonce, same hash) and a payout never has two. Confirmation is trackPayouts' job.
 */
export async function sendPayouts(deps: PayoutDeps, options: { signPending?: boolean } = {}, hooks: SendHooks = {}): Promise<SendReport> {
  const signed = options.signPending === false ? [] : await signPending(deps);
  if (signed.length) await hooks.afterSign?.(signed);
  return { signed, ...(await broadcastSigned(deps, hooks)) };
}

/** Assigns nonces to a batch of PENDING payouts and stores their signed transfers. */
async function signPending(deps: PayoutDeps): Promise<number[]> {
  const { chain, batchSize } = deps.payouts;
  const waiting = await deps.db.payout.count({ where: { status: 'PENDING', chainId: chain.chainId } });
  if (waiting === 0) return [];
  // Network first (never inside the transaction); signing itself is local.
  const [decimals, chainNonce, fees] = await Promise.all([chain.tokenDecimals(), chain.pendingNonce(), chain.fees()]);
  const sender = chain.senderAddress;
  const now = deps.clock.now();
  return deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${sender}))`;
      const [highest] = await tx.$queryRaw<{ nonce: number | null }[]>`
        SELECT max(nonce) AS nonce FROM payouts WHERE chain_id = ${chain.chainId} AND from_address = ${sender}`;
      // The node's pending count covers transactions sent from the wallet by anyone; the stored
      // maximum covers ours that are signed but not broadcast yet. The next nonce is past both.
      const firstNonce = Math.max(chainNonce, (highest?.nonce ?? -1) + 1);
      const claimed = await tx.$queryRaw<{ id: number; to_address: string; amount: bigint }[]>`
        SELECT id, to_address, amount FROM payouts
        WHERE status = 'PENDING' AND chain_id = ${chain.chainId}
        ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return [];
      const batch = await tx.payoutBatch.create({ data: { fromAddress: sender, firstNonce, size: claimed.length, createdAt: now } });
      let nonce = firstNonce;
      for (const payout of claimed) {
        const chainAmount = toChainAmount(payout.amount, decimals);
        const transfer = await chain.signTransfer({ to: payout.to_address, amount: chainAmount, nonce, fees });
        await tx.$executeRaw(Prisma.sql`
          UPDATE payouts SET status = 'SIGNED', nonce = ${nonce}, from_address = ${sender}, batch_id = ${batch.id},
                 chain_amount = ${chainAmount.toString()}::numeric, raw_tx = ${transfer.rawTx}, tx_hash = ${transfer.hash},
                 signed_at = ${now}, updated_at = ${now}
          WHERE id = ${payout.id} AND status = 'PENDING'`);
        nonce += 1;
      }
      deps.logger.info({ batchId: batch.id, firstNonce, count: claimed.length }, 'payouts signed');
      return claimed.map((p) => p.id);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** How long a broadcast holds its payout: another sender leaves it alone meanwhile. */
export const BROADCAST_LEASE_SECONDS = 30;

/**
 * Broadcasts every SIGNED payout's stored transaction, lowest nonce first, and records it SENT.
 * Each payout is claimed first (a conditional update on the database's clock with a short lease),
 * so concurrent senders never hand the same transaction over at once; a claim that a dead process
 * left behind runs out and the payout is taken up again (trackPayouts settles it meanwhile if its
 * transaction was mined). A node that already has the transaction counts as sent; one whose nonce
 * went to another transaction fails the payout (ours can never be mined, so nothing was paid).
 */
export async function broadcastSigned(deps: PayoutDeps, hooks: SendHooks = {}): Promise<Omit<SendReport, 'signed'>> {
  const { chain } = deps.payouts;
  const report: Omit<SendReport, 'signed'> = { sent: [], failed: [], retrying: [] };
  const signed = await deps.db.payout.findMany({
    where: { status: 'SIGNED', chainId: chain.chainId, fromAddress: chain.senderAddress },
    orderBy: { nonce: 'asc' },
    select: { id: true, nonce: true, rawTx: true, txHash: true },
  });
  for (const payout of signed) {
    const claimed = await deps.db.$executeRaw`
      UPDATE payouts SET attempts = attempts + 1, broadcast_at = now()
      WHERE id = ${payout.id} AND status = 'SIGNED'
        AND (broadcast_at IS NULL OR broadcast_at < now() - make_interval(secs => ${BROADCAST_LEASE_SECONDS}))`;
    if (claimed === 0) continue;
    const stored = { rawTx: payout.rawTx!, hash: payout.txHash! };
    try {
      await chain.broadcast(stored);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if ((await chain.minedNonce()) > payout.nonce! && !(await chain.isKnown(stored.hash))) {
        const failed = await failPayout(deps.db, payout.id, 'NONCE_TAKEN', deps.clock.now(), null);
        if (failed) report.failed.push(failed);
        deps.logger.error({ payoutId: payout.id, nonce: payout.nonce }, 'payout nonce used by another transaction: payout failed');
      } else {
        // The lease is given back: the next run sends the same stored transaction again.
        await deps.db.payout.updateMany({ where: { id: payout.id, status: 'SIGNED' }, data: { lastError: message.slice(0, 500), broadcastAt: null } });
        report.retrying.push({ payoutId: payout.id, error: message });
        deps.logger.warn({ payoutId: payout.id, err: error }, 'payout broadcast failed; the stored transaction is sent again next run');
      }
      continue;
    }
    await hooks.afterBroadcast?.(payout.id);
    const now = deps.clock.now();
    const moved = await deps.db.payout.updateMany({
      where: { id: payout.id, status: 'SIGNED' },
      data: { status: 'SENT', sentAt: now, lastError: null, updatedAt: now },
    });
    if (moved.count) report.sent.push(payout.id);
  }
  if (report.sent.length) deps.logger.info({ count: report.sent.length }, 'payouts broadcast');
  return report;
}
