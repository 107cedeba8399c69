import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { TokenRound } from '../../generated/prisma/client.js';
import { fail, ok, type Result } from '../../core/result.js';
import { type CreateRoundError, createRound } from '../../core/tokens/create-round.js';
import { type EditRoundError, editRound } from '../../core/tokens/edit-round.js';
import {
  checkRoundConsistency,
  parseCurrency,
  parseReferralPercent,
  parseRoundName,
  parseTokenCount,
  parseUnitPrice,
  parseUtcDateTime,
  type RoundFieldError,
  type RoundFields,
} from '../../core/tokens/round-fields.js';
import type { BotContext, ConversationContext } from '../context.js';
import { adminCb, ROUND_FIELDS, type RoundField } from '../keyboards/admin-buttons.js';
import { fieldLabel, formatUtc, roundErrorText } from '../keyboards/admin-screens.js';
import { isAdmin } from '../roles.js';
import { ADMIN_WAIT_MS, type AdminConversation, askUntilValid } from './admin-ask.js';

export const NEW_ROUND = 'admin-new-round';
export const EDIT_ROUND = 'admin-edit-round';

/** A round as it travels into the edit conversation (arguments are stored as JSON). */
export interface PlainRound {
  id: number;
  name: string;
  currency: string;
  unitPrice: string;
  cap: string;
  referralPercent: string;
  minPurchase: string;
  maxPurchase: string | null;
  startsAt: string | null;
  endsAt: string | null;
}

export function plainRound(round: TokenRound): PlainRound {
  return {
    id: round.id,
    name: round.name,
    currency: round.currency.trim(),
    unitPrice: round.unitPrice.toString(),
    cap: round.cap.toString(),
    referralPercent: round.referralPercent.toString(),
    minPurchase: round.minPurchase.toString(),
    maxPurchase: round.maxPurchase?.toString() ?? null,
    startsAt: round.startsAt?.toISOString() ?? null,
    endsAt: round.endsAt?.toISOString() ?? null,
  };
}

function fieldsOf(round: PlainRound): RoundFields {
  return {
    name: round.name,
    currency: round.currency,
    unitPrice: round.unitPrice,
    cap: BigInt(round.cap),
    referralPercent: round.referralPercent,
    minPurchase: BigInt(round.minPurchase),
    maxPurchase: round.maxPurchase === null ? null : BigInt(round.maxPurchase),
    startsAt: round.startsAt === null ? null : new Date(round.startsAt),
    endsAt: round.endsAt === null ? null : new Date(round.endsAt),
  };
}

/** One answer, read as the field it is for. */
function parseField(field: RoundField, text: string): Result<Partial<RoundFields>, RoundFieldError> {
  const as = <K extends keyof RoundFields, C extends RoundFieldError>(key: K, parsed: Result<RoundFields[K], C>) =>
    parsed.ok ? ok({ [key]: parsed.value } as Partial<RoundFields>) : parsed;
  switch (field) {
    case 'name':
      return as('name', parseRoundName(text));
    case 'currency':
      return as('currency', parseCurrency(text));
    case 'price':
      return as('unitPrice', parseUnitPrice(text));
    case 'cap':
      return as('cap', parseTokenCount(text, 'CAP_INVALID'));
    case 'ref':
      return as('referralPercent', parseReferralPercent(text));
    case 'min':
      return as('minPurchase', parseTokenCount(text, 'MIN_PURCHASE_INVALID'));
    case 'max':
      return as('maxPurchase', parseTokenCount(text, 'MAX_PURCHASE_INVALID'));
    case 'start':
      return as('startsAt', parseUtcDateTime(text));
    case 'end':
      return as('endsAt', parseUtcDateTime(text));
  }
}

/** The optional fields: their button clears them. */
function cleared(field: RoundField): Partial<RoundFields> | undefined {
  if (field === 'max') return { maxPurchase: null };
  if (field === 'start') return { startsAt: null };
  if (field === 'end') return { endsAt: null };
  return undefined;
}

function skipLabel(ctx: ConversationContext, field: RoundField): string | undefined {
  if (field === 'max') return ctx.t('admin-skip-max');
  if (field === 'start') return ctx.t('admin-skip-start');
  if (field === 'end') return ctx.t('admin-skip-end');
  return undefined;
}

function question(ctx: ConversationContext, field: RoundField, known: Partial<RoundFields>): string {
  switch (field) {
    case 'name':
      return ctx.t('admin-ask-name');
    case 'currency':
      return ctx.t('admin-ask-currency');
    case 'price':
      return ctx.t('admin-ask-price', { currency: known.currency ?? '' });
    case 'cap':
      return ctx.t('admin-ask-cap');
    case 'ref':
      return ctx.t('admin-ask-ref');
    case 'min':
      return ctx.t('admin-ask-min');
    case 'max':
      return ctx.t('admin-ask-max', { min: (known.minPurchase ?? 1n).toString() });
    case 'start':
      return ctx.t('admin-ask-start');
    case 'end':
      return ctx.t('admin-ask-end');
  }
}

