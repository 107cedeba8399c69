import type { ProviderId } from '../payments/gateway.js';

/** The asset a crypto payment is made in: native ETH, or the configured ERC-20. */
export interface CryptoAsset {
  provider: Extract<ProviderId, 'eth' | 'erc20'>;
  /** The payment's currency: 'ETH', or the token's symbol. */
  currency: string;
  /** 'ETH', or the token contract's checksummed address (as stored on deposits and transfers). */
  asset: string;
  /** Base-unit digits: 18 for wei, the token's `decimals()`. */
  decimals: number;
  /** Minor-unit digits of the payment's currency (≤ decimals; see money.ts on ETH). */
  chargeDigits: number;
}

export const NATIVE = 'ETH';

/** The largest number of minor-unit digits a charged amount keeps (BIGINT amount_minor). */
export const MAX_CHARGE_DIGITS = 9;

export function chargeDigitsFor(decimals: number): number {
  return Math.min(decimals, MAX_CHARGE_DIGITS);
}

/** A payment's amount (minor units of its currency) in the asset's base units: exact. */
export function toBaseUnits(amountMinor: bigint, asset: Pick<CryptoAsset, 'decimals' | 'chargeDigits'>): bigint {
  return amountMinor * 10n ** BigInt(asset.decimals - asset.chargeDigits);
}

/** The chain's settings for crypto payments. */
export interface ChainSettings {
  chainId: number;
  /** A transfer counts once it is this many blocks deep (its own block counts as one). */
  confirmations: number;
}
