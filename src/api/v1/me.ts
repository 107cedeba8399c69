import { Hono } from 'hono';
import { z } from 'zod';
import { tokenBalance } from '../../core/ledger/balance.js';
import { userRewards } from '../../core/referrals/referral-stats.js';
import { platformToken } from '../../core/tokens/sale-overview.js';
import { userPurchases } from '../../core/tokens/user-purchases.js';
import { getProfile } from '../../core/users/get-profile.js';
import { linkedWallet } from '../../core/wallets/linked-wallet.js';
import { requireWalletSession, type SessionEnv } from '../wallet.js';
import type { ApiV1Deps } from './index.js';
import { pageQuery, readQuery } from './query.js';

/** The query parameters each /me route takes (openapi.ts describes them from these). */
export const meQueries = {
  none: z.strictObject({}),
  orders: z.strictObject({ ...pageQuery, status: z.enum(['PENDING', 'PAID'], 'expected PENDING or PAID').optional() }),
  rewards: z.strictObject(pageQuery),
};

/**
 * The signed-in user's own data, every route behind a wallet session (`Authorization: Bearer
 * <token>` from POST /wallet/login; 401 without one, or with a forged, expired or ended one).
 * Token amounts and minor units are decimal strings (they may pass 2^53); times are ISO 8601.
 * - GET /me            the user, their profile basics and linked wallet;
 * - GET /me/balance    token balances (the sale's token: held, waiting for payment, worth now);
 * - GET /me/orders     token orders, newest first (?page, ?limit, ?status=PENDING|PAID);
 * - GET /me/rewards    referral rewards earned, newest first (?page, ?limit).
 */
export function meRouter(deps: ApiV1Deps): Hono<SessionEnv> {
  const me = new Hono<SessionEnv>();
  const { db } = deps.core;
  me.use('*', requireWalletSession(deps.core));

  me.get('/', async (c) => {
    const query = readQuery(c, meQueries.none);
    if (!query.ok) return query.response;
    const session = c.var.session;
    const [profile, wallet] = await Promise.all([getProfile(db, session.userId), linkedWallet(db, session.userId)]);
    return c.json({
      user: { id: session.userId, telegramId: session.telegramId.toString(), firstName: profile.firstName, lastName: profile.lastName, language: profile.language },
      profile: { email: profile.email, phone: profile.phone, birthday: profile.birthday, city: profile.city },
      wallet: wallet && {
        address: wallet.address,
        kind: wallet.kind,
        chainId: wallet.chainId,
        linkedAt: wallet.linkedAt.toISOString(),
        confirmedAt: wallet.confirmedAt?.toISOString() ?? null,
      },
      session: { address: session.address, expiresAt: session.expiresAt.toISOString() },
    });
  });

  me.get('/balance', async (c) => {
    const query = readQuery(c, meQueries.none);
    if (!query.ok) return query.response;
    const token = await platformToken(db);
    const balance = token && (await tokenBalance(db, c.var.session.userId, token.id));
    return c.json({
      balances:
        token && balance
          ? [
              {
                symbol: token.symbol,
                tokens: balance.tokens.toString(),
                pending: balance.pending.toString(),
                value: balance.value && { amountMinor: balance.value.amountMinor.toString(), currency: balance.value.currency },
              },
            ]
          : [],
    });
  });

  me.get('/orders', async (c) => {
    const query = readQuery(c, meQueries.orders);
    if (!query.ok) return query.response;
    const { page, limit, status } = query.value;
    const orders = await userPurchases(db, c.var.session.userId, { page, pageSize: limit, ...(status ? { status } : {}) });
    return c.json({
      items: orders.items.map((o) => ({
        id: o.orderId,
        round: o.roundName,
        amount: o.amount.toString(),
        price: { amountMinor: o.priceMinor.toString(), currency: o.currency },
        status: o.status,
        createdAt: o.createdAt.toISOString(),
        paidAt: o.paidAt?.toISOString() ?? null,
      })),
      ...paging(orders),
    });
  });

  me.get('/rewards', async (c) => {
    const query = readQuery(c, meQueries.rewards);
    if (!query.ok) return query.response;
    const { page, limit } = query.value;
    const rewards = await userRewards(db, c.var.session.userId, { page, pageSize: limit });
    return c.json({
      items: rewards.items.map((r) => ({
        id: r.rewardId,
        level: r.level,
        percent: r.percent,
        amount: r.amount.toString(),
        status: r.status,
        orderId: r.orderId,
        orderAmount: r.orderAmount.toString(),
        from: r.fromName,
        createdAt: r.createdAt.toISOString(),
      })),
      ...paging(rewards),
    });
  });

  return me;
}

function paging(page: { page: number; pageSize: number; total: number; pages: number }) {
  return { page: page.page, limit: page.pageSize, total: page.total, pages: page.pages };
}
