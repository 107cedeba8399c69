import { z } from 'zod';
import { DRAFT_VERSION_PATTERN, PAGE_SLUGS } from '../../core/pages/page-content.js';
import { LANGUAGES } from '../../core/users/language.js';
import { defineCallback } from '../callback-data.js';

const slugArg = z.enum(PAGE_SLUGS);
const languageArg = z.enum(LANGUAGES);
const versionArg = z.string().regex(DRAFT_VERSION_PATTERN);

/**
 * The editors' buttons of the static pages (the pages themselves open with the menu's cb.page).
 * Every one of them is for admins: the handlers check the role before anything else.
 */
export const pageCb = {
  /** The editor's screen of a page: its languages and waiting drafts. */
  edit: defineCallback('pg.edit', z.tuple([slugArg])),
  /** Write a new version in one language: enters the editing conversation. */
  write: defineCallback('pg.write', z.tuple([slugArg, languageArg])),
  /** Leaves the editing conversation without saving. */
  cancel: defineCallback('pg.cancel', z.tuple([slugArg])),
  /** Shows a draft as users would see it. */
  preview: defineCallback('pg.view', z.tuple([slugArg, languageArg])),
  /** Publish / discard the draft whose version the admin saw. */
  publish: defineCallback('pg.pub', z.tuple([slugArg, languageArg, versionArg])),
  discard: defineCallback('pg.drop', z.tuple([slugArg, languageArg, versionArg])),
};
