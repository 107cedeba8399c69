import { Decimal } from 'decimal.js';
import type { LotLanguage, LotPlatform, LotType } from '../../generated/prisma/client.js';
import { Dec, minorDigits } from '../money.js';
import { convertMinor } from '../rates/rates.js';
import { fail, ok, type Result } from '../result.js';
import type { MarketDeps } from './deps.js';
import { findFeeRule, type LotPurchasePrice, lotPurchasePrice } from './fee.js';
import { formFieldsOf } from './admin/market-fields.js';

export interface LotDetails {
  id: number;
  lotType: LotType;
  market: { id: number; title: string };
  category: { id: number; name: string };
  shortDescription: string;
  description: string;
  /** FORM lots: the category's fields in its order, with the lot's values (empty ones left out). */
  fields: Array<{ label: string; value: string }>;
  platform: LotPlatform | null;
  league: { id: number; name: string } | null;
  characterLevel: number | null;
  language: LotLanguage | null;
  quantity: bigint;
  /** The seller's price per `priceUnit` units in the lot's currency (decimal string). */
  price: string;
  priceUnit: bigint;
  currency: string;
  /** The buyer's display currency and the price per `priceUnit` in it, rounded UP to its minor unit; null without a fresh rate. */
  displayCurrency: string;
  displayPrice: string | null;
  /** What the buyer pays for `priceUnit` units with the platform's fee (null when the fee's minimum needs a rate that is stale). */
  withFee: LotPurchasePrice | null;
  /** withFee.totalMinor in minor units of the display currency (rounded UP); null without a fresh rate. */
  withFeeDisplayMinor: bigint | null;
  /** A public merchant: their display name and standing, never their Telegram account. */
  seller: { id: number; name: string; rating: number | null; reviews: number; sales: number };
}

export type GetLotDetailsError = 'LOT_NOT_FOUND' | 'LOT_UNAVAILABLE' | 'BAD_DISPLAY_CURRENCY';

/**
 * A lot's card for a buyer: everything the listing shows and the description, the form fields,
 * the price with the platform's fee (the fee function, for one price unit) and both prices in the
 * buyer's display currency at the stored rate. A deleted or unknown lot is LOT_NOT_FOUND; a lot
 * that is paused, sold out or in an archived category, market or league is LOT_UNAVAILABLE.
 */
export async function getLotDetails(
  deps: Pick<MarketDeps, 'db' | 'rates' | 'market'>,
  input: { lotId: number; displayCurrency: string },
): Promise<Result<LotDetails, GetLotDetailsError>> {
  const display = input.displayCurrency;
  if (!deps.market.currencies.includes(display)) return fail('BAD_DISPLAY_CURRENCY');
  if (!Number.isSafeInteger(input.lotId) || input.lotId < 1 || input.lotId > 2_147_483_647) return fail('LOT_NOT_FOUND');
  const lot = await deps.db.lot.findUnique({
    where: { id: input.lotId },
    include: {
      category: { include: { market: { select: { id: true, title: true, archivedAt: true } } } },
      league: { select: { id: true, name: true, archivedAt: true } },
      seller: { select: { firstName: true, seller: { select: { ratingSum: true, ratingCount: true, salesCount: true } } } },
    },
  });
  if (!lot || lot.deletedAt) return fail('LOT_NOT_FOUND');
  if (!lot.active || lot.quantity < 1n || lot.category.archivedAt || lot.category.market.archivedAt || lot.league?.archivedAt) return fail('LOT_UNAVAILABLE');

  const rule = await findFeeRule(deps.db, lot.category.marketId, lot.categoryId);
  const needsMinRate = rule && rule.minMinor > 0n && rule.minCurrency !== lot.currency;
  const [rate, minRate] = await Promise.all([deps.rates.get(lot.currency, display), needsMinRate ? deps.rates.get(rule.minCurrency, lot.currency) : null]);
  const price = new Dec(lot.price.toString());
  const quoted = lotPurchasePrice({ price, priceUnit: lot.priceUnit, quantity: lot.priceUnit, currency: lot.currency, rule, minRate: minRate?.rate ?? null });
  const withFee = quoted.ok ? quoted.value : null;
  const displayScale = new Dec(10).pow(minorDigits(display));

  const values = (lot.fields ?? {}) as Record<string, unknown>;
  const fields = formFieldsOf(lot.category.formFields)
    .map((f) => ({ label: f.label, value: typeof values[f.key] === 'string' ? (values[f.key] as string) : '' }))
    .filter((f) => f.value !== '');
  const stats = lot.seller.seller;
  return ok({
    id: lot.id,
    lotType: lot.category.lotType,
    market: { id: lot.category.market.id, title: lot.category.market.title },
    category: { id: lot.category.id, name: lot.category.name },
    shortDescription: lot.shortDescription,
    description: lot.description,
    fields,
    platform: lot.platform,
    league: lot.league ? { id: lot.league.id, name: lot.league.name } : null,
    characterLevel: lot.characterLevel,
    language: lot.language,
    quantity: lot.quantity,
    price: price.toFixed(),
    priceUnit: lot.priceUnit,
    currency: lot.currency,
    displayCurrency: display,
    displayPrice: rate
      ? price.times(rate.rate).times(displayScale).toDecimalPlaces(0, Decimal.ROUND_CEIL).div(displayScale).toFixed(minorDigits(display))
      : null,
    withFee,
    withFeeDisplayMinor: rate && withFee ? convertMinor(withFee.totalMinor, lot.currency, display, rate.rate) : null,
    seller: {
      id: lot.sellerId,
      name: lot.seller.firstName,
      rating: stats?.ratingCount ? Math.round((stats.ratingSum / stats.ratingCount) * 100) / 100 : null,
      reviews: stats?.ratingCount ?? 0,
      sales: stats?.salesCount ?? 0,
    },
  });
}
