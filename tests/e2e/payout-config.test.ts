import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startApp } from '../support/process.js';

const ETH = { ETH_RPC_URL: 'http://127.0.0.1:9', ETH_CHAIN_ID: '1337', PAYOUT_PRIVATE_KEY: `0x${'ab'.repeat(32)}` };

test.each([
  [{ PAYOUT_TOKEN_ADDRESS: '0xnot-an-address' }, /^Invalid configuration: PAYOUT_TOKEN_ADDRESS: expected a 0x-prefixed 20-byte address/],
  [{ ETH_EXPLORER_TX_URL: 'https://etherscan.io/tx/' }, /^Invalid configuration: ETH_EXPLORER_TX_URL: expected an http\(s\) URL template containing \{hash\}/],
  [{ PAYOUT_BATCH_SIZE: '0' }, /^Invalid configuration: PAYOUT_BATCH_SIZE: expected a whole number from 1 to 500$/],
])('bad payout setting %j stops start-up with one line naming it', { timeout: 60_000 }, async (env, expected) => {
  const app = startApp({ ...ETH, ...env, DATA_DIR: join(tmpdir(), 'market-never-created') });
  expect(await app.exited).toBe(1);
  const lines = app.output().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(expected);
});
