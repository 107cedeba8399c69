import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { draftVersion, type PageEditor, type PageKey } from './page-content.js';

export type DiscardPageDraftError = 'NOT_ALLOWED' | 'NO_DRAFT' | 'DRAFT_CHANGED';

/** Throws the draft away; the live page stays as it is. `version` is the draft the admin saw. */
export async function discardPageDraft(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: PageKey & { version: string; editor: PageEditor },
): Promise<Result<null, DiscardPageDraftError>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const key = { slug: input.slug, language: input.language };
  const row = await deps.db.page.findUnique({ where: { slug_language: key }, select: { draftTitle: true, draftBody: true } });
  if (row?.draftTitle == null || row.draftBody == null) return fail('NO_DRAFT');
  const draft = { title: row.draftTitle, body: row.draftBody };
  if (draftVersion(draft) !== input.version) return fail('DRAFT_CHANGED');
  const { count } = await deps.db.page.updateMany({
    where: { ...key, draftTitle: draft.title, draftBody: draft.body },
    data: { draftTitle: null, draftBody: null, updatedAt: deps.clock.now() },
  });
  return count === 0 ? fail('DRAFT_CHANGED') : ok(null);
}
