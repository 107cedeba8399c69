import type { PaymentDeps } from '../../payments/deps.js';
import type { DisplayCurrencyOptions } from '../../users/display-currency.js';

/** The escrow's timings (config: RESERVATION_MINUTES, MARKET_AUTO_CONFIRM_HOURS). */
export interface EscrowSettings {
  /** How long an unpaid lot order holds its quantity. */
  reservationMinutes: number;
  /** A delivered order the buyer neither confirms nor disputes completes after this many hours. */
  autoConfirmHours: number;
}

/** The core with the payment providers, the rates, the escrow's timings and the market's currencies. */
export interface OrderDeps extends PaymentDeps {
  escrow: EscrowSettings;
  /** The market's currencies and default display currency: an order records the buyer's. */
  market: DisplayCurrencyOptions;
}

export const DEFAULT_ESCROW: EscrowSettings = { reservationMinutes: 30, autoConfirmHours: 72 };

/** Who acts on an order: its buyer, its seller, or support (the SUPPORT or ADMIN role). */
export interface Actor {
  userId: number;
  /** SUPPORT or ADMIN: may see and resolve disputes. */
  isSupport?: boolean;
}
