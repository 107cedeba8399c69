import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '../../src/core/deps.js';
import { currentSale } from '../../src/core/tokens/current-sale.js';
import type { Database } from '../../src/infra/database.js';
import { createTestDb } from '../support/db.js';
import { coreDeps, fixedClock, makeToken } from '../support/factories.js';

let db: Database;
let deps: CoreDeps;
const clock = fixedClock();

beforeAll(async () => {
  db = await createTestDb();
  deps = coreDeps(db.prisma, { clock });
});
afterAll(() => db.close());

describe('the current sale', () => {
  test('is the overview as stored while the active round still sells', async () => {
    const token = await makeToken(db.prisma, [{ cap: 1000n, endsAt: new Date(clock.now().getTime() + 60_000) }, {}]);
    const sale = await currentSale(deps, token.id);
    expect(sale?.active?.round.id).toBe(token.rounds[0]!.id);
    expect(sale?.left).toBe(2000n);
  });

  test('closes a round whose end passed and opens the next before showing it', async () => {
    const token = await makeToken(db.prisma, [{ endsAt: new Date(clock.now().getTime() - 1) }, { name: 'Second' }]);
    const sale = await currentSale(deps, token.id);
    expect(sale?.active?.round).toMatchObject({ name: 'Second', status: 'ACTIVE' });
    expect(sale?.rounds.map((r) => r.round.status)).toEqual(['COMPLETE', 'ACTIVE']);
  });

  test('a sold-out last round makes the sale complete; an unknown token is null', async () => {
    const token = await makeToken(db.prisma, [{ cap: 10n }]);
    await db.prisma.tokenRound.update({ where: { id: token.rounds[0]!.id }, data: { sold: 10n } });
    const sale = await currentSale(deps, token.id);
    expect(sale).toMatchObject({ saleComplete: true, active: null, left: 0n });
    expect(await currentSale(deps, 987_654)).toBeNull();
  });
});
