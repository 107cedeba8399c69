import { type Conversation, createConversation } from '@grammyjs/conversations';
import type { InlineKeyboard, Middleware } from 'grammy';
import { bodyLimit, checkPageBody, checkPageTitle, type PageSlug, type PageTextError, TITLE_MAX } from '../../core/pages/page-content.js';
import { savePageDraft } from '../../core/pages/save-page-draft.js';
import { fail, type Result } from '../../core/result.js';
import type { Language } from '../../core/users/language.js';
import type { BotContext, ConversationContext } from '../context.js';
import { pageCb } from '../keyboards/page-callbacks.js';
import { pageAfterEditKeyboard, pageCancelKeyboard, pageDraftKeyboard } from '../keyboards/page-keyboards.js';
import { languageName, pageEditor, pageFailureText, pageName } from './page-common.js';

export const PAGE_EDIT_CONVERSATION = 'pages-edit';

/** An editor who walked away: text sent half an hour later is not taken as the page. */
const STEP_TIMEOUT_MS = 30 * 60_000;

type PageConversation = Conversation<BotContext, ConversationContext>;

/** The conversation is entered by the pages feature (pg.write), after it checked the admin role. */
export function pageEditConversation(): Middleware<BotContext> {
  return createConversation<BotContext, ConversationContext>(editPage, { id: PAGE_EDIT_CONVERSATION });
}

/**
 * An admin writes a new version of one page in one language: the title, then the body, each
 * checked as it arrives (a refusal says why and asks again). The result is saved as a draft;
 * users keep seeing the published page until the draft is published from the screen that follows.
 */
async function editPage(conversation: PageConversation, ctx: ConversationContext, slug: PageSlug, language: Language): Promise<void> {
  const names = { page: pageName(ctx, slug), language: languageName(ctx, language) };
  await say(ctx, ctx.t('pages-ask-title', { ...names, max: TITLE_MAX }), pageCancelKeyboard(ctx, slug));
  const title = await askText(conversation, slug, checkPageTitle);
  if (!title) return;

  await title.ctx.reply(title.ctx.t('pages-ask-body', { max: bodyLimit(title.value) }), { reply_markup: pageCancelKeyboard(title.ctx, slug) });
  const body = await askText(conversation, slug, (text) => checkPageBody(title.value, text));
  if (!body) return;

  const saved = await conversation.external((outer) => {
    const editor = pageEditor(outer);
    if (!editor) return fail('NOT_ALLOWED' as const);
    return savePageDraft(outer.deps.core, { slug, language, title: title.value, body: body.value, editor });
  });
  const last = body.ctx;
  if (!saved.ok) {
    await last.reply(pageFailureText(last, saved), { reply_markup: pageAfterEditKeyboard(last, slug) });
    return;
  }
  await last.reply(last.t('pages-draft-saved', names), {
    reply_markup: pageDraftKeyboard(last, { slug, language, version: saved.value.version }, { preview: true }),
  });
}

/**
 * Waits for one text and checks it. Cancel ends the edit with nothing saved; any other button or
 * a command (/start, /menu, /help...) leaves the editor and is handled as it would be outside it;
 * anything that is not a message (an edit, a reaction) passes by.
 */
async function askText(
  conversation: PageConversation,
  slug: PageSlug,
  check: (text: string) => Result<string, PageTextError>,
): Promise<{ value: string; ctx: ConversationContext } | undefined> {
  for (;;) {
    const answer = await conversation.wait({ maxMilliseconds: STEP_TIMEOUT_MS });
    const data = answer.callbackQuery?.data;
    if (data !== undefined && pageCb.cancel.parse(data)) {
      await answer.answerCallbackQuery();
      await say(answer, answer.t('pages-edit-cancelled'), pageAfterEditKeyboard(answer, slug));
      return undefined;
    }
    if (data !== undefined || isCommand(answer)) return conversation.halt({ next: true });
    if (!answer.message) return conversation.skip({ next: true });

    const text = answer.message.text;
    if (text === undefined) {
      await answer.reply(answer.t('pages-send-text'), { reply_markup: pageCancelKeyboard(answer, slug) });
      continue;
    }
    const checked = check(text);
    if (!checked.ok) {
      await answer.reply(pageFailureText(answer, checked), { reply_markup: pageCancelKeyboard(answer, slug) });
      continue;
    }
    return { value: checked.value, ctx: answer };
  }
}

/**
 * A one-line message that starts with a command. A page body may well begin with "/help ..." and
 * go on for lines: that is text for the page, not a command.
 */
function isCommand(ctx: ConversationContext): boolean {
  const message = ctx.message;
  const first = message?.entities?.[0];
  return first?.type === 'bot_command' && first.offset === 0 && !message?.text?.includes('\n');
}

/** Edits the pressed message when a button brought us here, otherwise sends a new one. */
async function say(ctx: ConversationContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, { reply_markup: keyboard });
      return;
    } catch (error) {
      ctx.log.debug({ err: error }, 'could not edit the message, sending a new one');
    }
  }
  await ctx.reply(text, { reply_markup: keyboard });
}
