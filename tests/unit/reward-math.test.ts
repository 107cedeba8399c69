import { expect, test } from 'vitest';
import { Dec } from '../../src/core/money.js';
import { computeRewards } from '../../src/core/referrals/reward-math.js';

const percents = [new Dec(10), new Dec(3), new Dec(1)];

test('each level earns its percent of the order, rounded down to whole tokens', () => {
  const rewards = computeRewards(1234n, percents, [11, 22, 33]);
  expect(rewards.map((r) => [r.level, r.beneficiaryId, r.amount])).toEqual([
    [1, 11, 123n], // 123.4
    [2, 22, 37n], // 37.02
    [3, 33, 12n], // 12.34
  ]);
});

test('a chain shorter than the levels pays only the people who are there', () => {
  expect(computeRewards(1000n, percents, [5]).map((r) => r.amount)).toEqual([100n]);
  expect(computeRewards(1000n, percents, [])).toEqual([]);
});

test('levels beyond the configured percents earn nothing', () => {
  expect(computeRewards(1000n, [new Dec(5)], [1, 2, 3])).toHaveLength(1);
});

test('a reward that rounds to zero is not written', () => {
  expect(computeRewards(50n, percents, [1, 2, 3]).map((r) => [r.level, r.amount])).toEqual([
    [1, 5n],
    [2, 1n], // 1.5
    // level 3: 0.5 → 0
  ]);
});

test('fractional percents and huge amounts stay exact', () => {
  const [reward] = computeRewards(10n ** 15n - 1n, [new Dec('2.75')], [9]);
  expect(reward?.amount).toBe(27_499_999_999_999n); // 27,499,999,999,999.9725
});
