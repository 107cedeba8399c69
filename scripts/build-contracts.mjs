// Compiles contracts/*.sol with solc from npm (the exact compiler pinned in package.json) and writes
// contracts/artifacts/<Name>.json: ABI, creation bytecode, the compiler version and the source's
// SHA-256. The artifacts are committed; tests/unit/contract-artifacts.test.ts recompiles and fails
// when an artifact no longer matches its source. `--check` only compares, writing nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = fileURLToPath(new URL('../contracts/', import.meta.url));

export function compileContracts() {
  const files = readdirSync(root).filter((file) => file.endsWith('.sol'));
  const sources = Object.fromEntries(files.map((file) => [file, { content: readFileSync(join(root, file), 'utf8') }]));
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      // Shanghai: what ganache 7 executes (PUSH0 is Shanghai; later opcodes it does not know).
      evmVersion: 'shanghai',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join('\n'));
  const artifacts = {};
  for (const file of files) {
    const sourceHash = createHash('sha256').update(sources[file].content).digest('hex');
    for (const [contractName, contract] of Object.entries(output.contracts[file])) {
      artifacts[contractName] = {
        contractName,
        source: `contracts/${file}`,
        sourceSha256: sourceHash,
        compiler: `solc ${solc.version()}`,
        evmVersion: input.settings.evmVersion,
        abi: contract.abi,
        bytecode: `0x${contract.evm.bytecode.object}`,
      };
    }
  }
  return artifacts;
}

export function artifactPath(contractName) {
  return join(root, 'artifacts', `${contractName}.json`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, artifact] of Object.entries(compileContracts())) {
    const text = `${JSON.stringify(artifact, null, 2)}\n`;
    if (check) {
      let current = '';
      try {
        current = readFileSync(artifactPath(name), 'utf8');
      } catch {}
      if (current !== text) {
        stale++;
        console.error(`${artifactPath(name)} does not match its source: run npm run build:contracts`);
      }
    } else {
      writeFileSync(artifactPath(name), text);
      console.log(`wrote ${artifactPath(name)}`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}
