import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import type { PageEditor, PageKey, PageText } from './page-content.js';
import { type SeenDraftError, seenDraft } from './seen-draft.js';

export type PublishPageError = SeenDraftError;

/**
 * Makes the draft the live page: copies its title and body, stamps published_at and the editor,
 * and clears the draft. `version` is the draft the admin previewed; if the draft is another one
 * by now, nothing is published.
 */
export async function publishPage(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: PageKey & { version: string; editor: PageEditor },
): Promise<Result<PageText & { publishedAt: Date }, PublishPageError>> {
  const seen = await seenDraft(deps, input);
  if (!seen.ok) return seen;
  const { key, draft } = seen.value;
  const publishedAt = deps.clock.now();
  // Conditional on the draft read above: a save, discard or publish in between matches no row.
  const { count } = await deps.db.page.updateMany({
    where: { ...key, draftTitle: draft.title, draftBody: draft.body },
    data: { ...draft, draftTitle: null, draftBody: null, publishedAt, updatedAt: publishedAt, updatedById: input.editor.userId },
  });
  if (count === 0) return fail('DRAFT_CHANGED');
  return ok({ ...draft, publishedAt });
}
