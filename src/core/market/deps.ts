import type { CoreDeps } from '../deps.js';
import type { RateSource } from '../rates/rates.js';

export interface MarketSettings {
  /** Currencies lots may be priced in; the listing converts each of them to the display currency. */
  currencies: readonly string[];
  /** Shown when a buyer has chosen no display currency. */
  defaultDisplayCurrency: string;
  /** MARKET_SELLER_AUTO_APPROVE: a seller application is approved at once. */
  sellerAutoApprove: boolean;
}

/** The settings' defaults (config's), for tests and benches that pass none. */
export const DEFAULT_MARKET_SETTINGS: MarketSettings = { currencies: ['RUB', 'USD', 'EUR'], defaultDisplayCurrency: 'RUB', sellerAutoApprove: false };

/** The core plus live rates (src/core/rates) and the market's settings. */
export interface MarketDeps extends CoreDeps {
  rates: RateSource;
  market: MarketSettings;
}

/** Who is asking: admins manage the catalogue; sellers manage their own lots. */
export interface Actor {
  userId: number;
  isAdmin: boolean;
}
