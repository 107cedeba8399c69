import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { LANGUAGES, type Language } from '../users/language.js';
import type { PageEditor, PageSlug } from './page-content.js';

export interface PageLanguageStatus {
  language: Language;
  /** When the live version was published; null while users see the default texts. */
  publishedAt: Date | null;
  hasDraft: boolean;
}

/** For the editor's screen: per language, whether the page is published and a draft waits. */
export async function pageEditStatus(
  deps: Pick<CoreDeps, 'db'>,
  input: { slug: PageSlug; editor: PageEditor },
): Promise<Result<PageLanguageStatus[], 'NOT_ALLOWED'>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const rows = await deps.db.page.findMany({
    where: { slug: input.slug, language: { in: [...LANGUAGES] } },
    select: { language: true, publishedAt: true, draftTitle: true },
  });
  return ok(
    LANGUAGES.map((language) => {
      const row = rows.find((r) => r.language === language);
      return { language, publishedAt: row?.publishedAt ?? null, hasDraft: row?.draftTitle != null };
    }),
  );
}
