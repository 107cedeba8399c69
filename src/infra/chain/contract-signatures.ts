import { Contract, isError, JsonRpcProvider, Network } from 'ethers';
import { type ContractSignatureChecker, EIP1271_MAGIC_VALUE } from '../../core/wallets/contract-signatures.js';

const EIP1271_ABI = ['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4 magicValue)'];

/**
 * The checker on a JSON-RPC node (ETH_RPC_URL) of the chain the messages name (ETH_CHAIN_ID):
 * the contract is resolved on that chain, as EIP-4361 requires. The network is fixed up front, so
 * the provider never guesses it and a node of another chain is noticed (ethers refuses it).
 */
export function jsonRpcContractSignatures(rpcUrl: string, chainId: number): ContractSignatureChecker {
  const network = Network.from(chainId);
  const provider = new JsonRpcProvider(rpcUrl, network, { staticNetwork: network, batchMaxCount: 1 });
  return async (address, hash, signature) => {
    const code = await provider.getCode(address);
    if (code === '0x') return false; // an EOA (or nothing): it has no isValidSignature
    const contract = new Contract(address, EIP1271_ABI, provider);
    try {
      const answer: string = await contract.getFunction('isValidSignature').staticCall(hash, signature);
      return answer.toLowerCase() === EIP1271_MAGIC_VALUE;
    } catch (error) {
      // The contract said no by reverting, or answered something that is not a bytes4.
      if (isError(error, 'CALL_EXCEPTION') || isError(error, 'BAD_DATA')) return false;
      throw error;
    }
  };
}
