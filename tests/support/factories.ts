import type { PrismaClient, TokenRound } from '../../src/generated/prisma/client.js';
import type { Clock, CoreDeps } from '../../src/core/deps.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import { Dec } from '../../src/core/money.js';
import { fixedRates } from '../../src/core/rates/rates.js';
import { newReferralCode } from '../../src/core/referrals/referral-code.js';
import { silentLogger } from '../../src/infra/logger.js';

/** A clock the test moves by hand. */
export function fixedClock(start = new Date('2026-01-15T12:00:00Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (d) => {
      now = d.getTime();
    },
  };
}

export function coreDeps(db: PrismaClient, overrides: Partial<CoreDeps> = {}): CoreDeps {
  return {
    db,
    clock: fixedClock(),
    logger: silentLogger,
    sale: { reservationMinutes: 30, referralLevelPercents: [new Dec(3), new Dec(1)], referralMinPurchase: 0n },
    ...overrides,
  };
}

/** The fixed rates tests convert with: round numbers, so expected amounts are easy to check. */
export const TEST_RATES = { 'USD/RUB': '90', 'USD/XTR': '50', 'EUR/RUB': '100' };

let telegramIds = 1_000_000n;

export async function makeUser(db: PrismaClient, data: { referrerId?: number; firstName?: string } = {}) {
  telegramIds += 1n;
  return db.user.create({
    data: { telegramId: telegramIds, firstName: data.firstName ?? `User ${telegramIds}`, referralCode: newReferralCode(), referrerId: data.referrerId ?? null },
  });
}

type RoundSpec = Partial<Pick<TokenRound, 'name' | 'currency' | 'cap' | 'minPurchase' | 'maxPurchase' | 'startsAt' | 'endsAt' | 'status'>> & {
  unitPrice?: string;
  referralPercent?: string;
};

/** A token with the given rounds in order; the first is active unless a spec says otherwise. */
export async function makeToken(db: PrismaClient, rounds: RoundSpec[] = [{}], symbol = `T${Math.floor(Math.random() * 1e9)}`) {
  return db.token.create({
    data: {
      name: 'Test Token',
      symbol,
      totalSupply: 1_000_000_000n,
      rounds: {
        create: rounds.map((r, i) => ({
          position: i + 1,
          name: r.name ?? `Round ${i + 1}`,
          currency: r.currency ?? 'USD',
          unitPrice: r.unitPrice ?? '0.0125',
          cap: r.cap ?? 1000n,
          referralPercent: r.referralPercent ?? '10',
          minPurchase: r.minPurchase ?? 1n,
          maxPurchase: r.maxPurchase ?? null,
          startsAt: r.startsAt ?? null,
          endsAt: r.endsAt ?? null,
          status: r.status ?? (i === 0 ? 'ACTIVE' : 'DRAFT'),
        })),
      },
    },
    include: { rounds: { orderBy: { position: 'asc' } } },
  });
}

/** A market (game) with one category of the given lot type and one league. */
export async function makeMarket(
  db: PrismaClient,
  spec: { slug?: string; lotType?: 'MULTIPLE' | 'FORM'; categoryName?: string } = {},
) {
  const slug = spec.slug ?? `game-${Math.floor(Math.random() * 1e9)}`;
  const market = await db.market.create({ data: { slug, title: `Game ${slug}` } });
  const category = await db.category.create({
    data: { marketId: market.id, name: spec.categoryName ?? 'Gold', lotType: spec.lotType ?? 'MULTIPLE' },
  });
  const league = await db.lotLeague.create({ data: { marketId: market.id, name: 'Europe' } });
  return { market, category, league };
}

/** A user who is an approved seller. */
export async function makeSeller(db: PrismaClient, data: { firstName?: string } = {}) {
  const user = await makeUser(db, data);
  await db.sellerProfile.create({ data: { userId: user.id, status: 'APPROVED', decidedAt: new Date() } });
  return user;
}

/** An active lot of `sellerId` in `categoryId`: 1.50 USD per 1 unit, 100 in stock unless told. */
export async function makeLot(
  db: PrismaClient,
  sellerId: number,
  categoryId: number,
  data: Partial<{ price: string; priceUnit: bigint; currency: string; quantity: bigint; shortDescription: string; active: boolean; leagueId: number | null; platform: 'PC' | 'IOS' | 'ANDROID' | null; language: 'EN' | 'RU' | null }> = {},
) {
  return db.lot.create({
    data: {
      sellerId,
      categoryId,
      shortDescription: data.shortDescription ?? 'Gold, fast delivery',
      price: data.price ?? '1.5',
      priceUnit: data.priceUnit ?? 1n,
      currency: data.currency ?? 'USD',
      quantity: data.quantity ?? 100n,
      active: data.active ?? true,
      leagueId: data.leagueId ?? null,
      platform: data.platform ?? null,
      language: data.language ?? null,
    },
  });
}

/** The core with the market's settings and the fixed TEST_RATES (USD/RUB 90, EUR/RUB 100). */
export function marketDeps(db: PrismaClient, overrides: Partial<MarketDeps> = {}): MarketDeps {
  return {
    ...coreDeps(db),
    rates: fixedRates(TEST_RATES),
    market: { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false },
    ...overrides,
  };
}
