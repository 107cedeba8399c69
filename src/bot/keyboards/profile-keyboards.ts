import { InlineKeyboard, Keyboard } from 'grammy';
import { z } from 'zod';
import { LANGUAGES } from '../../core/users/language.js';
import { CLEARABLE_FIELDS, type TextField } from '../../core/users/update-profile.js';
import { cb, defineCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { mkCb } from './market-buttons.js';

/** What an Edit button of the profile screen opens. */
export const PROFILE_ENTRIES = ['first', 'last', 'email', 'phone', 'bday', 'city', 'avatar', 'lang'] as const;
export type ProfileEntry = (typeof PROFILE_ENTRIES)[number];

/** The Edit buttons that open a typed-in field, and the field each one edits. */
export const ENTRY_FIELDS: Partial<Record<ProfileEntry, TextField>> = {
  first: 'firstName',
  last: 'lastName',
  email: 'email',
  bday: 'birthday',
  city: 'city',
};

// The profile's buttons; the menu's own entry is cb.profile ('prof').
export const profCb = {
  edit: defineCallback('prof.edit', z.tuple([z.enum(PROFILE_ENTRIES)])),
  /** On the avatar screen: take the Telegram photo, upload one, remove it. */
  avatar: defineCallback('prof.ava', z.tuple([z.enum(['tg', 'up', 'rm'])])),
  language: defineCallback('prof.lang', z.tuple([z.enum(LANGUAGES)])),
  /** Inside an edit: leave it unchanged. */
  cancel: defineCallback('prof.cancel', z.tuple([])),
  /** Inside an edit of a clearable field: empty it. */
  clear: defineCallback('prof.clear', z.tuple([])),
};

export function profileKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('profile-button-first-name'), profCb.edit.build('first'))
    .text(ctx.t('profile-button-last-name'), profCb.edit.build('last'))
    .row()
    .text(ctx.t('profile-button-email'), profCb.edit.build('email'))
    .text(ctx.t('profile-button-phone'), profCb.edit.build('phone'))
    .row()
    .text(ctx.t('profile-button-birthday'), profCb.edit.build('bday'))
    .text(ctx.t('profile-button-city'), profCb.edit.build('city'))
    .row()
    .text(ctx.t('profile-button-avatar'), profCb.edit.build('avatar'))
    .text(ctx.t('profile-button-language'), profCb.edit.build('lang'))
    .row()
    .text(ctx.t('market-button-display-currency'), mkCb.currencies.build())
    .row()
    .text(ctx.t('menu-back'), cb.menu.build());
}

/** Under the question of a text edit: Clear (for a field that may be empty) and Cancel. */
export function fieldPromptKeyboard(ctx: BotContext, field: TextField): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (CLEARABLE_FIELDS.includes(field)) keyboard.text(ctx.t('profile-button-clear'), profCb.clear.build());
  return keyboard.text(ctx.t('button-cancel'), profCb.cancel.build());
}

export function cancelKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('button-cancel'), profCb.cancel.build());
}

export function avatarKeyboard(ctx: BotContext, hasAvatar: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('profile-button-avatar-telegram'), profCb.avatar.build('tg'))
    .row()
    .text(ctx.t('profile-button-avatar-upload'), profCb.avatar.build('up'))
    .row();
  if (hasAvatar) keyboard.text(ctx.t('profile-button-avatar-remove'), profCb.avatar.build('rm')).row();
  return keyboard.text(ctx.t('button-back'), cb.profile.build());
}

export function languageKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('profile-language-en'), profCb.language.build('en'))
    .text(ctx.t('profile-language-ru'), profCb.language.build('ru'))
    .row()
    .text(ctx.t('button-back'), cb.profile.build());
}

/**
 * The phone step's reply keyboard: Telegram itself sends the account's own contact when the
 * request_contact button is tapped; Cancel arrives as its text.
 */
export function shareContactKeyboard(ctx: BotContext): Keyboard {
  return new Keyboard().requestContact(ctx.t('profile-button-share-phone')).row().text(ctx.t('button-cancel')).resized().oneTime();
}
