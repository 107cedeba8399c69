import { InlineKeyboard } from 'grammy';
import type { PayoutSkipReason } from '../../core/payouts/create-payouts.js';
import type { PayoutFailReason } from '../../core/payouts/payout-outcome.js';
import type { PayoutOverview } from '../../core/payouts/payout-overview.js';
import { cb } from '../callback-data.js';
import { formatTokens, type Translate } from '../format.js';
import { localeOf } from '../screens/sale-screen.js';
import { payoutCb } from './payout-buttons.js';

export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

const backToPayouts = (t: Translate) => new InlineKeyboard().text(t('payouts-button-back'), payoutCb.screen.build());

export function payoutsOffScreen(t: Translate): Screen {
  return { text: t('payouts-off'), keyboard: new InlineKeyboard().text(t('admin-button-back'), cb.admin.build()) };
}

/** The Payouts screen: who is ready, what is on its way; headed by what just happened. */
export function payoutsScreen(t: Translate, overview: PayoutOverview, notice?: string): Screen {
  const locale = localeOf(t);
  const text = t('payouts-screen', {
    symbol: overview.asset,
    readyCount: overview.readyCount,
    readyTotal: formatTokens(overview.readyTotal, locale),
    pending: overview.openCount.PENDING,
    signed: overview.openCount.SIGNED,
    sent: overview.openCount.SENT,
    stuck: overview.stuckCount,
  });
  const keyboard = new InlineKeyboard()
    .text(t('payouts-button-all'), payoutCb.all.build())
    .text(t('payouts-button-one'), payoutCb.users.build())
    .row()
    .text(t('payouts-button-run'), payoutCb.run.build())
    .text(t('payouts-button-open'), payoutCb.open.build())
    .row()
    .text(t('admin-button-back'), cb.admin.build());
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}

export function chooseUserScreen(t: Translate, overview: PayoutOverview): Screen {
  const locale = localeOf(t);
  const keyboard = new InlineKeyboard();
  for (const user of overview.ready) {
    keyboard.text(t('payouts-user-button', { name: user.name, amount: formatTokens(user.available, locale) }), payoutCb.one.build(user.userId)).row();
  }
  keyboard.text(t('payouts-button-back'), payoutCb.screen.build());
  return { text: overview.ready.length ? t('payouts-choose-user') : t('payouts-choose-user-empty'), keyboard };
}

export function openPayoutsScreen(t: Translate, overview: PayoutOverview): Screen {
  const locale = localeOf(t);
  const status = { PENDING: 'payouts-status-pending', SIGNED: 'payouts-status-signed', SENT: 'payouts-status-sent' } as Record<string, string>;
  const lines = overview.open.map((p) =>
    t('payouts-open-line', {
      id: String(p.payoutId),
      name: p.name,
      amount: formatTokens(p.amount, locale),
      symbol: overview.asset,
      status: t(status[p.status] ?? 'payouts-status-sent'),
      stuck: p.stuck ? t('payouts-open-stuck') : '',
    }),
  );
  const text = [t('payouts-open-title'), '', ...(lines.length ? lines : [t('payouts-open-empty')])].join('\n');
  return { text, keyboard: backToPayouts(t) };
}

export function skipReasonText(t: Translate, reason: PayoutSkipReason): string {
  switch (reason) {
    case 'NO_WALLET':
      return t('payouts-skip-no-wallet');
    case 'WALLET_NOT_CONFIRMED':
      return t('payouts-skip-wallet-not-confirmed');
    case 'WALLET_OTHER_CHAIN':
      return t('payouts-skip-wallet-other-chain');
    case 'PAYOUT_OPEN':
      return t('payouts-skip-payout-open');
    case 'NOTHING_AVAILABLE':
      return t('payouts-skip-nothing-available');
  }
}

export function failReasonText(t: Translate, reason: PayoutFailReason): string {
  return reason === 'REVERTED' ? t('payout-admin-failed-reverted') : t('payout-admin-failed-nonce-taken');
}
