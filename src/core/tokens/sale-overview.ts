import type { Token, TokenRound } from '../../generated/prisma/client.js';
import type { Db } from '../deps.js';
import type { Dec } from '../money.js';
import { progress, tokensLeft } from './progress.js';

export interface RoundView {
  round: TokenRound;
  progress: Dec;
  left: bigint;
}

export interface SaleOverview {
  token: Token;
  rounds: RoundView[];
  active: RoundView | null;
  /** Tokens still for sale in rounds that are not complete. */
  left: bigint;
  sold: bigint;
  saleComplete: boolean;
}

/** The platform token: the first one created (the demo seed makes it on an empty database). */
export async function platformToken(db: Db): Promise<Token | null> {
  return db.token.findFirst({ orderBy: { id: 'asc' } });
}

/** A token's rounds in order with their progress and what is left, per round and in total. */
export async function saleOverview(db: Db, tokenId: number): Promise<SaleOverview | null> {
  const token = await db.token.findUnique({ where: { id: tokenId }, include: { rounds: { orderBy: { position: 'asc' } } } });
  if (!token) return null;
  const { rounds, ...plain } = token;
  const views = rounds.map((round) => ({ round, progress: progress(round), left: round.status === 'COMPLETE' ? 0n : tokensLeft(round) }));
  return {
    token: plain,
    rounds: views,
    active: views.find((v) => v.round.status === 'ACTIVE') ?? null,
    left: views.reduce((sum, v) => sum + v.left, 0n),
    sold: rounds.reduce((sum, r) => sum + r.sold, 0n),
    saleComplete: rounds.length > 0 && rounds.every((r) => r.status === 'COMPLETE'),
  };
}
