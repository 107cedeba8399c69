import { z } from 'zod';
import { defineCallback, idArg } from '../callback-data.js';

/** The round fields an admin edits, as they travel in callback data and conversation arguments. */
export const ROUND_FIELDS = ['name', 'currency', 'price', 'cap', 'ref', 'min', 'max', 'start', 'end'] as const;
export type RoundField = (typeof ROUND_FIELDS)[number];
export const roundFieldArg = z.enum(ROUND_FIELDS);

const roleArg = z.enum(['SELLER', 'SUPPORT', 'ADMIN']);

/**
 * The admin area's buttons (`adm` itself, the entry, is cb.admin). Confirmations are kinds of
 * their own (`adm.act.ok`), so a press on the question never does the thing by itself.
 */
export const adminCb = {
  stats: defineCallback('adm.stats', z.tuple([])),
  rounds: defineCallback('adm.rounds', z.tuple([])),
  round: defineCallback('adm.round', z.tuple([idArg])),
  newRound: defineCallback('adm.new', z.tuple([])),
  edit: defineCallback('adm.edit', z.tuple([idArg, roundFieldArg])),
  activate: defineCallback('adm.act', z.tuple([idArg])),
  activateConfirmed: defineCallback('adm.act.ok', z.tuple([idArg])),
  complete: defineCallback('adm.cmp', z.tuple([idArg])),
  completeConfirmed: defineCallback('adm.cmp.ok', z.tuple([idArg])),
  roles: defineCallback('adm.roles', z.tuple([])),
  /** Sets (on) or clears (off) a role of a user, by our user id. */
  role: defineCallback('adm.role', z.tuple([idArg, roleArg, z.enum(['on', 'off'])])),
  // Inside the admin conversations: leave, or pick the step's alternative to typing ("no maximum").
  cancel: defineCallback('adm.cancel', z.tuple([])),
  skip: defineCallback('adm.skip', z.tuple([roundFieldArg])),
};
