import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context, SessionFlavor } from 'grammy';
import type { CoreDeps } from '../core/deps.js';
import type { MarketSettings } from '../core/market/deps.js';
import type { EscrowSettings } from '../core/market/orders/deps.js';
import type { PaymentDeps } from '../core/payments/deps.js';
import type { PayoutDeps } from '../core/payouts/deps.js';
import type { RateSource } from '../core/rates/rates.js';
import type { User } from '../generated/prisma/client.js';
import type { Logger } from '../infra/logger.js';

/** What the bot needs from the outside, passed to createBot (no module singletons). */
export interface BotDeps {
  core: CoreDeps;
  /** The core with the payment providers that are on (possibly none) and the rates. */
  payments: PaymentDeps;
  logger: Logger;
  /** Telegram user ids that are admins whatever the database says (ADMIN_TELEGRAM_IDS). */
  adminIds: readonly bigint[];
  /** The token the sale sells; resolved at start-up (the first token). */
  tokenId: number;
  /** Market orders' timings (reservation, auto-confirm); the defaults when unset. */
  escrow?: EscrowSettings;
  /** Wallet linking: where the wallet page is (PUBLIC_URL); without it the Wallet screen says linking needs it. */
  wallet?: WalletBotSettings;
  /** The market's settings (config.market); the config's defaults when absent (tests, benches). */
  market?: MarketSettings;
  /**
   * Rates for showing market prices (lists, lot cards), e.g. a cached source: a list page then
   * takes no rate statements. `payments.rates` when absent; checkout always uses `payments.rates`.
   */
  displayRates?: RateSource;
  /** On-chain payouts (PAYOUT_TOKEN_ADDRESS); without them the admins' Payouts screen says they are off. */
  payouts?: PayoutBotSettings;
}

export interface PayoutBotSettings {
  deps: PayoutDeps;
  /** `https://…/tx/{hash}` (ETH_EXPLORER_TX_URL) for the user's message, or none: the hash alone. */
  explorerTxUrl?: string;
}

export interface WalletBotSettings {
  publicUrl?: string;
  /** How long a link from the Wallet screen works (default 15 minutes). */
  linkTtlMs?: number;
}

/**
 * Per-chat UI state kept in the database between updates: small and JSON-safe. What a screen
 * needs to remember lives in the domain (the database) or in a conversation, except the market's
 * typed-in search texts, too long for callback data: the lot list's buttons carry the number of
 * one of the chat's last few searches (src/bot/screens/market-search.ts).
 */
export interface SessionData {
  marketSearches?: { next: number; items: Array<[number, string]> };
}

/** What the first middleware puts on every context. */
export interface AppFlavor {
  deps: BotDeps;
  log: Logger;
  /** The user behind the update, registered on first contact. Undefined only for updates without a sender. */
  account?: User;
}

export type BotContext = Context & SessionFlavor<SessionData> & I18nFlavor & AppFlavor & ConversationFlavor<Context>;

/** The context inside conversations: the same plugins, installed again for each replay. */
export type ConversationContext = Context & I18nFlavor & AppFlavor;
