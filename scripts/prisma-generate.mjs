// Runs `prisma generate`. Prisma 7's client generator is WASM and works offline, but the CLI
// tries to download the native schema engine first unless PRISMA_SCHEMA_ENGINE_BINARY names
// an existing file; generation never runs that engine, so any existing file will do.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
