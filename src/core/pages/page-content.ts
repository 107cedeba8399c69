import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../result.js';
import type { Language } from '../users/language.js';

/**
 * The static pages: Help, About, Terms, FAQ, one version per language, stored in `pages`.
 *
 * Default content: a page that was never published in a language is shown with default texts
 * kept in the bot's locale files (pages.ftl), not seeded into the database on first read. So the
 * defaults are translated and reviewed with the rest of the interface and improve with a deploy
 * until an admin takes a page over; a read never writes (no race between instances seeding the
 * same row); and the table holds only what an admin actually wrote and published. The core says
 * which case it is (`source: 'default'`), the bot picks the texts.
 */
export const PAGE_SLUGS = ['help', 'about', 'terms', 'faq'] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

/** Telegram's limit for one text message. A page is one message: the title, a blank line, the body. */
export const MESSAGE_LIMIT = 4096;
export const TITLE_MAX = 128;
const SEPARATOR = '\n\n';

/** Who edits: the bot decides `isAdmin` (database role or ADMIN_TELEGRAM_IDS); the core refuses everyone else. */
export interface PageEditor {
  userId: number;
  isAdmin: boolean;
}

export interface PageKey {
  slug: PageSlug;
  language: Language;
}

export interface PageText {
  title: string;
  body: string;
}

export type PageTextError = 'TITLE_EMPTY' | 'TITLE_TOO_LONG' | 'BODY_EMPTY' | 'BODY_TOO_LONG';

/**
 * A title is one line: line breaks and runs of spaces become one space (it is shown in bold above
 * the body, where a broken line would look like part of the body).
 */
export function checkPageTitle(raw: string): Result<string, PageTextError> {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) return fail('TITLE_EMPTY');
  if (title.length > TITLE_MAX) return fail('TITLE_TOO_LONG', { length: String(title.length), max: String(TITLE_MAX) });
  return ok(title);
}

/**
 * The longest body that still fits one message under this title. Lengths are UTF-16 code units
 * (String.length), how Telegram measures text; it is never less than the number of characters.
 */
export function bodyLimit(title: string): number {
  return MESSAGE_LIMIT - title.length - SEPARATOR.length;
}

/** The body keeps its lines; only whitespace around it goes. */
export function checkPageBody(title: string, raw: string): Result<string, PageTextError> {
  const body = raw.trim();
  if (!body) return fail('BODY_EMPTY');
  const max = bodyLimit(title);
  if (body.length > max) return fail('BODY_TOO_LONG', { length: String(body.length), max: String(max) });
  return ok(body);
}

export function checkPageText(input: PageText): Result<PageText, PageTextError> {
  const title = checkPageTitle(input.title);
  if (!title.ok) return title;
  const body = checkPageBody(title.value, input.body);
  if (!body.ok) return body;
  return ok({ title: title.value, body: body.value });
}

/**
 * A short fingerprint of a draft's text. Publish and discard name the version the admin saw, so a
 * draft that changed in between (another admin saved over it) is never published unseen.
 */
export function draftVersion(text: PageText): string {
  return createHash('sha256').update(text.title).update('\u0000').update(text.body).digest('base64url').slice(0, 12);
}

export const DRAFT_VERSION_PATTERN = /^[A-Za-z0-9_-]{12}$/;

export function isPageSlug(value: string): value is PageSlug {
  return (PAGE_SLUGS as readonly string[]).includes(value);
}
