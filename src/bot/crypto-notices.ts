import type { Api } from 'grammy';
import type { DepositNotice } from '../core/crypto/settle-deposits.js';
import type { BotDeps } from './context.js';
import { cryptoAmountText } from './keyboards/payment-screens.js';
import { translatorFor } from './notifications.js';
import { localeOf } from './screens/sale-screen.js';

/**
 * What the chain watcher found, told after commit: a shortfall to the buyer (what arrived, what is
 * missing), a surplus to the admins. A credit is told by the caller like any payment (notifyOrderStatus).
 * A Telegram failure is logged, never thrown.
 */
export async function notifyDepositNotice(
  api: Api,
  deps: Pick<BotDeps, 'core' | 'logger' | 'adminIds'>,
  notice: Exclude<DepositNotice, { kind: 'credited' }>,
): Promise<void> {
  if (notice.kind === 'partial') {
    // The payment's order, a token order or a market order, says who the buyer is.
    const buyer = { select: { buyer: { select: { telegramId: true, language: true } } } };
    const payment = await deps.core.db.payment.findUnique({ where: { id: notice.paymentId }, select: { tokenOrder: buyer, lotOrder: buyer } });
    const order = payment?.tokenOrder ?? payment?.lotOrder;
    if (!order) return;
    const t = translatorFor(order.buyer.language);
    const locale = localeOf(t);
    const text = t('crypto-partial', {
      order: String(notice.orderId),
      address: notice.address,
      received: cryptoAmountText(notice.received, notice.decimals, notice.currency, locale),
      missing: cryptoAmountText(notice.missing, notice.decimals, notice.currency, locale),
    });
    await api.sendMessage(Number(order.buyer.telegramId), text).catch((error) => deps.logger.warn({ err: error, orderId: notice.orderId }, 'could not tell the buyer what is missing'));
    return;
  }
  const admins = await deps.core.db.user.findMany({ where: { roles: { has: 'ADMIN' } }, select: { telegramId: true, language: true } });
  const recipients = new Map<bigint, string>(deps.adminIds.map((id) => [id, 'en']));
  for (const admin of admins) recipients.set(admin.telegramId, admin.language);
  for (const [telegramId, language] of recipients) {
    const t = translatorFor(language);
    const text = t('crypto-surplus', {
      payment: String(notice.paymentId),
      order: String(notice.orderId),
      address: notice.address,
      surplus: cryptoAmountText(notice.surplus, notice.decimals, notice.currency, localeOf(t)),
    });
    await api.sendMessage(Number(telegramId), text).catch((error) => deps.logger.warn({ err: error, telegramId: String(telegramId) }, 'could not tell an admin'));
  }
}
