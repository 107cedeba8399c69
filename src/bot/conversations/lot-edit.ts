import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import { type EditLotError, editLot, type LotEditField } from '../../core/market/lots/edit-lot.js';
import { parseDescription, parseLevel, parsePrice, parsePriceUnit, parseQuantity, parseShortDescription } from '../../core/market/lots/lot-fields.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import { sellErrorText } from '../keyboards/selling-screens.js';
import { askValid, type Choice, type Reply, STEP_WAIT_MS, type StepConversation } from './lot-ask.js';

export const LOT_EDIT = 'selling-lot-edit';

const CLEAR = 'clear';

/** The typed value as editLot takes it, checked here first so a bad one is asked again. */
function parse(field: LotEditField, text: string): Result<string, string> {
  const as = (r: Result<unknown, string>) => (r.ok ? ok(String(r.value)) : r);
  switch (field) {
    case 'short':
      return as(parseShortDescription(text));
    case 'description':
      return as(parseDescription(text));
    case 'price':
      return as(parsePrice(text));
    case 'unit':
      return as(parsePriceUnit(text));
    case 'quantity':
      return as(parseQuantity(text));
    case 'level':
      return as(parseLevel(text));
    case 'deactivate':
      return fail('FIELD_VALUE_INVALID');
  }
}

/** One field of the seller's lot: the new value, then the lot screen link. */
async function lotEdit(conversation: StepConversation, ctx: ConversationContext, lotId: number, field: LotEditField): Promise<void> {
  const back = { label: ctx.t('sell-button-open-lot'), data: sellCb.lot.build(lotId) };
  const choices: Choice[] =
    field === 'deactivate'
      ? [
          { label: ctx.t('sell-yes'), value: 'true' },
          { label: ctx.t('sell-no'), value: 'false' },
        ]
      : field === 'description' || field === 'level'
        ? [{ label: ctx.t('sell-button-clear'), value: CLEAR }]
        : [];
  const value = await askValid<string>(conversation, ctx, ctx.t('sell-edit-ask', { field: ctx.t(`sell-field-${field}`) }), { choices, backTo: back }, (reply: Reply) => {
    if ('choice' in reply) return { value: reply.choice === CLEAR ? '' : reply.choice };
    if (!('text' in reply) || field === 'deactivate') return { problem: ctx.t(field === 'deactivate' ? 'sell-pick-a-button' : 'sell-text-only') };
    const parsed = parse(field, reply.text);
    return parsed.ok ? { value: parsed.value } : { problem: sellErrorText(ctx, parsed.code) };
  });
  const saved = await conversation.external(async (outer): Promise<Result<{ lotId: number }, EditLotError | 'NOT_ALLOWED'>> => {
    const sellerId = outer.account?.id;
    return sellerId === undefined ? fail('NOT_ALLOWED') : editLot(outer.deps.core, { sellerId, lotId, field, value });
  });
  const keyboard = new InlineKeyboard().text(back.label, back.data);
  await ctx.reply(saved.ok ? ctx.t('sell-edit-saved', { field: ctx.t(`sell-field-${field}`) }) : sellErrorText(ctx, saved.code), { reply_markup: keyboard });
}

export function lotEditConversations() {
  return [createConversation<BotContext, ConversationContext>(lotEdit, { id: LOT_EDIT, maxMillisecondsToWait: STEP_WAIT_MS })];
}
