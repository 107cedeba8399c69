import type { Db } from '../deps.js';

export interface LinkedWallet {
  id: number;
  address: string;
  kind: 'EOA' | 'CONTRACT';
  chainId: number;
  confirmedAt: Date | null;
  linkedAt: Date;
}

/** The user's linked wallet, or null. */
export async function linkedWallet(db: Db, userId: number): Promise<LinkedWallet | null> {
  return db.wallet.findUnique({
    where: { userId },
    select: { id: true, address: true, kind: true, chainId: true, confirmedAt: true, linkedAt: true },
  });
}
