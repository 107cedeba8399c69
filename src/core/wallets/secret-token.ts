import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets (wallet links, API sessions): 32 random bytes, base64url. Only their SHA-256 is
 * stored, so a database leak gives nobody a usable link or session.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What a token from a request must look like before it is even hashed and looked up. */
export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A SIWE nonce: 128 random bits as 32 hex characters (EIP-4361 asks for 8+ alphanumerics). */
export function newSiweNonce(): string {
  return randomBytes(16).toString('hex');
}
