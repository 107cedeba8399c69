import { InlineKeyboard } from 'grammy';
import type { PageSlug } from '../../core/pages/page-content.js';
import type { PageLanguageStatus } from '../../core/pages/page-edit-status.js';
import type { Language } from '../../core/users/language.js';
import { cb } from '../callback-data.js';
import type { ConversationContext } from '../context.js';
import { pageCb } from './page-callbacks.js';

/**
 * Under a page: Help leads to the other pages, the others lead back to Help; both to the menu.
 * Admins also get the page's Edit button.
 */
export function pageKeyboard(ctx: ConversationContext, slug: PageSlug, admin: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (slug === 'help') {
    keyboard
      .text(ctx.t('pages-button-about'), cb.page.build('about'))
      .text(ctx.t('pages-button-terms'), cb.page.build('terms'))
      .text(ctx.t('pages-button-faq'), cb.page.build('faq'))
      .row();
  } else {
    keyboard.text(ctx.t('button-back'), cb.page.build('help'));
  }
  keyboard.text(ctx.t('menu-back'), cb.menu.build());
  if (admin) keyboard.row().text(ctx.t('pages-button-edit'), pageCb.edit.build(slug));
  return keyboard;
}

/** The editor's screen: write a new version per language, open the drafts that wait. */
export function pageEditorKeyboard(ctx: ConversationContext, slug: PageSlug, statuses: PageLanguageStatus[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const status of statuses) {
    keyboard.text(ctx.t('pages-button-write', { code: status.language }), pageCb.write.build(slug, status.language));
    if (status.hasDraft) keyboard.text(ctx.t('pages-button-draft', { code: status.language }), pageCb.preview.build(slug, status.language));
    keyboard.row();
  }
  return keyboard.text(ctx.t('button-back'), cb.page.build(slug));
}

/** Under every step of the editing conversation. */
export function pageCancelKeyboard(ctx: ConversationContext, slug: PageSlug): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('button-cancel'), pageCb.cancel.build(slug));
}

/** Under a saved draft and its preview: what to do with exactly this version of the draft. */
export function pageDraftKeyboard(
  ctx: ConversationContext,
  draft: { slug: PageSlug; language: Language; version: string },
  options: { preview: boolean },
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (options.preview) keyboard.text(ctx.t('pages-button-preview'), pageCb.preview.build(draft.slug, draft.language)).row();
  return keyboard
    .text(ctx.t('pages-button-publish'), pageCb.publish.build(draft.slug, draft.language, draft.version))
    .text(ctx.t('pages-button-discard'), pageCb.discard.build(draft.slug, draft.language, draft.version))
    .row()
    .text(ctx.t('button-back'), pageCb.edit.build(draft.slug));
}

/** After an edit ends (published, discarded, cancelled): the page, or the editor again. */
export function pageAfterEditKeyboard(ctx: ConversationContext, slug: PageSlug): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('pages-button-open'), cb.page.build(slug)).text(ctx.t('pages-button-edit'), pageCb.edit.build(slug));
}
