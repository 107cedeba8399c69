import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { draftVersion, type PageEditor, type PageKey, type PageText } from './page-content.js';

export type PageDraft = PageText & { version: string };
export type GetPageDraftError = 'NOT_ALLOWED' | 'NO_DRAFT';

/** The unpublished draft of a page, for an admin's preview; users never get it. */
export async function getPageDraft(deps: Pick<CoreDeps, 'db'>, input: PageKey & { editor: PageEditor }): Promise<Result<PageDraft, GetPageDraftError>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const row = await deps.db.page.findUnique({
    where: { slug_language: { slug: input.slug, language: input.language } },
    select: { draftTitle: true, draftBody: true },
  });
  if (row?.draftTitle == null || row.draftBody == null) return fail('NO_DRAFT');
  const draft = { title: row.draftTitle, body: row.draftBody };
  return ok({ ...draft, version: draftVersion(draft) });
}
