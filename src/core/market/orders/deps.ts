import type { PaymentDeps } from '../../payments/deps.js';

/** The escrow's timings (config: RESERVATION_MINUTES, MARKET_AUTO_CONFIRM_HOURS). */
export interface EscrowSettings {
  /** How long an unpaid lot order holds its quantity. */
  reservationMinutes: number;
  /** A delivered order the buyer neither confirms nor disputes completes after this many hours. */
  autoConfirmHours: number;
}

/** The core with the payment providers, the rates and the escrow's timings. */
export interface OrderDeps extends PaymentDeps {
  escrow: EscrowSettings;
}

export const DEFAULT_ESCROW: EscrowSettings = { reservationMinutes: 30, autoConfirmHours: 72 };

/** Who acts on an order: its buyer, its seller, or support (the SUPPORT or ADMIN role). */
export interface Actor {
  userId: number;
  /** SUPPORT or ADMIN: may see and resolve disputes. */
  isSupport?: boolean;
}
