import { z } from 'zod';
import { meQueries } from './me.js';
import { categoriesQuery, categoriesResponse, errorResponse, lotsQuery, lotsResponse, marketsResponse } from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** The query schema's parameters, each described by its own zod schema (as the request sees it). */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    // Integers arrive as digits: the pattern is the string form's, not the integer's.
    if (rest.type === 'integer') delete rest.pattern;
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** A response body's schema, inline (no $defs: a `#/$defs/...` ref would resolve against this document's root). */
function bodySchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', reused: 'inline' }) as JsonSchema;
  return json;
}
const body = (schema: z.ZodType) => ({ 'application/json': { schema: bodySchema(schema) } });
const error = (description: string) => ({ description, content: body(errorResponse) });

/** A signed-in user's route: a wallet session (POST /wallet/login) as a Bearer token. */
function userRoute(operationId: string, summary: string, query: z.ZodType) {
  const parameters = queryParameters(query);
  return {
    get: {
      operationId,
      summary,
      security: [{ walletSession: [] }],
      ...(parameters.length ? { parameters } : {}),
      responses: {
        '200': { description: 'The data, amounts as decimal strings, times in ISO 8601.', content: { 'application/json': { schema: { type: 'object' } } } },
        '400': error('A bad or unknown query parameter, named in `fields`.'),
        '401': error('No session, or a forged, expired or ended one.'),
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the public market API, made from the zod schemas the handlers
 * validate with (schemas.ts), so a parameter cannot be accepted without being described.
 */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Market API',
      version: '1.0.0',
      description: 'The game-goods market: markets (games), their categories and the lots on sale (public, read-only); and the signed-in user\'s own account under /me (a wallet session).',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        walletSession: { type: 'http', scheme: 'bearer', description: 'The token POST /wallet/login gives for a signed Sign-In with Ethereum message.' },
      },
    },
    paths: {
      '/me': userRoute('me', "The signed-in user, their profile basics and linked wallet.", meQueries.none),
      '/me/balance': userRoute('myBalance', "The user's token balance: held, waiting for payment, and worth now.", meQueries.none),
      '/me/orders': userRoute('myOrders', "The user's token orders, newest first.", meQueries.orders),
      '/me/rewards': userRoute('myRewards', "The user's referral rewards, newest first.", meQueries.rewards),
      '/markets': {
        get: {
          operationId: 'listMarkets',
          summary: 'The markets (games) on the platform.',
          responses: { '200': { description: 'The markets, in display order.', content: body(marketsResponse) } },
        },
      },
      '/categories': {
        get: {
          operationId: 'listCategories',
          summary: "A market's categories (with their active lot counts) and leagues.",
          parameters: queryParameters(categoriesQuery),
          responses: {
            '200': { description: 'The catalogue of the market.', content: body(categoriesResponse) },
            '400': error('A bad or unknown query parameter, named in `fields`.'),
            '404': error('No such market.'),
          },
        },
      },
      '/lots': {
        get: {
          operationId: 'listLots',
          summary: "A page of a category's lots on sale: filtered, searched and sorted.",
          description:
            'Prices are compared per single unit in the display currency (`currency`), converted at the live rates; lots in a currency without a fresh rate have no displayPrice, sort last by price and are left out by a price filter.',
          parameters: queryParameters(lotsQuery),
          responses: {
            '200': { description: 'One page of lot cards and the total.', content: body(lotsResponse) },
            '400': error('A bad or unknown query parameter, named in `fields`.'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          summary: 'This document.',
          responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}
