import { Decimal } from 'decimal.js';
import { Prisma, type LotLanguage, type LotPlatform } from '../../generated/prisma/client.js';
import { Dec, minorDigits } from '../money.js';
import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';

export const LOT_SORTS = ['price', 'price_desc', 'newest', 'rating'] as const;
export type LotSort = (typeof LOT_SORTS)[number];
export const MAX_PAGE_SIZE = 50;

export interface LotFilters {
  categoryId: number;
  platform?: LotPlatform;
  leagueId?: number;
  language?: LotLanguage;
  /** Price per ONE unit in the display currency, inclusive (decimal strings). */
  minPrice?: string;
  maxPrice?: string;
  /** Words to find, each in the short description or the description (case-insensitive substrings, any order). */
  q?: string;
  sort?: LotSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** The buyer's display currency (MarketSettings.defaultDisplayCurrency when absent). */
  displayCurrency?: string;
}

export interface LotCard {
  id: number;
  shortDescription: string;
  /** The seller's price per `priceUnit` units in the lot's currency, as a decimal string. */
  price: string;
  priceUnit: bigint;
  currency: string;
  /** The same price in the display currency, rounded up to its minor unit; null when no fresh rate. */
  displayPrice: { price: string; currency: string } | null;
  quantity: bigint;
  platform: LotPlatform | null;
  language: LotLanguage | null;
  characterLevel: number | null;
  league: { id: number; name: string } | null;
  seller: { id: number; name: string; rating: number | null; reviews: number; sales: number };
  createdAt: Date;
}

export interface LotPage {
  items: LotCard[];
  total: number;
  page: number;
  pageSize: number;
  displayCurrency: string;
  /** Currencies without a fresh rate to the display currency: their lots show no displayPrice and sort last by price. */
  unconvertible: string[];
}

interface Row {
  id: number;
  short_description: string;
  price: string;
  price_unit: bigint;
  currency: string;
  quantity: bigint;
  platform: LotPlatform | null;
  language: LotLanguage | null;
  character_level: number | null;
  league_id: number | null;
  league_name: string | null;
  seller_id: number;
  seller_name: string;
  rating_sum: number | null;
  rating_count: number | null;
  sales_count: number | null;
  created_at: Date;
  total: bigint;
}

/**
 * The text search's conditions on `lots l`: each typed word must occur (a case-insensitive
 * substring, `%` and `_` literal) in the short or the long description, in any order: "gold mail"
 * finds "Gold coins, delivered by mail".
 *
 * Each word is matched against the two descriptions joined by a space, the expression of the one
 * trigram index lots_search_idx (migration 20261126180000_lot_search_index): this text must stay
 * exactly that expression or the index is not used. A word never holds whitespace, so it cannot
 * match across the join. (`a ILIKE w OR b ILIKE w` over two per-column indexes left the planner
 * choosing between a BitmapOr and a sequential scan.)
 */
