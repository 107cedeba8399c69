import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { cb, defineCallback, pageArg } from '../callback-data.js';
import type { BotContext } from '../context.js';

/** The referral program's buttons (prefix `ref.`; the menu entry itself is cb.referrals, `ref`). */
export const refCb = {
  qr: defineCallback('ref.qr', z.tuple([])),
  history: defineCallback('ref.hist', z.tuple([pageArg])),
  enterCode: defineCallback('ref.code', z.tuple([])),
  cancelCode: defineCallback('ref.cancel', z.tuple([])),
};

/** Telegram's share dialog: the user picks a chat and the link goes there with the text. */
export function shareUrl(link: string, text: string): string {
  return `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(text)}`;
}

/** Under the referral screen: share, QR, history, "I have a code" while it is possible, menu. */
export function referralProgramKeyboard(ctx: BotContext, input: { link: string; codeEntryOffered: boolean }): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .url(ctx.t('referrals-button-share'), shareUrl(input.link, ctx.t('referrals-share-text')))
    .row()
    .text(ctx.t('referrals-button-qr'), refCb.qr.build())
    .text(ctx.t('referrals-button-history'), refCb.history.build(1))
    .row();
  if (input.codeEntryOffered) keyboard.text(ctx.t('referrals-button-code'), refCb.enterCode.build()).row();
  return keyboard.text(ctx.t('menu-back'), cb.menu.build());
}

/** Under a page of the rewards history: prev/next where there is a page, back to the program. */
export function rewardHistoryKeyboard(ctx: BotContext, page: number, pages: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (page > 1) keyboard.text(ctx.t('button-prev'), refCb.history.build(page - 1));
  if (page < pages) keyboard.text(ctx.t('button-next'), refCb.history.build(page + 1));
  if (pages > 1) keyboard.row();
  return keyboard.text(ctx.t('button-back'), cb.referrals.build()).text(ctx.t('menu-back'), cb.menu.build());
}

/** While the bot waits for a code: the way out. */
export function codePromptKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('button-cancel'), refCb.cancelCode.build());
}

/** After the code flow ends: back to the referral screen or the menu. */
export function codeDoneKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('menu-referrals'), cb.referrals.build()).text(ctx.t('menu-back'), cb.menu.build());
}
