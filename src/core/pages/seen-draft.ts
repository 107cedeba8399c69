import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { draftVersion, type PageEditor, type PageKey, type PageText } from './page-content.js';

export type SeenDraftError = 'NOT_ALLOWED' | 'NO_DRAFT' | 'DRAFT_CHANGED';

/**
 * The page's draft, if the editor is an admin and it is still the one they saw (`version`): what
 * publishing and discarding act on. Their writes stay conditional on this draft's text, so a save
 * in between still makes them miss.
 */
export async function seenDraft(
  deps: Pick<CoreDeps, 'db'>,
  input: PageKey & { version: string; editor: PageEditor },
): Promise<Result<{ key: PageKey; draft: PageText }, SeenDraftError>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const key = { slug: input.slug, language: input.language };
  const row = await deps.db.page.findUnique({ where: { slug_language: key }, select: { draftTitle: true, draftBody: true } });
  if (row?.draftTitle == null || row.draftBody == null) return fail('NO_DRAFT');
  const draft = { title: row.draftTitle, body: row.draftBody };
  if (draftVersion(draft) !== input.version) return fail('DRAFT_CHANGED');
  return ok({ key, draft });
}
