import { z } from 'zod';
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
      description: 'The game-goods market: markets (games), their categories and the lots on sale. Public, read-only.',
    },
    servers: [{ url: '/api/v1' }],
    paths: {
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
