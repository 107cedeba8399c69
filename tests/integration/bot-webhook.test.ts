import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Database } from '../../src/infra/database.js';
import { silentLogger } from '../../src/infra/logger.js';
import { BotHarness } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps } from '../support/factories.js';

const SECRET = 'webhook-secret_123';
let db: Database;
let harness: BotHarness;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await createTestDb();
  const core = coreDeps(db.prisma);
  harness = new BotHarness(core);
  app = createApp({ core, logger: silentLogger, telegram: { bot: harness.bot, secret: SECRET } });
});
afterAll(() => db.close());

const startUpdate = (updateId: number, userId: number) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 1_700_000_000,
    chat: { id: userId, type: 'private', first_name: 'Web' },
    from: { id: userId, is_bot: false, first_name: 'Web', language_code: 'en' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});

const post = (body: string, secret?: string) =>
  app.request('/webhooks/telegram', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
  });

test('an update with the right secret token is handled by the bot', async () => {
  const before = harness.calls.length;
  const res = await post(JSON.stringify(startUpdate(1, 9001)), SECRET);
  expect(res.status).toBe(200);
  expect(harness.since(before).map((c) => c.method)).toEqual(['sendMessage']);
  expect(await db.prisma.user.count({ where: { telegramId: 9001n } })).toBe(1);
});

test.each([
  ['no secret token', undefined],
  ['a wrong secret token', 'nope'],
  ['a secret that is a prefix of the right one', SECRET.slice(0, -1)],
])('%s is rejected with 401 and nothing happens', async (_, secret) => {
  const before = harness.calls.length;
  const res = await post(JSON.stringify(startUpdate(2, 9002)), secret);
  expect(res.status).toBe(401);
  expect(harness.since(before)).toEqual([]);
  expect(await db.prisma.user.count({ where: { telegramId: 9002n } })).toBe(0);
});

test.each([['{not json'], ['[]'], ['{"message":{}}'], ['{"update_id":"1"}'], ['null']])('body %s is a 400', async (body) => {
  const res = await post(body, SECRET);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toBe('bad_request');
});
