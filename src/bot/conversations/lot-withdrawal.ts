import { createConversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import { Dec, formatMinor, minorDigits } from '../../core/money.js';
import { parseLongText } from '../../core/market/admin/market-fields.js';
import { DESTINATION_MAX, requestWithdrawal } from '../../core/market/withdrawals/request-withdrawal.js';
import { sellerProceeds } from '../../core/market/withdrawals/seller-proceeds.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { BotContext, ConversationContext } from '../context.js';
import { sellCb } from '../keyboards/selling-buttons.js';
import { sellErrorText } from '../keyboards/selling-screens.js';
import { tellAdmins } from '../notifications-market.js';
import { askValid, choiceOnly, STEP_WAIT_MS, type StepConversation } from './lot-ask.js';

export const WITHDRAW = 'selling-withdraw';

/** "12.50" in `currency` as minor units, or why not: digits, at most the currency's decimals, above zero. */
export function parseAmount(text: string, currency: string): Result<bigint, 'AMOUNT_INVALID'> {
  const digits = minorDigits(currency);
  const value = text.trim().replace(',', '.').replace(/\s/g, '');
  const pattern = digits === 0 ? /^\d{1,15}$/ : new RegExp(`^\\d{1,15}(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(value)) return fail('AMOUNT_INVALID');
  const minor = BigInt(new Dec(value).times(new Dec(10).pow(digits)).toFixed(0));
  return minor > 0n ? ok(minor) : fail('AMOUNT_INVALID');
}

/** Amount (up to what is available) → destination → confirm → requested; admins are told. */
async function withdraw(conversation: StepConversation, ctx: ConversationContext, currency: string): Promise<void> {
  const back = { label: ctx.t('sell-button-proceeds'), data: sellCb.proceeds.build() };
  const available = await conversation.external(async (outer) => {
    const sellerId = outer.account?.id;
    if (sellerId === undefined) return '0';
    const proceeds = await sellerProceeds(outer.deps.core.db, sellerId);
    return (proceeds.find((p) => p.currency === currency)?.availableMinor ?? 0n).toString();
  });
  const availableMinor = BigInt(available);
  const availableText = `${formatMinor(availableMinor, currency)} ${currency}`;
  const amountText = await askValid<string>(conversation, ctx, ctx.t('sell-ask-withdraw-amount', { available: availableText }), { backTo: back }, (reply) => {
    if (!('text' in reply)) return { problem: ctx.t('sell-text-only') };
    const parsed = parseAmount(reply.text, currency);
    if (!parsed.ok) return { problem: sellErrorText(ctx, parsed.code) };
    if (parsed.value > availableMinor) return { problem: ctx.t('sell-error-insufficient-proceeds') };
    return { value: parsed.value.toString() };
  });
  const destination = await askValid<string>(conversation, ctx, ctx.t('sell-ask-withdraw-destination'), { backTo: back }, (reply) => {
    if (!('text' in reply)) return { problem: ctx.t('sell-text-only') };
    const text = reply.text.trim();
    if (text.length === 0 || text.length > DESTINATION_MAX || !parseLongText(text).ok) return { problem: ctx.t('sell-error-destination-invalid') };
    return { value: text };
  });
  const amount = `${formatMinor(BigInt(amountText), currency)} ${currency}`;
  await askValid(
    conversation,
    ctx,
    ctx.t('sell-withdraw-confirm', { amount, destination }),
    { choices: [{ label: ctx.t('sell-button-withdraw-confirm'), value: 'ok' }], backTo: back },
    choiceOnly(ctx.t('sell-pick-a-button')),
  );
  const requested = await conversation.external(async (outer) => {
    const sellerId = outer.account?.id;
    if (sellerId === undefined) return fail('NOT_ALLOWED');
    const result = await requestWithdrawal(outer.deps.core, { sellerId, currency, amountMinor: BigInt(amountText), destination });
    if (!result.ok) return result;
    await tellAdmins(outer, 'sell-admin-new-withdrawal', { id: result.value.withdrawalId, amount, seller: outer.account?.firstName ?? '' });
    return ok({ withdrawalId: result.value.withdrawalId });
  });
  const keyboard = new InlineKeyboard().text(back.label, back.data);
  await ctx.reply(requested.ok ? ctx.t('sell-withdraw-requested', { id: requested.value.withdrawalId, amount }) : sellErrorText(ctx, requested.code), {
    reply_markup: keyboard,
  });
}

export function withdrawConversations() {
  return [createConversation<BotContext, ConversationContext>(withdraw, { id: WITHDRAW, maxMillisecondsToWait: STEP_WAIT_MS })];
}
