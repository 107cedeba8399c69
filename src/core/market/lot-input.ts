import { z } from 'zod';
import type { Category, LotLeague } from '../../generated/prisma/client.js';
import { fail, ok, type Result } from '../result.js';
import type { MarketSettings } from './deps.js';
import { formField } from './save-category.js';
import { currencyCode, id, language, optionalText, platform, positiveDecimal, requiredText, units } from './validation.js';

/** Price units a lot may be priced per: 1, 10, 100 ... 1,000,000. */
export const PRICE_UNITS = [1n, 10n, 100n, 1000n, 10_000n, 100_000n, 1_000_000n] as const;

export const lotFields = z.object({
  categoryId: id,
  leagueId: id.nullable().default(null),
  platform: platform.nullable().default(null),
  characterLevel: z.number().int().min(0).max(100_000).nullable().default(null),
  language: language.nullable().default(null),
  shortDescription: requiredText(120),
  description: optionalText(4000).default(''),
  fields: z.record(z.string(), z.string().trim().max(500, 'at most 500 characters')).default({}),
  price: positiveDecimal,
  priceUnit: units(1_000_000n)
    .refine((u) => PRICE_UNITS.includes(u as (typeof PRICE_UNITS)[number]), 'expected 1, 10, 100, 1000 ... 1000000')
    .default(1n),
  currency: currencyCode,
  quantity: units(),
  deactivateAfterSale: z.boolean().default(false),
  autoDelivery: z.boolean().default(false),
  /** Auto-delivery stock: one goods text per unit (added to what the lot has). */
  goods: z.array(requiredText(2000)).max(1000, 'at most 1000 at once').default([]),
});
export type LotFields = z.output<typeof lotFields>;
export type LotFieldsInput = z.input<typeof lotFields>;

/**
 * The checks that need the category, league and settings: per lot type (MULTIPLE: any quantity,
 * any price unit; FORM: quantity 1, price per 1, its required fields filled, no unknown ones),
 * the league in the same market and for the lot's platform, the currency one the market takes,
 * auto-delivery stock covering the quantity. A failure names each field.
 */
export function checkLotAgainstCategory(
  lot: LotFields,
  category: Pick<Category, 'marketId' | 'lotType' | 'formFields'>,
  league: Pick<LotLeague, 'marketId' | 'platform'> | null,
  settings: Pick<MarketSettings, 'currencies'>,
  stockAfter: bigint,
): Result<LotFields, 'INVALID_INPUT'> {
  const details: Record<string, string> = {};
  if (!settings.currencies.includes(lot.currency)) details.currency = `expected one of ${settings.currencies.join(', ')}`;
  if (lot.leagueId !== null) {
    if (!league || league.marketId !== category.marketId) details.leagueId = 'no such league in this market';
    else if (league.platform && lot.platform && league.platform !== lot.platform) details.leagueId = `this league is on ${league.platform} only`;
  }
  if (category.lotType === 'FORM') {
    if (lot.quantity !== 1n) details.quantity = 'a FORM lot is one unit';
    if (lot.priceUnit !== 1n) details.priceUnit = 'a FORM lot is priced per 1';
    const form = z.array(formField).safeParse(category.formFields);
    const known = form.success ? form.data : [];
    for (const f of known) if (f.required && !lot.fields[f.key]) details[`fields.${f.key}`] = 'required';
    for (const key of Object.keys(lot.fields)) if (!known.some((f) => f.key === key)) details[`fields.${key}`] = 'not a field of this category';
  } else if (Object.keys(lot.fields).length) details.fields = 'only FORM lots have fields';
  if (lot.autoDelivery && stockAfter < lot.quantity) details.goods = `auto-delivery needs a goods text per unit: ${stockAfter} for ${lot.quantity}`;
  if (!lot.autoDelivery && lot.goods.length) details.goods = 'goods are for auto-delivery lots';
  return Object.keys(details).length ? fail('INVALID_INPUT', details) : ok(lot);
}
