import type { CoreDeps } from '../deps.js';
import type { RateSource } from '../rates/rates.js';
import type { PaymentGateway, ProviderId } from './gateway.js';

/** The core plus the providers that are on (their configuration present) and the rates. */
export interface PaymentDeps extends CoreDeps {
  gateways: ReadonlyMap<ProviderId, PaymentGateway>;
  rates: RateSource;
}
