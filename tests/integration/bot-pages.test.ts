import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pageMessage } from '../../src/bot/features/pages.js';
import type { CoreDeps } from '../../src/core/deps.js';
import { draftVersion } from '../../src/core/pages/page-content.js';
import type { Database } from '../../src/infra/database.js';
import { type ApiCall, answers, BotHarness, type TgUser, tgUser } from '../support/bot.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock } from '../support/factories.js';

const ADMIN = tgUser(900, { first_name: 'Ada' });
const ANN = tgUser(901, { first_name: 'Ann' });
const IVAN = tgUser(902, { first_name: 'Иван', language_code: 'ru' });
const MALLORY = tgUser(903, { first_name: 'Mallory' });
const OLGA = tgUser(904, { first_name: 'Ольга', language_code: 'ru' });

let db: Database;
let core: CoreDeps;
let harness: BotHarness;
const clock = fixedClock(new Date('2026-03-01T09:00:00Z'));

beforeAll(async () => {
  db = await createTestDb();
  core = coreDeps(db.prisma, { clock });
  harness = new BotHarness(core, { adminIds: [BigInt(ADMIN.id)] });
});
afterAll(() => db.close());

// Each update moves the clock a second, so the per-user flood limit (30 per 10 s) never kicks in.
async function press(user: TgUser, data: string): Promise<ApiCall[]> {
  clock.advance(1000);
  const calls = await harness.press(user, data);
  expect(answers(calls)).toHaveLength(1);
  return calls;
}
function send(user: TgUser, text: string): Promise<ApiCall[]> {
  clock.advance(1000);
  return harness.sendText(user, text);
}
const labels = () => harness.lastButtons().map((b) => b.text);
/** A button kept from an earlier screen (the last keyboard may be another user's by now). */
function dataOf(buttons: { text: string; data?: string }[], label: string): string {
  const data = buttons.find((b) => b.text.includes(label))?.data;
  if (!data) throw new Error(`no button ${label} in ${JSON.stringify(buttons)}`);
  return data;
}
const pageRow = (slug: string, language: string) => db.prisma.page.findUnique({ where: { slug_language: { slug, language } } });
const allPages = () => db.prisma.page.findMany({ orderBy: [{ slug: 'asc' }, { language: 'asc' }] });

/** Opens the page as a user would: Help from the main menu, then the page's button. */
async function openPage(user: TgUser, label?: string): Promise<string> {
  await send(user, '/menu');
  await press(user, harness.button(/Help|Помощь/));
  if (label) await press(user, harness.button(label));
  return harness.lastText();
}

/** Admin: Edit on the page, the language, the title, the body. Returns the draft's version. */
async function writeDraft(slug: string, language: 'en' | 'ru', title: string, body: string): Promise<string> {
  await press(ADMIN, `page:${slug}`);
  await press(ADMIN, harness.button('Edit'));
  await press(ADMIN, harness.button(language === 'ru' ? 'Russian version' : 'English version'));
  await send(ADMIN, title);
  await send(ADMIN, body);
  expect(harness.lastText()).toContain('saved');
  return draftVersion({ title, body });
}

