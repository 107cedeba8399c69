import { HDNodeWallet } from 'ethers';

/**
 * Deposit addresses from an extended PUBLIC key (ETH_XPUB, the node m/44'/60'/0'/0 of the shop's
 * wallet): child i is the address of m/44'/60'/0'/0/i, which the wallet holding the seed can spend.
 * Only non-hardened children exist for a public key; the private side never reaches the app.
 */
export function depositAddresses(xpub: string): (index: number) => string {
  const node = HDNodeWallet.fromExtendedKey(xpub);
  if ('privateKey' in node) throw new Error('ETH_XPUB must be an extended public key, not a private one');
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) throw new Error(`deposit index ${index} is not a non-hardened child index`);
    return node.deriveChild(index).address;
  };
}
