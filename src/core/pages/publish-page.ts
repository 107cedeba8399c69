import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { draftVersion, type PageEditor, type PageKey, type PageText } from './page-content.js';

export type PublishPageError = 'NOT_ALLOWED' | 'NO_DRAFT' | 'DRAFT_CHANGED';

/**
 * Makes the draft the live page: copies its title and body, stamps published_at and the editor,
 * and clears the draft. `version` is the draft the admin previewed; if the draft is another one
 * by now, nothing is published.
 */
export async function publishPage(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: PageKey & { version: string; editor: PageEditor },
): Promise<Result<PageText & { publishedAt: Date }, PublishPageError>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const key = { slug: input.slug, language: input.language };
  const row = await deps.db.page.findUnique({ where: { slug_language: key }, select: { draftTitle: true, draftBody: true } });
  if (row?.draftTitle == null || row.draftBody == null) return fail('NO_DRAFT');
  const draft = { title: row.draftTitle, body: row.draftBody };
  if (draftVersion(draft) !== input.version) return fail('DRAFT_CHANGED');
  const publishedAt = deps.clock.now();
  // Conditional on the draft read above: a save, discard or publish in between matches no row.
  const { count } = await deps.db.page.updateMany({
    where: { ...key, draftTitle: draft.title, draftBody: draft.body },
    data: { ...draft, draftTitle: null, draftBody: null, publishedAt, updatedAt: publishedAt, updatedById: input.editor.userId },
  });
  if (count === 0) return fail('DRAFT_CHANGED');
  return ok({ ...draft, publishedAt });
}
