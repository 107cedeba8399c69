import { AbiCoder, Interface } from 'ethers';

/** A JSON-RPC error answer, or an HTTP failure talking to the node. */
export class RpcError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message);
  }
}

export interface RpcCall {
  method: string;
  params: unknown[];
}

/** Ethereum JSON-RPC over HTTP: single calls and batches (one request, answers in call order). */
export interface JsonRpc {
  call<T>(method: string, params: unknown[]): Promise<T>;
  batch<T>(calls: RpcCall[]): Promise<T[]>;
}

export function jsonRpc(url: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): JsonRpc {
  const doFetch = options.fetch ?? fetch;
  let nextId = 1;
  async function post(body: unknown): Promise<unknown> {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (!response.ok) throw new RpcError(`JSON-RPC HTTP ${response.status}`);
    return response.json();
  }
  const unwrap = <T>(answer: { result?: T; error?: { code: number; message: string } }, method: string): T => {
    if (answer.error) throw new RpcError(`${method}: ${answer.error.message}`, answer.error.code);
    return answer.result as T;
  };
  return {
    async call<T>(method: string, params: unknown[]) {
      return unwrap<T>((await post({ jsonrpc: '2.0', id: nextId++, method, params })) as { result?: T }, method);
    },
    async batch<T>(calls: RpcCall[]) {
      if (calls.length === 0) return [];
      const first = nextId;
      nextId += calls.length;
      const answers = (await post(calls.map((c, i) => ({ jsonrpc: '2.0', id: first + i, method: c.method, params: c.params })))) as { id: number; result?: T }[];
      if (!Array.isArray(answers)) throw new RpcError('JSON-RPC batch: the node did not answer with a list');
      const byId = new Map(answers.map((a) => [a.id, a]));
      return calls.map((c, i) => {
        const answer = byId.get(first + i);
        if (!answer) throw new RpcError(`${c.method}: no answer in the batch`);
        return unwrap<T>(answer, c.method);
      });
    },
  };
}

export const toQuantity = (n: bigint | number): string => `0x${n.toString(16)}`;

const erc20 = new Interface(['function decimals() view returns (uint8)', 'function symbol() view returns (string)']);

/** The token's decimals and symbol, read from its contract (once, at start-up). */
export async function readTokenInfo(rpc: JsonRpc, token: string): Promise<{ decimals: number; symbol: string }> {
  const [decimals, symbol] = await rpc.batch<string>([
    { method: 'eth_call', params: [{ to: token, data: erc20.encodeFunctionData('decimals') }, 'latest'] },
    { method: 'eth_call', params: [{ to: token, data: erc20.encodeFunctionData('symbol') }, 'latest'] },
  ]);
  if (!decimals || decimals === '0x') throw new RpcError(`${token} is not an ERC-20 contract on this chain (no decimals())`);
  return {
    decimals: Number(AbiCoder.defaultAbiCoder().decode(['uint8'], decimals!)[0]),
    symbol: String(erc20.decodeFunctionResult('symbol', symbol!)[0]),
  };
}