/** A field's current value as the edit question shows it. */
function currentValue(ctx: ConversationContext, field: RoundField, fields: RoundFields): string {
  const date = (d: Date | null) => (d ? formatUtc(d) : ctx.t('admin-round-no-date'));
  switch (field) {
    case 'name':
      return fields.name;
    case 'currency':
      return fields.currency;
    case 'price':
      return `${fields.unitPrice} ${fields.currency}`;
    case 'cap':
      return fields.cap.toString();
    case 'ref':
      return `${fields.referralPercent}%`;
    case 'min':
      return fields.minPurchase.toString();
    case 'max':
      return fields.maxPurchase === null ? ctx.t('admin-round-no-max') : fields.maxPurchase.toString();
    case 'start':
      return date(fields.startsAt);
    case 'end':
      return date(fields.endsAt);
  }
}

/**
 * Asks for one field until the answer is valid on its own and with the fields already known
 * (a minimum within the cap, a maximum not below the minimum, an end after the start).
 */
function askField(
  conversation: AdminConversation,
  ctx: ConversationContext,
  field: RoundField,
  known: Partial<RoundFields>,
  heading: string,
): Promise<Partial<RoundFields>> {
  const label = skipLabel(ctx, field);
  return askUntilValid<Partial<RoundFields>>(
    conversation,
    ctx,
    `${heading}\n${question(ctx, field, known)}`,
    (answer) => {
      const change = 'skipped' in answer ? ok(cleared(field) ?? {}) : parseField(field, answer.text);
      if (!change.ok) return { problem: roundErrorText(ctx, change.code) };
      const consistent = checkRoundConsistency({ ...known, ...change.value });
      return consistent.ok ? { value: change.value } : { problem: roundErrorText(ctx, consistent.code) };
    },
    label ? { field, label } : undefined,
  );
}

function roundLinks(ctx: ConversationContext, roundId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('admin-button-open-round'), adminCb.round.build(roundId))
    .text(ctx.t('admin-button-rounds-back'), adminCb.rounds.build());
}

/** Nine questions, then a DRAFT round after the last one. */
async function newRound(conversation: AdminConversation, ctx: ConversationContext): Promise<void> {
  const known: Partial<RoundFields> = {};
  for (const [index, field] of ROUND_FIELDS.entries()) {
    const heading = ctx.t('admin-step', { step: index + 1, steps: ROUND_FIELDS.length });
    Object.assign(known, await askField(conversation, ctx, field, known, heading));
  }
  const fields = known as RoundFields;
  // Admin rights are checked again at the write: they may have been revoked during the questions.
  const created = await conversation.external(
    async (outer): Promise<Result<{ roundId: number; position: number }, CreateRoundError | 'NOT_ALLOWED'>> =>
      isAdmin(outer) ? createRound(outer.deps.core, { tokenId: outer.deps.tokenId, fields }) : fail('NOT_ALLOWED'),
  );
  if (!created.ok) {
    await ctx.reply(created.code === 'NOT_ALLOWED' ? ctx.t('not-allowed') : roundErrorText(ctx, created.code));
    return;
  }
  await ctx.reply(ctx.t('admin-round-created', { name: fields.name, position: created.value.position }), {
    reply_markup: roundLinks(ctx, created.value.roundId),
  });
}

/** One field of a draft round; the core refuses if the round stopped being a draft meanwhile. */
async function editRoundField(conversation: AdminConversation, ctx: ConversationContext, round: PlainRound, field: RoundField): Promise<void> {
  const current = fieldsOf(round);
  const heading = ctx.t('admin-edit-current', { name: round.name, field: fieldLabel(ctx, field), value: currentValue(ctx, field, current) });
  const changes = await askField(conversation, ctx, field, current, heading);
  const saved = await conversation.external(
    async (outer): Promise<Result<{ roundId: number }, EditRoundError | 'NOT_ALLOWED'>> =>
      isAdmin(outer) ? editRound(outer.deps.core, { tokenId: outer.deps.tokenId, roundId: round.id, changes }) : fail('NOT_ALLOWED'),
  );
  if (!saved.ok) {
    const reason = saved.code === 'NOT_ALLOWED' ? ctx.t('not-allowed') : roundErrorText(ctx, saved.code);
    await ctx.reply(reason, { reply_markup: roundLinks(ctx, round.id) });
    return;
  }
  await ctx.reply(ctx.t('admin-round-saved', { name: round.name, field: fieldLabel(ctx, field) }), { reply_markup: roundLinks(ctx, round.id) });
}

export function roundConversations() {
  return [
    createConversation<BotContext, ConversationContext>(newRound, { id: NEW_ROUND, maxMillisecondsToWait: ADMIN_WAIT_MS }),
    createConversation<BotContext, ConversationContext>(editRoundField, { id: EDIT_ROUND, maxMillisecondsToWait: ADMIN_WAIT_MS }),
  ];
}
