import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config.js';

const KEY = `0x${'ab'.repeat(32)}`;
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ETH = { ETH_RPC_URL: 'http://127.0.0.1:8545', ETH_CHAIN_ID: '1337' };

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('payout configuration', () => {
  test('payouts are off until PAYOUT_TOKEN_ADDRESS is set; then on, with the defaults', () => {
    expect(loadConfig({}).payouts).toBeUndefined();
    expect(loadConfig({ ...ETH, PAYOUT_PRIVATE_KEY: KEY }).payouts).toBeUndefined();
    const config = loadConfig({ ...ETH, PAYOUT_PRIVATE_KEY: KEY, PAYOUT_TOKEN_ADDRESS: TOKEN, ETH_EXPLORER_TX_URL: 'https://etherscan.io/tx/{hash}' });
    expect(config.payouts).toEqual({
      rpcUrl: ETH.ETH_RPC_URL,
      chainId: 1337,
      privateKey: KEY,
      tokenAddress: TOKEN,
      confirmations: 12,
      batchSize: 20,
      stuckMinutes: 30,
      scheduleMinutes: 0,
      gasLimit: 100_000n,
      explorerTxUrl: 'https://etherscan.io/tx/{hash}',
    });
  });

  test.each([
    [{ PAYOUT_TOKEN_ADDRESS: '0x123' }, 'PAYOUT_TOKEN_ADDRESS', /address/],
    // A mixed-case address whose EIP-55 checksum is wrong (a typo) is refused.
    [{ PAYOUT_TOKEN_ADDRESS: TOKEN.replace('F', 'f').replace('b', 'B') }, 'PAYOUT_TOKEN_ADDRESS', /checksum/],
    [{ PAYOUT_TOKEN_ADDRESS: TOKEN, PAYOUT_PRIVATE_KEY: '' }, 'PAYOUT_PRIVATE_KEY', /required when PAYOUT_TOKEN_ADDRESS is set/],
    [{ ETH_EXPLORER_TX_URL: 'https://etherscan.io/tx/' }, 'ETH_EXPLORER_TX_URL', /\{hash\}/],
    [{ ETH_EXPLORER_TX_URL: 'etherscan.io/tx/{hash}' }, 'ETH_EXPLORER_TX_URL', /http\(s\) URL/],
    [{ PAYOUT_BATCH_SIZE: '0' }, 'PAYOUT_BATCH_SIZE', /whole number from 1 to 500/],
    [{ PAYOUT_STUCK_MINUTES: 'soon' }, 'PAYOUT_STUCK_MINUTES', /whole number/],
    [{ PAYOUT_SCHEDULE_MINUTES: '-5' }, 'PAYOUT_SCHEDULE_MINUTES', /whole number/],
    [{ PAYOUT_GAS_LIMIT: '100' }, 'PAYOUT_GAS_LIMIT', /whole number from 21000/],
  ])('%j stops start-up with one line naming %s', (env, variable, expected) => {
    const error = errorFor({ ...ETH, PAYOUT_PRIVATE_KEY: KEY, ...(env as Record<string, string>) });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(expected);
    expect(error.message.startsWith(`Invalid configuration: ${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  test('PAYOUT_TOKEN_ADDRESS needs the chain it lives on', () => {
    expect(errorFor({ PAYOUT_TOKEN_ADDRESS: TOKEN, PAYOUT_PRIVATE_KEY: KEY }).variable).toBe('ETH_RPC_URL');
  });
});
