import type { PageEditor, PageSlug, PageTextError } from '../../core/pages/page-content.js';
import type { Fail } from '../../core/result.js';
import type { Language } from '../../core/users/language.js';
import type { ConversationContext } from '../context.js';
import { isAdmin } from '../roles.js';

// Shared by the pages feature and its editing conversation. Typed on ConversationContext, which
// the outside BotContext also satisfies, so both can use them.

/** The acting user for the core's page use cases; undefined for an update without a sender. */
export function pageEditor(ctx: ConversationContext): PageEditor | undefined {
  return ctx.account ? { userId: ctx.account.id, isAdmin: isAdmin(ctx) } : undefined;
}

export type PageFailureCode = PageTextError | 'NOT_ALLOWED' | 'NO_DRAFT' | 'DRAFT_CHANGED';

/** The one place where the core's page failure codes become texts. */
export function pageFailureText(ctx: ConversationContext, failure: Fail<PageFailureCode>): string {
  // Numbers, not strings, so Fluent writes them the reader's way (4,089 / 4 089).
  const limits = { length: Number(failure.details?.length ?? 0), max: Number(failure.details?.max ?? 0) };
  switch (failure.code) {
    case 'NOT_ALLOWED':
      return ctx.t('not-allowed');
    case 'NO_DRAFT':
      return ctx.t('pages-no-draft');
    case 'DRAFT_CHANGED':
      return ctx.t('pages-draft-changed');
    case 'TITLE_EMPTY':
      return ctx.t('pages-title-empty');
    case 'TITLE_TOO_LONG':
      return ctx.t('pages-title-too-long', limits);
    case 'BODY_EMPTY':
      return ctx.t('pages-body-empty');
    case 'BODY_TOO_LONG':
      return ctx.t('pages-body-too-long', limits);
  }
}

/** "Help", "FAQ"...: the page's name in the reader's language. */
export function pageName(ctx: ConversationContext, slug: PageSlug): string {
  return ctx.t('pages-name', { slug });
}

/** The name of a page's language version, in the reader's language. */
export function languageName(ctx: ConversationContext, language: Language): string {
  return ctx.t('pages-language', { language });
}
