import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { artifactPath, compileContracts } from '../../scripts/build-contracts.mjs';

describe('contract artifacts', () => {
  it('each committed artifact is what solc builds from its source today', () => {
    const built = compileContracts() as Record<string, unknown>;
    expect(Object.keys(built)).toContain('TestToken');
    for (const [name, artifact] of Object.entries(built)) {
      const committed = JSON.parse(readFileSync(artifactPath(name), 'utf8'));
      expect(committed, `${name}: run npm run build:contracts`).toEqual(artifact);
    }
  }, 60_000);
});
