// The public market API under /api/v1 through app.request: the catalogue and the lot listing,
// 400s that name each bad parameter, and the OpenAPI document that describes every route and
// parameter the router has.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { apiV1 } from '../../src/api/v1/index.js';
import { categoriesQuery, categoriesResponse, lotsQuery, lotsResponse, marketsResponse } from '../../src/api/v1/schemas.js';
import type { MarketDeps } from '../../src/core/market/deps.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createTestDb } from '../support/db.js';
import { makeLot, makeMarket, makeSeller, marketDeps } from '../support/factories.js';

let db: Database;
let deps: MarketDeps;
let app: ReturnType<typeof createApp>;
let ids: { market: number; slug: string; category: number; league: number; cheap: number; dear: number };

beforeAll(async () => {
  db = await createTestDb();
  deps = marketDeps(db.prisma);
  app = createApp({ core: deps, logger: silentLogger, apiV1: { market: deps } });
  const { market, category, league } = await makeMarket(db.prisma, { slug: 'wow' });
  await db.prisma.market.update({ where: { id: market.id }, data: { posterUrl: 'https://cdn.example/wow.png', posterFileId: 'secret-file-id' } });
  const seller = await makeSeller(db.prisma, { firstName: 'Sam' });
  const cheap = await makeLot(db.prisma, seller.id, category.id, { price: '50', currency: 'RUB', platform: 'PC', leagueId: league.id, shortDescription: 'Cheap gold' });
  const dear = await makeLot(db.prisma, seller.id, category.id, { price: '1', currency: 'USD', platform: 'IOS', shortDescription: 'Dear gold' });
  ids = { market: market.id, slug: market.slug, category: category.id, league: league.id, cheap: cheap.id, dear: dear.id };
});
afterAll(async () => {
  await db?.close();
});

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
};

describe('GET /api/v1 market endpoints', () => {
  it('/markets lists the markets (no Telegram file ids)', async () => {
    const { status, body } = await get('/api/v1/markets');
    expect(status).toBe(200);
    expect(marketsResponse.parse(body).markets).toEqual([expect.objectContaining({ id: ids.market, slug: 'wow', posterUrl: 'https://cdn.example/wow.png' })]);
    expect(JSON.stringify(body)).not.toContain('secret-file-id');
  });

  it('/categories?market= by slug or id; an unknown market is 404', async () => {
    const bySlug = await get('/api/v1/categories?market=wow');
    expect(bySlug.status).toBe(200);
    expect(categoriesResponse.parse(bySlug.body)).toMatchObject({ market: { id: ids.market }, categories: [{ id: ids.category, lotCount: 2, lotType: 'MULTIPLE' }], leagues: [{ id: ids.league }] });
    expect((await get(`/api/v1/categories?market=${ids.market}`)).body).toEqual(bySlug.body);
    expect(await get('/api/v1/categories?market=nope')).toEqual({ status: 404, body: { error: 'market_not_found', message: 'No market nope.' } });
  });

  it('/lots: filters, sort, paging, the display currency; bigints as strings', async () => {
    const all = await get(`/api/v1/lots?category=${ids.category}`);
    expect(all.status).toBe(200);
    const page = lotsResponse.parse(all.body);
    // 50 RUB vs 1 USD = 90 RUB.
    expect(page.items.map((i) => i.id)).toEqual([ids.cheap, ids.dear]);
    expect(page.items[1]).toMatchObject({ price: '1', priceUnit: '1', quantity: '100', currency: 'USD', displayPrice: { price: '90.00', currency: 'RUB' } });
    const filtered = lotsResponse.parse((await get(`/api/v1/lots?category=${ids.category}&platform=IOS&sort=newest&currency=USD&minPrice=0.5&maxPrice=2&q=gold&page=1&pageSize=10`)).body);
    expect(filtered).toMatchObject({ total: 1, displayCurrency: 'USD', pageSize: 10, items: [{ id: ids.dear, displayPrice: { price: '1.00', currency: 'USD' } }] });
    const league = lotsResponse.parse((await get(`/api/v1/lots?category=${ids.category}&league=${ids.league}&language=EN`)).body);
    expect(league.total).toBe(0);
    const paged = lotsResponse.parse((await get(`/api/v1/lots?category=${ids.category}&sort=price_desc&pageSize=1&page=2`)).body);
    expect(paged).toMatchObject({ total: 2, items: [{ id: ids.cheap }] });
  });

  it('bad parameters: a 400 that names each one, and why', async () => {
    const bad = await get('/api/v1/lots?category=abc&platform=XBOX&sort=cheap&pageSize=500&minPrice=1,5&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'bad_request', message: 'Bad query parameters: category, platform, minPrice, sort, pageSize, colour.' });
    expect(bad.body.fields).toEqual({
      category: 'expected a positive whole number (a category id)',
      platform: expect.stringContaining('PC'),
      sort: expect.stringContaining('price'),
      pageSize: 'at most 50',
      minPrice: 'expected a decimal number such as 12.50',
      colour: 'not a parameter of this endpoint',
    });
    expect((await get('/api/v1/lots')).body.fields).toEqual({ category: expect.any(String) });
    expect((await get(`/api/v1/lots?category=${ids.category}&minPrice=5&maxPrice=1`)).body.fields).toEqual({ maxPrice: 'must not be below minPrice' });
    expect((await get(`/api/v1/lots?category=${ids.category}&currency=GBP`))).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'Bad query parameter: currency.', fields: { currency: 'expected one of RUB, USD, EUR' } },
    });
    expect((await get(`/api/v1/lots?category=${ids.category}&q=${'x'.repeat(101)}`)).body.fields).toEqual({ q: 'at most 100 characters' });
    expect((await get('/api/v1/categories')).body.fields).toEqual({ market: expect.any(String) });
    expect((await get('/api/v1/categories?market=Bad Slug')).status).toBe(400);
  });
});

