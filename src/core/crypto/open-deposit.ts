import { Prisma } from '../../generated/prisma/client.js';
import type { CoreDeps } from '../deps.js';
import { type ChainSettings, type CryptoAsset, toBaseUnits } from './assets.js';

export interface OpenedDeposit {
  depositId: number;
  address: string;
  addressIndex: number;
  quoteBaseUnits: bigint;
}

/**
 * Gives a crypto payment its deposit address: the next child index of the extended public key (a
 * sequence, so an index is handed out once even to concurrent payments, and never again after a
 * failure), the address derived from it, and the exact quote in base units. Opening it again for
 * the same payment returns the address it already has.
 */
export async function openDeposit(
  deps: CoreDeps & { chain: ChainSettings },
  input: { publicId: string; amountMinor: bigint; asset: CryptoAsset; deriveAddress: (index: number) => string },
): Promise<OpenedDeposit> {
  const existing = await deps.db.cryptoDeposit.findFirst({ where: { payment: { publicId: input.publicId } } });
  if (existing) return opened(existing);
  const [{ index }] = (await deps.db.$queryRaw<{ index: number }[]>`SELECT nextval('crypto_deposit_index_seq')::int AS index`) as [{ index: number }];
  const address = input.deriveAddress(index);
  const quote = toBaseUnits(input.amountMinor, input.asset);
  const rows = await deps.db.$queryRaw<{ id: number }[]>(Prisma.sql`
    INSERT INTO crypto_deposits (payment_id, chain_id, asset, address_index, address, decimals, quote_base_units, created_at)
    SELECT id, ${deps.chain.chainId}, ${input.asset.asset}, ${index}, ${address}, ${input.asset.decimals}, ${quote.toString()}::numeric, ${deps.clock.now()}
    FROM payments WHERE public_id = ${input.publicId}
    ON CONFLICT (payment_id) DO NOTHING
    RETURNING id`);
  if (rows[0]) return { depositId: rows[0].id, address, addressIndex: index, quoteBaseUnits: quote };
  // No row: the payment is unknown (a bug) or a concurrent call opened it first (keep that one).
  const raced = await deps.db.cryptoDeposit.findFirst({ where: { payment: { publicId: input.publicId } } });
  if (!raced) throw new Error(`no payment ${input.publicId} to open a deposit for`);
  return opened(raced);
}

function opened(row: { id: number; address: string; addressIndex: number; quoteBaseUnits: Prisma.Decimal }): OpenedDeposit {
  return { depositId: row.id, address: row.address, addressIndex: row.addressIndex, quoteBaseUnits: BigInt(row.quoteBaseUnits.toFixed(0)) };
}