describe('pages for users', () => {
  test('Help from the menu shows its default text and leads to About, Terms, FAQ and the menu (English)', async () => {
    const calls = await send(ANN, '/start');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    const help = await press(ANN, harness.button('Help'));
    expect(help.map((c) => c.method)).toEqual(['editMessageText', 'answerCallbackQuery']);
    expect(help[0]!.payload.parse_mode).toBe('HTML');
    expect(harness.lastText()).toMatch(/^<b>❓ Help<\/b>\n\nMarket is a shop inside Telegram/);
    expect(harness.lastText()).toContain('confirms the payment');
    expect(labels()).toEqual(['ℹ️ About', '📜 Terms', '💬 FAQ', '⬅️ Menu']);

    await press(ANN, harness.button('About'));
    expect(harness.lastText()).toMatch(/^<b>ℹ️ About Market<\/b>\n\n/);
    expect(harness.lastText()).toContain('Referrals');
    expect(labels()).toEqual(['⬅️ Back', '⬅️ Menu']);
    expect(harness.button('Back')).toBe('page:help');
    expect(harness.button('Menu')).toBe('menu');

    expect(await openPage(ANN, 'Terms')).toMatch(/^<b>📜 Terms of use<\/b>\n\nBy using this bot you accept these terms\./);
    expect(harness.lastText()).toContain('@market_support');
    expect(await openPage(ANN, 'FAQ')).toMatch(/^<b>💬 Frequently asked questions<\/b>\n\nHow do I buy tokens\?/);
  });

  test('Russian users get the Russian defaults of every page', async () => {
    await send(IVAN, '/start');
    await press(IVAN, harness.button('Помощь'));
    expect(harness.lastText()).toMatch(/^<b>❓ Помощь<\/b>\n\nMarket — магазин прямо в Telegram/);
    expect(labels()).toEqual(['ℹ️ О сервисе', '📜 Условия', '💬 Вопросы', '⬅️ Меню']);
    expect(await openPage(IVAN, 'О сервисе')).toMatch(/^<b>ℹ️ О Market<\/b>\n\nMarket — витрина/);
    expect(labels()).toEqual(['⬅️ Назад', '⬅️ Меню']);
    expect(await openPage(IVAN, 'Условия')).toMatch(/^<b>📜 Условия использования<\/b>\n\nПользуясь ботом/);
    expect(await openPage(IVAN, 'Вопросы')).toMatch(/^<b>💬 Частые вопросы<\/b>\n\nКак купить токены\?/);
  });

  test('a page published in the database is shown in its language, escaped; other languages keep the defaults', async () => {
    await db.prisma.page.create({
      data: { slug: 'faq', language: 'ru', title: 'Вопросы <и> ответы', body: 'Цена & сроки\nвторая строка', publishedAt: clock.now() },
    });
    // A draft that was never published is not shown to anyone.
    await db.prisma.page.create({ data: { slug: 'faq', language: 'en', draftTitle: 'Secret draft', draftBody: 'Not yet' } });
    expect(await openPage(IVAN, 'Вопросы')).toBe('<b>Вопросы &lt;и&gt; ответы</b>\n\nЦена &amp; сроки\nвторая строка');
    expect(await openPage(ANN, 'FAQ')).toMatch(/^<b>💬 Frequently asked questions<\/b>/);
    expect(harness.lastText()).not.toContain('Secret');
    await db.prisma.page.deleteMany({ where: { slug: 'faq' } });
  });

  test('/help shows Help and /terms shows Terms, as new messages', async () => {
    const help = await send(ANN, '/help');
    expect(help.map((c) => c.method)).toEqual(['sendMessage']);
    expect(harness.lastText()).toMatch(/^<b>❓ Help<\/b>/);
    expect(labels()).toContain('📜 Terms');
    const terms = await send(IVAN, '/terms');
    expect(terms.map((c) => c.method)).toEqual(['sendMessage']);
    expect(harness.lastText()).toMatch(/^<b>📜 Условия использования<\/b>/);
  });

  test('users never see the Edit button', async () => {
    for (const slug of ['help', 'about', 'terms', 'faq']) {
      await press(MALLORY, `page:${slug}`);
      expect(labels().some((label) => label.includes('Edit'))).toBe(false);
    }
  });
});

