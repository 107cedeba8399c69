/**
 * EIP-1271: asks the contract at `address` whether `signature` is its signature of `hash` (the
 * ERC-191 hash of the message). True only for the magic value 0x1626ba7e; false for an account
 * without code, a revert or any other answer. Throws when the chain cannot be reached.
 */
export type ContractSignatureChecker = (address: string, hash: string, signature: string) => Promise<boolean>;

/** What isValidSignature returns for a valid signature (EIP-1271). */
export const EIP1271_MAGIC_VALUE = '0x1626ba7e';
