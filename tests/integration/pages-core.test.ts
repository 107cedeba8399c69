import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { discardPageDraft } from '../../src/core/pages/discard-page-draft.js';
import { getPage } from '../../src/core/pages/get-page.js';
import { getPageDraft } from '../../src/core/pages/get-page-draft.js';
import { bodyLimit, checkPageBody, checkPageTitle, draftVersion, MESSAGE_LIMIT, type PageEditor, TITLE_MAX } from '../../src/core/pages/page-content.js';
import { pageEditStatus } from '../../src/core/pages/page-edit-status.js';
import { publishPage } from '../../src/core/pages/publish-page.js';
import { savePageDraft } from '../../src/core/pages/save-page-draft.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeUser } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
let admin: PageEditor;
let stranger: PageEditor;
const clock = fixedClock(new Date('2026-02-01T10:00:00Z'));

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma, { clock });
  admin = { userId: (await makeUser(db.prisma)).id, isAdmin: true };
  stranger = { userId: (await makeUser(db.prisma)).id, isAdmin: false };
});
afterAll(() => db.close());

const row = (slug: string, language: string) => db.prisma.page.findUnique({ where: { slug_language: { slug, language } } });

async function saveDraft(slug: 'help' | 'about' | 'terms' | 'faq', language: 'en' | 'ru', title: string, body: string) {
  const saved = await savePageDraft(deps, { slug, language, title, body, editor: admin });
  if (!saved.ok) throw new Error(saved.code);
  return saved.value;
}

describe('page text rules', () => {
  test('a title is one trimmed line, not empty, at most TITLE_MAX characters', () => {
    expect(checkPageTitle('  Help\n and   more ')).toEqual({ ok: true, value: 'Help and more' });
    expect(checkPageTitle(' \n\t ')).toMatchObject({ ok: false, code: 'TITLE_EMPTY' });
    expect(checkPageTitle('x'.repeat(TITLE_MAX))).toMatchObject({ ok: true });
    expect(checkPageTitle('x'.repeat(TITLE_MAX + 1))).toEqual({
      ok: false,
      code: 'TITLE_TOO_LONG',
      details: { length: String(TITLE_MAX + 1), max: String(TITLE_MAX) },
    });
  });

  test('title, blank line and body fit one Telegram message, to the character', () => {
    const title = 'Terms';
    expect(bodyLimit(title)).toBe(MESSAGE_LIMIT - title.length - 2);
    expect(checkPageBody(title, 'y'.repeat(bodyLimit(title)))).toMatchObject({ ok: true });
    expect(checkPageBody(title, 'y'.repeat(bodyLimit(title) + 1))).toEqual({
      ok: false,
      code: 'BODY_TOO_LONG',
      details: { length: String(bodyLimit(title) + 1), max: String(bodyLimit(title)) },
    });
    expect(checkPageBody(title, '  \n ')).toMatchObject({ ok: false, code: 'BODY_EMPTY' });
    expect(checkPageBody(title, '\n line one\n\nline two \n')).toEqual({ ok: true, value: 'line one\n\nline two' });
  });

  test('the draft version changes with the title or the body', () => {
    const base = draftVersion({ title: 'a', body: 'b' });
    expect(base).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(draftVersion({ title: 'a', body: 'b' })).toBe(base);
    expect(draftVersion({ title: 'a', body: 'c' })).not.toBe(base);
    expect(draftVersion({ title: 'ab', body: '' })).not.toBe(draftVersion({ title: 'a', body: 'b' }));
  });
});

describe('getPage', () => {
  test('a page never published gives the defaults, even with a draft waiting', async () => {
    expect(await getPage(deps, { slug: 'about', language: 'en' })).toEqual({ source: 'default' });
    await saveDraft('about', 'en', 'Draft title', 'Draft body');
    expect(await getPage(deps, { slug: 'about', language: 'en' })).toEqual({ source: 'default' });
  });

  test('a published page gives its live title and body, per language', async () => {
    await db.prisma.page.create({ data: { slug: 'faq', language: 'ru', title: 'Вопросы', body: 'Ответы', publishedAt: clock.now() } });
    expect(await getPage(deps, { slug: 'faq', language: 'ru' })).toEqual({ source: 'published', title: 'Вопросы', body: 'Ответы', publishedAt: clock.now() });
    expect(await getPage(deps, { slug: 'faq', language: 'en' })).toEqual({ source: 'default' });
  });
});

