import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalChain, startLocalChain } from '../support/chain.js';

// The local chain the Ethereum tests stand on: the token artifact deploys and behaves as an
// ERC-20, and a snapshot/revert takes mined blocks away the way a reorg does.
describe('local chain', () => {
  let chain: LocalChain;
  beforeAll(async () => {
    chain = await startLocalChain();
  });
  afterAll(() => chain.close());

  it('deploys the TestToken with its decimals and moves balances with Transfer events', async () => {
    const usdt = await chain.deployToken('USDT', 6);
    expect(await usdt.getFunction('decimals')()).toBe(6n);
    const alice = chain.wallet(1).address;
    await (await usdt.getFunction('mint')(chain.wallet(0).address, 1_000_000n)).wait();
    const receipt = await (await usdt.getFunction('transfer')(alice, 250_000n)).wait();
    expect(await usdt.getFunction('balanceOf')(alice)).toBe(250_000n);
    expect(receipt.logs[0].topics[0]).toBe('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');
  });

  it('reverting a snapshot removes the blocks mined since, and new blocks take their heights', async () => {
    const start = await chain.blockNumber();
    const id = await chain.snapshot();
    await chain.mine(3);
    const orphan = await chain.provider.send('eth_getBlockByNumber', [`0x${(start + 1).toString(16)}`, false]);
    await chain.revert(id);
    expect(await chain.blockNumber()).toBe(start);
    // An empty block with the same parent and second would be the same block: move the clock.
    await chain.provider.send('evm_increaseTime', [60]);
    await chain.mine(1);
    const replacement = await chain.provider.send('eth_getBlockByNumber', [`0x${(start + 1).toString(16)}`, false]);
    expect(replacement.hash).not.toBe(orphan.hash);
  });
});
