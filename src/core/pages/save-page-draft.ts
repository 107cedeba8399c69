import type { CoreDeps } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import { checkPageText, draftVersion, type PageEditor, type PageKey, type PageText, type PageTextError } from './page-content.js';
import type { PageDraft } from './get-page-draft.js';

export type SavePageDraftError = 'NOT_ALLOWED' | PageTextError;

/**
 * Saves a new title and body as the page's draft, replacing any earlier draft. The live version
 * (what users see) does not change until the draft is published.
 */
export async function savePageDraft(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: PageKey & PageText & { editor: PageEditor },
): Promise<Result<PageDraft, SavePageDraftError>> {
  if (!input.editor.isAdmin) return fail('NOT_ALLOWED');
  const checked = checkPageText(input);
  if (!checked.ok) return checked;
  const draft = checked.value;
  const now = deps.clock.now();
  await deps.db.page.upsert({
    where: { slug_language: { slug: input.slug, language: input.language } },
    create: { slug: input.slug, language: input.language, draftTitle: draft.title, draftBody: draft.body, updatedAt: now },
    update: { draftTitle: draft.title, draftBody: draft.body, updatedAt: now },
  });
  return ok({ ...draft, version: draftVersion(draft) });
}