describe('drafts: save, preview, publish, discard', () => {
  test('saving a draft leaves the live page alone and can be previewed by admins only', async () => {
    await db.prisma.page.create({ data: { slug: 'help', language: 'en', title: 'Old', body: 'Old body', publishedAt: new Date('2026-01-01T00:00:00Z') } });
    const saved = await saveDraft('help', 'en', '  New  ', '\nNew body\n');
    expect(saved).toEqual({ title: 'New', body: 'New body', version: draftVersion({ title: 'New', body: 'New body' }) });
    expect(await row('help', 'en')).toMatchObject({ title: 'Old', body: 'Old body', draftTitle: 'New', draftBody: 'New body', updatedById: null });
    expect(await getPage(deps, { slug: 'help', language: 'en' })).toMatchObject({ title: 'Old', body: 'Old body' });
    expect(await getPageDraft(deps, { slug: 'help', language: 'en', editor: admin })).toEqual({ ok: true, value: saved });
    expect(await getPageDraft(deps, { slug: 'help', language: 'en', editor: stranger })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await getPageDraft(deps, { slug: 'help', language: 'ru', editor: admin })).toEqual({ ok: false, code: 'NO_DRAFT' });
  });

  test('publishing copies the draft to the live page, stamps time and editor, clears the draft', async () => {
    const saved = await saveDraft('terms', 'ru', 'Условия', 'Текст условий');
    clock.advance(60_000);
    const published = await publishPage(deps, { slug: 'terms', language: 'ru', version: saved.version, editor: admin });
    expect(published).toEqual({ ok: true, value: { title: 'Условия', body: 'Текст условий', publishedAt: clock.now() } });
    expect(await row('terms', 'ru')).toMatchObject({
      title: 'Условия',
      body: 'Текст условий',
      draftTitle: null,
      draftBody: null,
      publishedAt: clock.now(),
      updatedAt: clock.now(),
      updatedById: admin.userId,
    });
    expect(await getPage(deps, { slug: 'terms', language: 'ru' })).toMatchObject({ source: 'published', title: 'Условия' });
    // Pressed twice: the draft is gone.
    expect(await publishPage(deps, { slug: 'terms', language: 'ru', version: saved.version, editor: admin })).toEqual({ ok: false, code: 'NO_DRAFT' });
  });

  test('a draft that changed since the preview is not published', async () => {
    const first = await saveDraft('about', 'ru', 'Первый', 'Первый текст');
    await saveDraft('about', 'ru', 'Второй', 'Второй текст');
    expect(await publishPage(deps, { slug: 'about', language: 'ru', version: first.version, editor: admin })).toEqual({ ok: false, code: 'DRAFT_CHANGED' });
    expect(await row('about', 'ru')).toMatchObject({ publishedAt: null, title: '', draftTitle: 'Второй' });
  });

  test('discarding drops the draft and keeps the live page', async () => {
    await db.prisma.page.create({ data: { slug: 'faq', language: 'en', title: 'FAQ', body: 'Live', publishedAt: clock.now() } });
    const saved = await saveDraft('faq', 'en', 'FAQ 2', 'Not wanted');
    expect(await discardPageDraft(deps, { slug: 'faq', language: 'en', version: 'AAAAAAAAAAAA', editor: admin })).toEqual({ ok: false, code: 'DRAFT_CHANGED' });
    expect(await discardPageDraft(deps, { slug: 'faq', language: 'en', version: saved.version, editor: admin })).toEqual({ ok: true, value: null });
    expect(await row('faq', 'en')).toMatchObject({ title: 'FAQ', body: 'Live', draftTitle: null, draftBody: null });
    expect(await discardPageDraft(deps, { slug: 'faq', language: 'en', version: saved.version, editor: admin })).toEqual({ ok: false, code: 'NO_DRAFT' });
  });

  test('non-admins can neither save, publish nor discard, and nothing changes', async () => {
    const saved = await saveDraft('help', 'ru', 'Помощь', 'Черновик');
    const before = await row('help', 'ru');
    const input = { slug: 'help' as const, language: 'ru' as const, editor: stranger };
    expect(await savePageDraft(deps, { ...input, title: 'Hacked', body: 'Hacked' })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await publishPage(deps, { ...input, version: saved.version })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await discardPageDraft(deps, { ...input, version: saved.version })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await pageEditStatus(deps, { slug: 'help', editor: stranger })).toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await row('help', 'ru')).toEqual(before);
  });

  test('bad text is refused by the core too, with nothing saved', async () => {
    const before = await row('help', 'en');
    expect(await savePageDraft(deps, { slug: 'help', language: 'en', title: 'T', body: ' ', editor: admin })).toMatchObject({ ok: false, code: 'BODY_EMPTY' });
    expect(await savePageDraft(deps, { slug: 'help', language: 'en', title: 'T', body: 'z'.repeat(MESSAGE_LIMIT), editor: admin })).toMatchObject({
      ok: false,
      code: 'BODY_TOO_LONG',
    });
    expect(await savePageDraft(deps, { slug: 'help', language: 'en', title: '', body: 'z', editor: admin })).toMatchObject({ ok: false, code: 'TITLE_EMPTY' });
    expect(await row('help', 'en')).toEqual(before);
  });

  test('the editor status tells, per language, what is published and which drafts wait', async () => {
    const status = await pageEditStatus(deps, { slug: 'help', editor: admin });
    expect(status).toEqual({
      ok: true,
      value: [
        { language: 'en', publishedAt: new Date('2026-01-01T00:00:00Z'), hasDraft: true },
        { language: 'ru', publishedAt: null, hasDraft: true },
      ],
    });
  });
});