describe('editing a page as an admin', () => {
  test('admin edits title and body: users keep the old page, the preview shows the draft, publish makes it live', async () => {
    await send(ADMIN, '/start');
    const adminId = (await db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(ADMIN.id) } })).id;
    await press(ADMIN, 'page:about');
    expect(labels()).toEqual(['⬅️ Back', '⬅️ Menu', '✏️ Edit']);

    await press(ADMIN, harness.button('Edit'));
    expect(harness.lastText()).toContain('Editing the page “About”');
    expect(harness.lastText()).toContain('• Russian: default text, never published');
    expect(labels()).toEqual(['✍️ English version', '✍️ Russian version', '⬅️ Back']);

    await press(ADMIN, harness.button('Russian version'));
    expect(harness.lastText()).toContain('“About”, Russian version');
    expect(harness.lastText()).toContain('Step 1 of 2');
    expect(labels()).toEqual(['✖️ Cancel']);

    await send(ADMIN, '  О нас  ');
    expect(harness.lastText()).toContain('Step 2 of 2');
    expect(harness.lastText()).toContain('up to 4,089 characters');
    await send(ADMIN, 'Мы продаём токены.\n\nПишите нам.');
    expect(harness.lastText()).toContain('Draft of “About” (Russian) saved');
    expect(labels()).toEqual(['👁 Preview', '✅ Publish', '🗑 Discard draft', '⬅️ Back']);
    const draftScreen = harness.lastButtons();
    expect(await pageRow('about', 'ru')).toMatchObject({ title: '', body: '', draftTitle: 'О нас', draftBody: 'Мы продаём токены.\n\nПишите нам.', publishedAt: null });

    // Saved, not published: users still see the default page.
    const before = await openPage(IVAN, 'О сервисе');
    expect(before).toMatch(/^<b>ℹ️ О Market<\/b>/);

    const preview = await press(ADMIN, dataOf(draftScreen, 'Preview'));
    expect(preview.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('users do not see it yet');
    const previewText = harness.lastText();
    expect(previewText).toBe(pageMessage({ title: 'О нас', body: 'Мы продаём токены.\n\nПишите нам.' }));
    expect(labels()).toEqual(['✅ Publish', '🗑 Discard draft', '⬅️ Back']);

    await press(ADMIN, harness.button('Publish'));
    const publishedAt = clock.now();
    expect(harness.lastText()).toContain('“About” (Russian) is published');
    expect(await pageRow('about', 'ru')).toMatchObject({
      title: 'О нас',
      body: 'Мы продаём токены.\n\nПишите нам.',
      draftTitle: null,
      draftBody: null,
      publishedAt,
      updatedById: adminId,
    });

    // Users see exactly what the preview showed; the English page is untouched.
    expect(await openPage(IVAN, 'О сервисе')).toBe(previewText);
    expect(await openPage(ANN, 'About')).toMatch(/^<b>ℹ️ About Market<\/b>/);

    await press(ADMIN, 'pg.edit:about');
    expect(harness.lastText()).toContain('• Russian: published 2026-03-01');
  });

  test('an admin writing in Russian gets the editor in Russian, and publishing replaces a published page', async () => {
    await db.prisma.user.update({ where: { telegramId: BigInt(ADMIN.id) }, data: { language: 'ru' } });
    try {
      await press(ADMIN, 'page:terms');
      await press(ADMIN, harness.button('Редактировать'));
      expect(harness.lastText()).toContain('Редактирование страницы «Условия»');
      await press(ADMIN, harness.button('Английская версия'));
      expect(harness.lastText()).toContain('Шаг 1 из 2');
      expect(labels()).toEqual(['✖️ Отмена']);
      await send(ADMIN, 'Terms v1');
      await send(ADMIN, 'First terms.');
      expect(harness.lastText()).toContain('Черновик страницы «Условия» (язык: английский) сохранён');
      await press(ADMIN, harness.button('Опубликовать'));
      expect(harness.lastText()).toContain('опубликована');
    } finally {
      await db.prisma.user.update({ where: { telegramId: BigInt(ADMIN.id) }, data: { language: 'en' } });
    }
    await writeDraft('terms', 'en', 'Terms v2', 'Second terms.');
    const draftScreen = harness.lastButtons();
    expect(await openPage(ANN, 'Terms')).toBe(pageMessage({ title: 'Terms v1', body: 'First terms.' }));
    await press(ADMIN, dataOf(draftScreen, 'Publish'));
    expect(await openPage(ANN, 'Terms')).toBe(pageMessage({ title: 'Terms v2', body: 'Second terms.' }));
  });

  test('discarding a draft keeps the published page', async () => {
    const live = await openPage(ANN, 'Terms');
    await writeDraft('terms', 'en', 'Terms v3', 'Unwanted terms.');
    await press(ADMIN, harness.button('Discard'));
    expect(harness.lastText()).toContain('The draft of “Terms” (English) is discarded');
    expect(labels()).toEqual(['📄 Open the page', '✏️ Edit']);
    expect(await pageRow('terms', 'en')).toMatchObject({ title: 'Terms v2', body: 'Second terms.', draftTitle: null, draftBody: null });
    expect(await openPage(ANN, 'Terms')).toBe(live);
  });

  test('a waiting draft can be found again from the editor screen', async () => {
    await writeDraft('faq', 'en', 'FAQ draft', 'Draft answers.');
    await press(ADMIN, 'page:faq');
    await press(ADMIN, harness.button('Edit'));
    expect(harness.lastText()).toContain('• English: default text, never published (a draft is waiting)');
    await press(ADMIN, harness.button('English draft'));
    expect(harness.lastText()).toBe(pageMessage({ title: 'FAQ draft', body: 'Draft answers.' }));
    await press(ADMIN, harness.button('Discard'));
    expect(await pageRow('faq', 'en')).toMatchObject({ draftTitle: null, publishedAt: null });
  });

  test('an empty or too long title or body, or a non-text message, is refused with the reason and changes nothing', async () => {
    await press(ADMIN, 'page:help');
    await press(ADMIN, harness.button('Edit'));
    await press(ADMIN, harness.button('English version'));

    await send(ADMIN, '   ');
    expect(harness.lastText()).toBe('The title is empty. Send the title as text.');
    expect(labels()).toEqual(['✖️ Cancel']);
    await send(ADMIN, 'T'.repeat(129));
    expect(harness.lastText()).toBe('The title has 129 characters; the limit is 128. Send a shorter one.');
    await harness.sendMessage(ADMIN, { sticker: { file_id: 's', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    expect(harness.lastText()).toBe('Please send it as a text message.');
    await send(ADMIN, 'Help v2');
    expect(harness.lastText()).toContain('Step 2 of 2');

    await send(ADMIN, ' \n ');
    expect(harness.lastText()).toBe('The page text is empty. Send the text of the page.');
    await send(ADMIN, 'x'.repeat(4097));
    expect(harness.lastText()).toBe(
      'The text has 4,097 characters, but a Telegram message holds at most 4096, so with this title the page can have at most 4,087. Shorten it and send it again.',
    );
    expect(labels()).toEqual(['✖️ Cancel']);
    expect(await pageRow('help', 'en')).toBeNull();

    // Still on step 2: a body that starts with a command but goes on is page text, not a command.
    await send(ADMIN, '/help opens this page.\nAsk us anything.');
    expect(harness.lastText()).toContain('Draft of “Help” (English) saved');
    expect(await pageRow('help', 'en')).toMatchObject({ draftTitle: 'Help v2', draftBody: '/help opens this page.\nAsk us anything.', publishedAt: null });
    await press(ADMIN, harness.button('Discard'));
  });

  test('Cancel at either step, a command or another button leaves the editor with nothing saved', async () => {
    const before = await allPages();

    await press(ADMIN, 'pg.write:about:en');
    const cancelled = await press(ADMIN, harness.button('Cancel'));
    expect(cancelled.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(harness.lastText()).toBe('Editing cancelled. Nothing was saved.');

    await press(ADMIN, 'pg.write:about:en');
    await send(ADMIN, 'Half-written title');
    await press(ADMIN, harness.button('Cancel'));
    expect(harness.lastText()).toBe('Editing cancelled. Nothing was saved.');

    await press(ADMIN, 'pg.write:about:en');
    await send(ADMIN, 'Another title');
    await send(ADMIN, '/menu');
    expect(harness.lastText()).toContain('Hi, Ada!');

    await press(ADMIN, 'pg.write:about:en');
    await press(ADMIN, 'page:faq');
    expect(harness.lastText()).toMatch(/^<b>💬 Frequently asked questions<\/b>/);

    // The editor is gone: text now is just text.
    await send(ADMIN, 'A body nobody asked for');
    expect(harness.lastText()).toContain("didn't understand");
    expect(await allPages()).toEqual(before);

    // A Cancel button from an editor that ended already just shows the page.
    await press(ADMIN, 'pg.cancel:about');
    expect(harness.lastText()).toMatch(/^<b>ℹ️ About Market<\/b>/);
  });

  test('a publish button for a draft that changed since does not publish it', async () => {
    const first = await writeDraft('help', 'ru', 'Помощь 1', 'Первая версия.');
    await writeDraft('help', 'ru', 'Помощь 2', 'Вторая версия.');
    const before = await pageRow('help', 'ru');
    const calls = await press(ADMIN, `pg.pub:help:ru:${first}`);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload).toMatchObject({ text: expect.stringContaining('The draft has changed'), show_alert: true });
    expect(await pageRow('help', 'ru')).toEqual(before);
  });

  test('an admin by database role (not in ADMIN_TELEGRAM_IDS) can edit too', async () => {
    await send(OLGA, '/start');
    await db.prisma.user.update({ where: { telegramId: BigInt(OLGA.id) }, data: { roles: ['BUYER', 'ADMIN'] } });
    await press(OLGA, 'page:faq');
    expect(labels()).toContain('✏️ Редактировать');
    await db.prisma.user.update({ where: { telegramId: BigInt(OLGA.id) }, data: { roles: ['BUYER'] } });
  });
});

describe('forged editor buttons', () => {
  test('a non-admin pressing any editor button is told "not allowed" and nothing changes', async () => {
    const version = (await writeDraft('about', 'en', 'About draft', 'Waiting.'))!;
    const before = await allPages();
    await send(MALLORY, '/start');
    for (const data of ['pg.edit:about', 'pg.write:about:en', 'pg.view:about:en', `pg.pub:about:en:${version}`, `pg.drop:about:en:${version}`]) {
      const calls = await press(MALLORY, data);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { text: 'Not allowed.', show_alert: true } });
    }
    // No editor was entered: the next text is not taken as a title.
    await send(MALLORY, 'Hacked title');
    expect(harness.lastText()).toContain("didn't understand");
    expect(await allPages()).toEqual(before);

    const ru = await press(OLGA, `pg.pub:about:en:${version}`);
    expect(ru[0]!.payload.text).toBe('Нет доступа.');
    expect(await allPages()).toEqual(before);
  });

  test('editor buttons with data that does not parse are out of date', async () => {
    for (const data of ['pg.edit:secret', 'pg.write:about:de', 'pg.pub:about:en:short', 'pg.drop:about', 'pg.view']) {
      const calls = await press(ADMIN, data);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.payload.text).toContain('out of date');
    }
  });
});