describe('GET /api/v1/openapi.json', () => {
  type Operation = { operationId: string; parameters?: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> };
  let doc: { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    expect(status).toBe(200);
    doc = body as unknown as typeof doc;
  });

  it('is an OpenAPI 3.1 document in shape', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\//);
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
        expect(operationIds.has(op.operationId)).toBe(false);
        operationIds.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [code, response] of Object.entries(op.responses)) {
          expect(code).toMatch(/^[1-5]\d\d$/);
          expect(response.description).toEqual(expect.any(String));
          for (const media of Object.values(response.content ?? {})) expect(media.schema).toEqual(expect.any(Object));
        }
        const seen = new Set<string>();
        for (const p of op.parameters ?? []) {
          expect(p.in).toBe('query');
          expect(typeof p.required).toBe('boolean');
          expect(p.schema).toEqual(expect.any(Object));
          expect(seen.has(p.name)).toBe(false);
          seen.add(p.name);
        }
      }
    }
  });

  it('every $ref resolves inside the document', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\//);
      const target = ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it('describes every route of the router, and every parameter each one accepts', () => {
    const router = apiV1({ core: deps, market: deps });
    const routes = router.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path]?.[method], route).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual([...new Set(routes)].sort());
    const params = (path: string) => (doc.paths[path]?.get?.parameters ?? []).map((p) => [p.name, p.required]);
    expect(params('/lots')).toEqual(Object.keys(lotsQuery.shape).map((name) => [name, name === 'category']));
    expect(params('/categories')).toEqual([['market', true]]);
    expect(Object.keys(categoriesQuery.shape)).toEqual(['market']);
    expect(doc.paths['/lots']?.get?.parameters?.find((p) => p.name === 'sort')?.schema).toMatchObject({ enum: ['price', 'price_desc', 'newest', 'rating'] });
    expect(doc.paths['/lots']?.get?.parameters?.find((p) => p.name === 'pageSize')?.schema).toMatchObject({ type: 'integer', maximum: 50 });
  });
});
