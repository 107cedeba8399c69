import { readFileSync } from 'node:fs';

/**
 * Reference values from the providers', Telegram's and Ethereum's own documents, copied from the
 * team's shared/fixtures into tests/fixtures (SOURCES.md there says where each comes from), so the
 * tests read them from the repository on any machine.
 */
export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url);

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), 'utf8')) as T;
}

export function fixtureText(name: string, encoding: BufferEncoding = 'utf8'): string {
  return readFileSync(new URL(name, FIXTURES_DIR), encoding);
}