export function lotSearchConditions(q: string | undefined): Prisma.Sql[] {
  const words = [...new Set(q?.trim().split(/\s+/).filter(Boolean) ?? [])];
  return words.map((word) => {
    const pattern = `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    return Prisma.sql`(l.short_description || ' ' || l.description) ILIKE ${pattern}`;
  });
}

/**
 * One page of a category's lots on sale, filtered, searched and sorted, as cards.
 *
 * Prices are compared in the buyer's display currency: each market currency's rate to it is
 * looked up first (one rate look-up per configured currency, however many lots), then ONE SQL
 * statement filters and sorts by price per single unit × rate, joins league and seller stats,
 * counts the matches (count(*) OVER ()) and takes the page. So the number of statements does not
 * depend on the page size or the data. A currency with no fresh rate (RATE_UNAVAILABLE) leaves
 * its lots out of a price filter, last in a price sort, and without a displayPrice.
 */
export async function listLots(deps: Pick<MarketDeps, 'db' | 'rates' | 'market'>, filters: LotFilters): Promise<Result<LotPage, 'BAD_DISPLAY_CURRENCY'>> {
  const display = filters.displayCurrency ?? deps.market.defaultDisplayCurrency;
  if (!deps.market.currencies.includes(display)) return fail('BAD_DISPLAY_CURRENCY');
  const page = Math.max(1, filters.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, filters.pageSize ?? 20));
  const sort = filters.sort ?? 'price';

  const rates = new Map<string, Dec>();
  await Promise.all(
    deps.market.currencies.map(async (currency) => {
      const rate = await deps.rates.get(currency, display);
      if (rate) rates.set(currency, rate.rate);
    }),
  );
  const unconvertible = deps.market.currencies.filter((c) => !rates.has(c));
  // Price per one unit in the display currency; NULL for a currency without a rate.
  const cases = [...rates].map(([currency, rate]) => Prisma.sql`WHEN ${currency} THEN ${rate.toString()}::numeric`);
  const unitPrice = cases.length
    ? Prisma.sql`(l.price / l.price_unit) * (CASE l.currency ${Prisma.join(cases, ' ')} END)`
    : Prisma.sql`NULL::numeric`;

  // The category (and its market) must be open: an uncorrelated check, evaluated once.
  const where: Prisma.Sql[] = [
    Prisma.sql`l.category_id = ${filters.categoryId}`,
    Prisma.sql`l.active`,
    Prisma.sql`l.quantity > 0`,
    Prisma.sql`EXISTS (SELECT 1 FROM categories c JOIN markets m ON m.id = c.market_id
                       WHERE c.id = ${filters.categoryId} AND c.archived_at IS NULL AND m.archived_at IS NULL)`,
    // A lot in an archived league is not offered either.
    Prisma.sql`(l.league_id IS NULL OR NOT EXISTS (SELECT 1 FROM lot_leagues g WHERE g.id = l.league_id AND g.archived_at IS NOT NULL))`,
  ];
  if (filters.platform) where.push(Prisma.sql`l.platform = ${filters.platform}::"LotPlatform"`);
  if (filters.language) where.push(Prisma.sql`l.language = ${filters.language}::"LotLanguage"`);
  if (filters.leagueId !== undefined) where.push(Prisma.sql`l.league_id = ${filters.leagueId}`);
  // The price range is compared with what the card shows: the converted price rounded UP to the
  // display currency's minor unit (as displayPrice below), per one unit. Else 90 RUB shown as
  // "≈ 1.00 USD" (90 × 1/90 = 0.999… unrounded) would fall outside a 1–2 USD range.
  const scale = new Dec(10).pow(minorDigits(display)).toString();
  const shownUnitPrice = cases.length
    ? Prisma.sql`CEIL(l.price * (CASE l.currency ${Prisma.join(cases, ' ')} END) * ${scale}::numeric) / ${scale}::numeric / l.price_unit`
    : Prisma.sql`NULL::numeric`;
  if (filters.minPrice !== undefined) where.push(Prisma.sql`${shownUnitPrice} >= ${filters.minPrice}::numeric`);
  if (filters.maxPrice !== undefined) where.push(Prisma.sql`${shownUnitPrice} <= ${filters.maxPrice}::numeric`);
  where.push(...lotSearchConditions(filters.q));
  // The sort key is computed on the lots alone (the seller's rating only for the rating sort), the
  // page is cut, and only then are the page's rows joined with sellers and leagues.
  const rating = Prisma.sql`(SELECT s.rating_sum::numeric / NULLIF(s.rating_count, 0) FROM seller_profiles s WHERE s.user_id = l.seller_id)`;
  const sortKey = { price: unitPrice, price_desc: unitPrice, newest: Prisma.sql`l.created_at`, rating }[sort];
  const direction = { price: Prisma.sql`ASC NULLS LAST, id ASC`, price_desc: Prisma.sql`DESC NULLS LAST, id DESC`, newest: Prisma.sql`DESC, id DESC`, rating: Prisma.sql`DESC NULLS LAST, id ASC` }[sort];

  const rows = await deps.db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT l.id, l.seller_id, l.league_id, ${sortKey} AS sort_key, count(*) OVER () AS total
      FROM lots l
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY sort_key ${direction}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT l.id, l.short_description, l.price::text AS price, l.price_unit, l.currency, l.quantity, l.platform,
           l.language, l.character_level, g.id AS league_id, g.name AS league_name, l.seller_id,
           u.first_name AS seller_name, s.rating_sum, s.rating_count, s.sales_count, l.created_at, p.total
    FROM page p
    JOIN lots l ON l.id = p.id
    JOIN users u ON u.id = l.seller_id
    LEFT JOIN seller_profiles s ON s.user_id = l.seller_id
    LEFT JOIN lot_leagues g ON g.id = l.league_id
    ORDER BY p.sort_key ${direction}`;

  const displayScale = new Dec(10).pow(minorDigits(display));
  const items = rows.map((r): LotCard => {
    const rate = rates.get(r.currency);
    const price = new Dec(r.price);
    return {
      id: r.id,
      shortDescription: r.short_description,
      price: price.toFixed(),
      priceUnit: BigInt(r.price_unit),
      currency: r.currency,
      displayPrice: rate
        ? { price: price.times(rate).times(displayScale).toDecimalPlaces(0, Decimal.ROUND_CEIL).div(displayScale).toFixed(minorDigits(display)), currency: display }
        : null,
      quantity: BigInt(r.quantity),
      platform: r.platform,
      language: r.language,
      characterLevel: r.character_level,
      league: r.league_id === null ? null : { id: r.league_id, name: r.league_name ?? '' },
      seller: {
        id: r.seller_id,
        name: r.seller_name,
        rating: r.rating_count ? Math.round((Number(r.rating_sum) / Number(r.rating_count)) * 100) / 100 : null,
        reviews: Number(r.rating_count ?? 0),
        sales: Number(r.sales_count ?? 0),
      },
      createdAt: r.created_at,
    };
  });
  // Past the last page there are no rows to carry the count: it is then unknown from this query,
  // and reported as 0 items (the total is for pages that exist).
  const total = rows[0] ? Number(rows[0].total) : 0;
  return ok({ items, total, page, pageSize, displayCurrency: display, unconvertible });
}
