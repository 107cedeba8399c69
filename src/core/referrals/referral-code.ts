import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'; // no look-alikes (0/O, 1/l/I)
export const REFERRAL_CODE_LENGTH = 8;

/** A new referral code: 8 characters, URL-safe, with no "_" so it never reads as `lot_<id>`. */
export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export function isReferralCode(text: string): boolean {
  return /^[A-Za-z0-9]{8}$/.test(text);
}
