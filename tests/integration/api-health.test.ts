import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createTestDb } from '../support/db.js';
import { coreDeps } from '../support/factories.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

test('GET /health answers ok while the database answers', async () => {
  const app = createApp({ core: coreDeps(db.prisma), logger: silentLogger });
  const res = await app.request('/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  expect(res.headers.get('x-request-id')).toBeTruthy();
});

test('GET /health is 503 when the database is gone', async () => {
  const broken = { ...coreDeps(db.prisma), db: { $queryRaw: () => Promise.reject(new Error('connection refused')) } } as never;
  const app = createApp({ core: broken, logger: silentLogger });
  const res = await app.request('/health');
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: 'error', database: 'down' });
});

test('an unknown route is a JSON 404 naming it', async () => {
  const app = createApp({ core: coreDeps(db.prisma), logger: silentLogger });
  const res = await app.request('/nope', { method: 'POST' });
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: 'not_found', message: 'No route for POST /nope' });
});
