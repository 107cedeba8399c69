import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/bot/run.js';

const ROOT = new URL('../../src/bot/', import.meta.url).pathname;
const LOCALES = ['en', 'ru'];

function files(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ending) : path.endsWith(ending) ? [path] : [];
  });
}

/** Message id → the set of variables it uses, for every .ftl file of a locale. */
function messages(locale: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files(join(ROOT, 'locales', locale), '.ftl')) {
    const source = readFileSync(file, 'utf8');
    const resource = new FluentResource(source);
    // FluentResource drops entries it cannot parse: every message line must survive.
    const declared = [...source.matchAll(/^(-?[a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!);
    const parsed = resource.body.map((m) => m.id);
    expect(parsed, `${file} has entries Fluent cannot parse`).toEqual(declared);
    for (const id of declared) {
      expect(found.has(id), `${id} is defined twice in ${locale}`).toBe(false);
      const body = source.slice(source.search(new RegExp(`^${id}\\s*=`, 'm'))).split(/\n(?=-?[a-zA-Z][\w-]*\s*=)/)[0]!;
      found.set(id, [...new Set([...body.matchAll(/\{\s*\$([\w-]+)/g)].map((m) => m[1]!))].sort());
    }
  }
  return found;
}

/** Every key the code passes to t(...) as a literal. */
function keysUsedInCode(): Set<string> {
  const used = new Set<string>();
  for (const file of files(ROOT, '.ts')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*(?:[\w.]+\s*,\s*)?['"]([a-z][\w-]*)['"]/g)) used.add(m[1]!);
  }
  for (const command of COMMANDS) used.add(`command-${command}`);
  return used;
}

describe('locales', () => {
  const [en, ru] = LOCALES.map(messages) as [Map<string, string[]>, Map<string, string[]>];

  test('English and Russian define the same keys', () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
  });

  test('a message uses the same variables in both languages', () => {
    const differing = [...en].filter(([id, vars]) => ru.has(id) && JSON.stringify(ru.get(id)) !== JSON.stringify(vars)).map(([id]) => id);
    expect(differing).toEqual([]);
  });

  test('every key the code uses exists in both languages', () => {
    const used = keysUsedInCode();
    expect(used.size).toBeGreaterThan(20);
    for (const locale of [en, ru]) expect([...used].filter((key) => !locale.has(key))).toEqual([]);
  });
});
