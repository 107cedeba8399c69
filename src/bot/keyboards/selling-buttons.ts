import { z } from 'zod';
import { defineCallback, idArg, pageArg } from '../callback-data.js';
import { LOT_EDIT_FIELDS } from '../../core/market/lots/edit-lot.js';
import { MARKET_FIELDS } from '../../core/market/admin/edit-market.js';

const currencyArg = z.string().regex(/^[A-Z]{3,4}$/);
/** A choice inside a selling or market-admin question (a market id "m12", "skip", "PC" ...). */
const choiceArg = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** 0 stands for "no category": the market-wide fee rule. */
const optionalIdArg = z.string().regex(/^(0|[1-9]\d{0,9})$/).transform(Number);

/** The seller's side: the Sell entry, application, lots, sales, proceeds and withdrawals. */
export const sellCb = {
  home: defineCallback('sell', z.tuple([])),
  apply: defineCallback('sel.apply', z.tuple([])),
  lots: defineCallback('sel.lots', z.tuple([pageArg])),
  lot: defineCallback('sel.lot', z.tuple([idArg])),
  newLot: defineCallback('sel.new', z.tuple([])),
  edit: defineCallback('sel.edit', z.tuple([idArg, z.enum(LOT_EDIT_FIELDS)])),
  pause: defineCallback('sel.pause', z.tuple([idArg])),
  resume: defineCallback('sel.resume', z.tuple([idArg])),
  remove: defineCallback('sel.del', z.tuple([idArg])),
  removeConfirmed: defineCallback('sel.del.ok', z.tuple([idArg])),
  sales: defineCallback('sel.sales', z.tuple([pageArg])),
  proceeds: defineCallback('sel.money', z.tuple([])),
  withdraw: defineCallback('sel.wd', z.tuple([currencyArg])),
  // Inside the selling and market-admin conversations: a choice, or leave.
  pick: defineCallback('sel.pick', z.tuple([choiceArg])),
  cancel: defineCallback('sel.cancel', z.tuple([])),
};

/** The admin's market area (under /admin → Market). */
export const marketAdminCb = {
  home: defineCallback('adm.mk', z.tuple([])),
  markets: defineCallback('adm.mk.list', z.tuple([])),
  market: defineCallback('adm.mk.m', z.tuple([idArg])),
  newMarket: defineCallback('adm.mk.new', z.tuple([])),
  edit: defineCallback('adm.mk.edit', z.tuple([idArg, z.enum(MARKET_FIELDS)])),
  archive: defineCallback('adm.mk.arch', z.tuple([idArg, z.enum(['on', 'off'])])),
  remove: defineCallback('adm.mk.del', z.tuple([idArg])),
  removeConfirmed: defineCallback('adm.mk.del.ok', z.tuple([idArg])),
  category: defineCallback('adm.mk.cat', z.tuple([idArg])),
  newCategory: defineCallback('adm.mk.cat.new', z.tuple([idArg])),
  removeCategory: defineCallback('adm.mk.cat.del', z.tuple([idArg])),
  renameCategory: defineCallback('adm.mk.cat.ren', z.tuple([idArg])),
  archiveCategory: defineCallback('adm.mk.cat.arch', z.tuple([idArg, z.enum(['on', 'off'])])),
  leagues: defineCallback('adm.mk.lgs', z.tuple([idArg])),
  league: defineCallback('adm.mk.lg', z.tuple([idArg])),
  newLeague: defineCallback('adm.mk.lg.new', z.tuple([idArg])),
  removeLeague: defineCallback('adm.mk.lg.del', z.tuple([idArg])),
  renameLeague: defineCallback('adm.mk.lg.ren', z.tuple([idArg])),
  archiveLeague: defineCallback('adm.mk.lg.arch', z.tuple([idArg, z.enum(['on', 'off'])])),
  fee: defineCallback('adm.mk.fee', z.tuple([idArg, optionalIdArg])),
  removeFee: defineCallback('adm.mk.fee.rm', z.tuple([idArg, optionalIdArg])),
  applications: defineCallback('adm.mk.apps', z.tuple([])),
  approve: defineCallback('adm.mk.app.ok', z.tuple([idArg])),
  reject: defineCallback('adm.mk.app.no', z.tuple([idArg])),
  withdrawals: defineCallback('adm.mk.wds', z.tuple([])),
  paid: defineCallback('adm.mk.wd.paid', z.tuple([idArg])),
  rejectWithdrawal: defineCallback('adm.mk.wd.rej', z.tuple([idArg])),
};
