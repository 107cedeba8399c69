// The /api/v1 market endpoints' query parameters and responses as zod schemas: the handlers
// validate with them and openapi.ts describes the API from the very same schemas.

import { z } from 'zod';
import { LOT_SORTS, MAX_PAGE_SIZE } from '../../core/market/list-lots.js';

const intParam = (what: string, max = 2_147_483_647) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, `expected a positive whole number (${what})`)
    .transform(Number)
    .refine((n) => n <= max, `at most ${max}`)
    .meta({ type: 'integer', minimum: 1, maximum: max });
const priceParam = z
  .string()
  .regex(/^\d{1,20}(\.\d{1,10})?$/, 'expected a decimal number such as 12.50')
  .meta({ description: 'Price per single unit in the display currency.', example: '0.75' });
const currencyParam = z.string().regex(/^[A-Z]{3,4}$/, 'expected a currency code such as USD');

export const categoriesQuery = z.strictObject({
  market: z
    .string()
    .regex(/^([1-9]\d{0,9}|[a-z0-9][a-z0-9-]{0,62})$/, 'expected a market id or slug')
    .meta({ description: 'The market (game): its id or its slug.', example: 'dota-2' }),
});

export const lotsQuery = z
  .strictObject({
    category: intParam('a category id').meta({ description: 'The category whose lots are listed.' }),
    platform: z.enum(['PC', 'IOS', 'ANDROID']).optional(),
    league: intParam('a league id').optional().meta({ description: 'Only lots of this league.' }),
    language: z.enum(['EN', 'RU']).optional(),
    minPrice: priceParam.optional(),
    maxPrice: priceParam.optional(),
    q: z.string().trim().min(1, 'expected some text').max(100, 'at most 100 characters').optional().meta({ description: 'Text to find in the descriptions (case-insensitive).' }),
    sort: z.enum(LOT_SORTS).optional().meta({ description: 'price (per single unit, in the display currency; default), price_desc, newest, rating (the seller\'s).' }),
    page: intParam('a page number', 10_000).optional().meta({ description: 'From 1.' }),
    pageSize: intParam('a page size', MAX_PAGE_SIZE).optional().meta({ description: `1 to ${MAX_PAGE_SIZE}; default 20.` }),
    currency: currencyParam.optional().meta({ description: 'The display currency for prices and the price filters (default the market\'s).' }),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || Number(q.minPrice) <= Number(q.maxPrice), {
    path: ['maxPrice'],
    message: 'must not be below minPrice',
  });

export const errorResponse = z
  .object({
    error: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each bad parameter with the reason.' }),
  });

export const marketResponse = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    buyerHelp: z.string(),
    sellerHelp: z.string(),
    posterUrl: z.string().nullable(),
  });

export const marketsResponse = z.object({ markets: z.array(marketResponse) });

export const categoriesResponse = z.object({
  market: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
  categories: z.array(
    z
      .object({
        id: z.number().int(),
        name: z.string(),
        lotType: z.enum(['MULTIPLE', 'FORM']),
        formFields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
        lotCount: z.number().int(),
      }),
  ),
  leagues: z.array(z.object({ id: z.number().int(), name: z.string(), platform: z.enum(['PC', 'IOS', 'ANDROID']).nullable() })),
});

const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const wholeNumber = z.string().regex(/^\d+$/).meta({ description: 'A whole number, as a string (it may exceed 2^53).' });

export const lotCardResponse = z
  .object({
    id: z.number().int(),
    shortDescription: z.string(),
    price: decimal.meta({ description: 'The seller\'s price per priceUnit units, in currency.' }),
    priceUnit: wholeNumber,
    currency: z.string(),
    displayPrice: z
      .object({ price: decimal, currency: z.string() })
      .nullable()
      .meta({ description: 'The same price in the display currency, rounded up to its minor unit; null when no fresh rate.' }),
    quantity: wholeNumber,
    platform: z.enum(['PC', 'IOS', 'ANDROID']).nullable(),
    language: z.enum(['EN', 'RU']).nullable(),
    characterLevel: z.number().int().nullable(),
    league: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    seller: z.object({ id: z.number().int(), name: z.string(), rating: z.number().nullable(), reviews: z.number().int(), sales: z.number().int() }),
    createdAt: z.string().meta({ format: 'date-time' }),
  });

export const lotsResponse = z.object({
  items: z.array(lotCardResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  displayCurrency: z.string(),
  unconvertible: z.array(z.string()).meta({ description: 'Currencies with no fresh rate to the display currency.' }),
});
