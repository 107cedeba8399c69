import type { CoreDeps } from '../deps.js';
import type { PageKey } from './page-content.js';

/** What users see: the published version, or the default texts when none was ever published. */
export type PageView = { source: 'published'; title: string; body: string; publishedAt: Date } | { source: 'default' };

/** The live page in one language. Drafts never show here: they are the editors' business. */
export async function getPage(deps: Pick<CoreDeps, 'db'>, key: PageKey): Promise<PageView> {
  const row = await deps.db.page.findUnique({
    where: { slug_language: { slug: key.slug, language: key.language } },
    select: { title: true, body: true, publishedAt: true },
  });
  if (!row?.publishedAt) return { source: 'default' };
  return { source: 'published', title: row.title, body: row.body, publishedAt: row.publishedAt };
}
