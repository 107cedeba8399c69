import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort, type RunningApp, startApp } from '../support/process.js';

// The real app process, long polling a Bot API emulator on loopback (npm telegram-test-api):
// a user sends /start and presses buttons; what the bot answers arrives at the emulator.
const TOKEN = '123456:e2e-token-for-the-emulator-0000';
let server: TelegramServer;
let app: RunningApp;
let dataDir: string;

interface BotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } };
}

beforeAll(async () => {
  server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 120 });
  await server.start();
  dataDir = await mkdtemp(join(tmpdir(), 'market-e2e-bot-'));
  app = startApp({ DATA_DIR: dataDir, PORT: String(await freePort()), BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL });
  await app.waitFor(/Telegram bot @\w+ is running \(long polling\)/);
}, 240_000);

afterAll(async () => {
  app?.child.kill('SIGTERM');
  await app?.exited;
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const botMessages = (chatId: number) =>
  (server.storage.botMessages as unknown as BotMessage[]).filter((m) => String(m.message.chat_id) === String(chatId));

test('a user starts the bot and presses buttons through the Bot API', { timeout: 120_000 }, async () => {
  const client = server.getClient(TOKEN, { userId: 5001, chatId: 5001, firstName: 'Eve', userName: 'eve', type: 'private', timeout: 60_000 });

  const replied = server.waitBotMessage();
  await client.sendCommand(client.makeCommand('/start'));
  await replied;
  const [welcome] = botMessages(5001);
  expect(welcome?.message.text).toContain('Hi, Eve!');
  const buttons = welcome?.message.reply_markup?.inline_keyboard?.flat() ?? [];
  expect(buttons.map((b) => b.text)).toContain('👛 Wallet');

  // Pressing a button edits the welcome message in place.
  const wallet = buttons.find((b) => b.text === '👛 Wallet');
  const edited = server.waitBotEdits();
  await client.sendCallback(
    client.makeCallbackQuery(wallet?.callback_data ?? '', { message: { message_id: welcome?.messageId, text: welcome?.message.text } as never }),
  );
  await edited;
  expect(botMessages(5001)[0]?.message.text).toContain('MetaMask');

  // And the menu button brings the welcome screen back.
  const back = botMessages(5001)[0]?.message.reply_markup?.inline_keyboard?.flat().find((b) => b.text.includes('Menu'));
  const editedBack = server.waitBotEdits();
  await client.sendCallback(
    client.makeCallbackQuery(back?.callback_data ?? '', { message: { message_id: welcome?.messageId, text: 'x' } as never }),
  );
  await editedBack;
  expect(botMessages(5001)[0]?.message.text).toContain('Hi, Eve!');
});
