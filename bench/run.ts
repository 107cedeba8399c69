/**
 * `npm run bench [-- name ...]`: runs the named benches one after the other (when none is named,
 * every bench not marked explicitOnly) and exits non-zero when any correctness check failed.
 * Add a bench by exporting a `Bench` from a file in bench/ and listing it below.
 */
import { botBench } from './bot.js';
import { lotsBench } from './lots.js';
import { purchaseBench } from './purchase.js';
import { siweBench } from './siwe.js';
import type { Bench } from './support/bench.js';
import { watcherBench } from './watcher.js';
import { webhooksBench } from './webhooks.js';

const benches: Bench[] = [purchaseBench, botBench, webhooksBench, siweBench, watcherBench, lotsBench];

function usage(): string {
  return ['usage: npm run bench [-- <name> ...]', 'benches:', ...benches.map((b) => `  ${b.name.padEnd(18)} ${b.description}${b.explicitOnly ? ' (only when named)' : ''}`)].join('\n');
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h') || args.includes('--list')) {
    console.log(usage());
    return 0;
  }
  const unknown = args.filter((name) => !benches.some((b) => b.name === name));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = args.length ? benches.filter((b) => args.includes(b.name)) : benches.filter((b) => !b.explicitOnly);
  let allOk = true;
  for (const bench of selected) {
    console.log(`== ${bench.name}`);
    const ok = await bench.run();
    console.log(`== ${bench.name}: ${ok ? 'OK' : 'FAIL'}\n`);
    allOk &&= ok;
  }
  return allOk ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
