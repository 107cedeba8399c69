import { hashMessage, verifyMessage } from 'ethers';
import type { Clock, CoreLogger } from '../deps.js';
import { fail, ok, type Result } from '../result.js';
import type { ContractSignatureChecker } from './contract-signatures.js';
import type { SiweExpectations } from './deps.js';
import { parseDateTime, parseSiweMessage, type SiweMessage } from './siwe-message.js';

export type VerifySiweError =
  | 'MESSAGE_MALFORMED'
  | 'SIGNATURE_MALFORMED'
  | 'DOMAIN_MISMATCH'
  | 'URI_MISMATCH'
  | 'CHAIN_MISMATCH'
  | 'MESSAGE_EXPIRED'
  | 'MESSAGE_NOT_YET_VALID'
  | 'SIGNATURE_INVALID'
  | 'CONTRACT_CHECK_UNAVAILABLE';

export interface VerifiedSiwe {
  message: SiweMessage;
  /** The EIP-55 address that signed. */
  address: string;
  /** EOA: ecrecover of the ERC-191 hash gave the address; CONTRACT: its EIP-1271 said yes. */
  kind: 'EOA' | 'CONTRACT';
}

/** Contract signatures may be long (multisig owners), but not unboundedly. */
const SIGNATURE = /^0x(?:[0-9a-fA-F]{2}){1,4096}$/;
/** How far in the future "Issued At" may be (the browser's clock against ours). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface VerifySiweDeps {
  clock: Clock;
  logger: CoreLogger;
  contractSignatures?: ContractSignatureChecker;
}

/**
 * Checks a signed EIP-4361 message: that it parses strictly; that its domain (and scheme, if it
 * names one), URI and chain are the ones expected here; that it is inside its validity window;
 * and that its address signed it: by ecrecover of the ERC-191 hash (an EOA), or, when a chain is
 * configured, by the address's own EIP-1271 answer (a contract wallet). Nothing is written: the
 * nonce is the caller's (linkWallet, signInWithWallet), inside the same transaction as its use.
 */
export async function verifySiwe(
  deps: VerifySiweDeps,
  input: { message: string; signature: string; expected: SiweExpectations },
): Promise<Result<VerifiedSiwe, VerifySiweError>> {
  const parsed = parseSiweMessage(input.message);
  if (!parsed.ok) return parsed;
  const message = parsed.value;
  if (!SIGNATURE.test(input.signature)) return fail('SIGNATURE_MALFORMED');

  const { expected } = input;
  if (message.domain.toLowerCase() !== expected.domain.toLowerCase()) return fail('DOMAIN_MISMATCH', { expected: expected.domain });
  if (message.scheme !== undefined && message.scheme.toLowerCase() !== expected.scheme.toLowerCase()) {
    return fail('DOMAIN_MISMATCH', { expected: `${expected.scheme}://${expected.domain}` });
  }
  if (message.uri !== expected.uri) return fail('URI_MISMATCH', { expected: expected.uri });
  if (message.chainId !== expected.chainId) return fail('CHAIN_MISMATCH', { expected: String(expected.chainId) });

  const now = deps.clock.now().getTime();
  if (message.expirationTime !== undefined && parseDateTime(message.expirationTime)!.getTime() <= now) return fail('MESSAGE_EXPIRED');
  if (message.notBefore !== undefined && parseDateTime(message.notBefore)!.getTime() > now) return fail('MESSAGE_NOT_YET_VALID');
  if (parseDateTime(message.issuedAt)!.getTime() > now + CLOCK_SKEW_MS) return fail('MESSAGE_NOT_YET_VALID');

  if (recoversTo(input.message, input.signature, message.address)) return ok({ message, address: message.address, kind: 'EOA' });
  if (deps.contractSignatures) {
    try {
      if (await deps.contractSignatures(message.address, hashMessage(input.message), input.signature)) {
        return ok({ message, address: message.address, kind: 'CONTRACT' });
      }
    } catch (error) {
      deps.logger.warn({ err: error, address: message.address }, 'EIP-1271 check failed: the chain could not be asked');
      return fail('CONTRACT_CHECK_UNAVAILABLE');
    }
  }
  return fail('SIGNATURE_INVALID');
}

/** ERC-191 personal_sign recovery; a signature that is not a valid 65-byte one recovers nothing. */
function recoversTo(message: string, signature: string, address: string): boolean {
  if (signature.length !== 2 + 65 * 2) return false;
  try {
    return verifyMessage(message, signature) === address;
  } catch {
    return false; // s too high, v out of range, not on the curve
  }
}
