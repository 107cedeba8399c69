import { Composer, type Middleware } from 'grammy';
import { discardPageDraft } from '../../core/pages/discard-page-draft.js';
import { getPage } from '../../core/pages/get-page.js';
import { getPageDraft } from '../../core/pages/get-page-draft.js';
import type { PageEditor, PageSlug, PageText } from '../../core/pages/page-content.js';
import { type PageLanguageStatus, pageEditStatus } from '../../core/pages/page-edit-status.js';
import { publishPage } from '../../core/pages/publish-page.js';
import type { Fail } from '../../core/result.js';
import { type Language, pickLanguage } from '../../core/users/language.js';
import { cb, onCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { languageName, type PageFailureCode, pageEditor, pageFailureText, pageName } from '../conversations/page-common.js';
import { PAGE_EDIT_CONVERSATION, pageEditConversation } from '../conversations/page-edit.js';
import { pageCb } from '../keyboards/page-callbacks.js';
import { pageAfterEditKeyboard, pageDraftKeyboard, pageEditorKeyboard, pageKeyboard } from '../keyboards/page-keyboards.js';
import { isAdmin } from '../roles.js';
import { show } from '../screens/show.js';

/**
 * Help, About, Terms and FAQ: shown to everyone from the menu (Help) and by /help and /terms
 * (Telegram asks payment bots to answer /terms); edited by admins in the chat, through a draft
 * that they preview before publishing.
 */
export const pagesFeature = new Composer<BotContext>();

/** The conversations this feature registers (createConversation), installed before any feature. */
export function pagesConversations(): Middleware<BotContext>[] {
  return [pageEditConversation()];
}

onCallback(pagesFeature, cb.page, (ctx, slug) => showPage(ctx, slug));
const privateChat = pagesFeature.chatType('private');
privateChat.command('help', (ctx) => showPage(ctx, 'help', { fresh: true }));
privateChat.command('terms', (ctx) => showPage(ctx, 'terms', { fresh: true }));

onCallback(pagesFeature, pageCb.edit, adminOnly(showEditor));
onCallback(
  pagesFeature,
  pageCb.write,
  adminOnly((ctx, _editor, slug, language) => ctx.conversation.enter(PAGE_EDIT_CONVERSATION, slug, language)),
);
onCallback(pagesFeature, pageCb.preview, adminOnly(showPreview));
onCallback(pagesFeature, pageCb.publish, adminOnly(publish));
onCallback(pagesFeature, pageCb.discard, adminOnly(discard));
// Cancel reaches us only when the editing conversation is over (it timed out): show the page.
onCallback(pagesFeature, pageCb.cancel, (ctx, slug) => showPage(ctx, slug));

/** The page in the reader's language, as published, or its default texts. */
async function showPage(ctx: BotContext, slug: PageSlug, options: { fresh?: boolean } = {}): Promise<void> {
  const language = pickLanguage(await ctx.i18n.getLocale());
  const page = await getPage(ctx.deps.core, { slug, language });
  const text = page.source === 'published' ? page : defaultPage(ctx, slug);
  await show(ctx, pageMessage(text), { parse_mode: 'HTML', reply_markup: pageKeyboard(ctx, slug, isAdmin(ctx)) }, options);
}

/** The defaults in the reader's language, until an admin publishes the page in it (see page-content.ts). */
function defaultPage(ctx: BotContext, slug: PageSlug): PageText {
  switch (slug) {
    case 'help':
      return { title: ctx.t('pages-help-title'), body: ctx.t('pages-help-body') };
    case 'about':
      return { title: ctx.t('pages-about-title'), body: ctx.t('pages-about-body') };
    case 'terms':
      return { title: ctx.t('pages-terms-title'), body: ctx.t('pages-terms-body') };
    case 'faq':
      return { title: ctx.t('pages-faq-title'), body: ctx.t('pages-faq-body') };
  }
}

/** One message: the title in bold, a blank line, the body. Page texts are plain text, so escaped. */
export function pageMessage(text: PageText): string {
  return `<b>${escapeHtml(text.title)}</b>\n\n${escapeHtml(text.body)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Editors' buttons check the role here, before the core (which checks it again): a forged press
 * by anyone else gets "not allowed" and nothing runs.
 */
function adminOnly<A extends readonly unknown[]>(handler: (ctx: BotContext, editor: PageEditor, ...args: A) => Promise<unknown>) {
  return async (ctx: BotContext, ...args: A): Promise<unknown> => {
    const editor = pageEditor(ctx);
    if (!editor?.isAdmin) return ctx.answerCallbackQuery({ text: ctx.t('not-allowed'), show_alert: true });
    return handler(ctx, editor, ...args);
  };
}

/** A refused editor action: the reason as an alert, the screen stays as it was. */
function refuse(ctx: BotContext, failure: Fail<PageFailureCode>): Promise<unknown> {
  return ctx.answerCallbackQuery({ text: pageFailureText(ctx, failure), show_alert: true });
}

async function showEditor(ctx: BotContext, editor: PageEditor, slug: PageSlug): Promise<unknown> {
  const status = await pageEditStatus(ctx.deps.core, { slug, editor });
  if (!status.ok) return refuse(ctx, status);
  const lines = [ctx.t('pages-editor', { page: pageName(ctx, slug) }), '', ...status.value.map((s) => statusLine(ctx, s))];
  await show(ctx, lines.join('\n'), { reply_markup: pageEditorKeyboard(ctx, slug, status.value) });
}

function statusLine(ctx: BotContext, status: PageLanguageStatus): string {
  const code = status.language;
  const live = status.publishedAt
    ? ctx.t('pages-status-published', { code, date: `${status.publishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` })
    : ctx.t('pages-status-default', { code });
  return status.hasDraft ? `${live} ${ctx.t('pages-status-draft')}` : live;
}

/** The draft exactly as users would see it, with what to do about it underneath. */
async function showPreview(ctx: BotContext, editor: PageEditor, slug: PageSlug, language: Language): Promise<unknown> {
  const draft = await getPageDraft(ctx.deps.core, { slug, language, editor });
  if (!draft.ok) return refuse(ctx, draft);
  await ctx.answerCallbackQuery({ text: ctx.t('pages-preview-notice') });
  await show(ctx, pageMessage(draft.value), {
    parse_mode: 'HTML',
    reply_markup: pageDraftKeyboard(ctx, { slug, language, version: draft.value.version }, { preview: false }),
  });
}

async function publish(ctx: BotContext, editor: PageEditor, slug: PageSlug, language: Language, version: string): Promise<unknown> {
  const published = await publishPage(ctx.deps.core, { slug, language, version, editor });
  if (!published.ok) return refuse(ctx, published);
  ctx.log.info({ slug, language, editorId: editor.userId }, 'page published');
  await show(ctx, ctx.t('pages-published', { page: pageName(ctx, slug), language: languageName(ctx, language) }), {
    reply_markup: pageAfterEditKeyboard(ctx, slug),
  });
}

async function discard(ctx: BotContext, editor: PageEditor, slug: PageSlug, language: Language, version: string): Promise<unknown> {
  const discarded = await discardPageDraft(ctx.deps.core, { slug, language, version, editor });
  if (!discarded.ok) return refuse(ctx, discarded);
  await show(ctx, ctx.t('pages-discarded', { page: pageName(ctx, slug), language: languageName(ctx, language) }), {
    reply_markup: pageAfterEditKeyboard(ctx, slug),
  });
}
