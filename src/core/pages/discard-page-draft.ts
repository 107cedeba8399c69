import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import type { PageEditor, PageKey } from './page-content.js';
import { type SeenDraftError, seenDraft } from './seen-draft.js';

export type DiscardPageDraftError = SeenDraftError;

/** Throws the draft away; the live page stays as it is. `version` is the draft the admin saw. */
export async function discardPageDraft(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: PageKey & { version: string; editor: PageEditor },
): Promise<Result<null, DiscardPageDraftError>> {
  const seen = await seenDraft(deps, input);
  if (!seen.ok) return seen;
  const { key, draft } = seen.value;
  const { count } = await deps.db.page.updateMany({
    where: { ...key, draftTitle: draft.title, draftBody: draft.body },
    data: { draftTitle: null, draftBody: null, updatedAt: deps.clock.now() },
  });
  return count === 0 ? fail('DRAFT_CHANGED') : ok(null);
}
