import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort, startApp } from '../support/process.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

test('with no environment the app migrates, seeds the demo sale, serves /health and says the bot is off', { timeout: 240_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'market-start-'));
  dirs.push(dataDir);
  const port = await freePort();
  // Only DATA_DIR and PORT, so the test does not write ./data or collide on 3000.
  const app = startApp({ DATA_DIR: dataDir, PORT: String(port) });
  await app.waitFor(/HTTP API on/);
  expect(app.output()).toMatch(/migrations applied/);
  expect(app.output()).toMatch(/seeded the demo token MKT/);
  expect(app.output()).toMatch(/Telegram bot is off: set BOT_TOKEN/);
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);

  // Started again on the same data: nothing to migrate, nothing to seed, the data is still there.
  const again = startApp({ DATA_DIR: dataDir, PORT: String(port) });
  await again.waitFor(/HTTP API on/);
  expect(again.output()).not.toMatch(/migrations applied|seeded/);
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
});

test.each([
  ['PORT', 'not-a-port', /^Invalid configuration: PORT: expected a whole number from 1 to 65535$/],
  ['DATABASE_URL', 'mysql://nope', /^Invalid configuration: DATABASE_URL: expected a postgresql:\/\/ connection string$/],
  ['BOT_MODE', 'carrier-pigeon', /^Invalid configuration: BOT_MODE: expected polling or webhook$/],
])('a malformed %s stops start-up with one line naming it', { timeout: 60_000 }, async (name, value, expected) => {
  const app = startApp({ [name]: value, DATA_DIR: join(tmpdir(), 'market-never-created') });
  expect(await app.exited).toBe(1);
  const lines = app.output().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(expected);
});
