import { z } from 'zod';
import { defineCallback, idArg } from '../callback-data.js';

/** The admins' Payouts buttons, under `adm.` so the admin area's "not allowed" covers them. */
export const payoutCb = {
  screen: defineCallback('adm.po', z.tuple([])),
  /** Create payouts for every user who is ready. */
  all: defineCallback('adm.po.all', z.tuple([])),
  /** The users who are ready, to pick one. */
  users: defineCallback('adm.po.users', z.tuple([])),
  /** Create a payout for one user (our user id). */
  one: defineCallback('adm.po.one', z.tuple([idArg])),
  /** Sign and send pending payouts now, and follow those on their way. */
  run: defineCallback('adm.po.run', z.tuple([])),
  /** The payouts on their way. */
  open: defineCallback('adm.po.open', z.tuple([])),
};
