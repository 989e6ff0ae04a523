// `npm test`: build the bundles, type-check, then run every test with node's test runner:
// unit and fixture tests (core), LSP tests (the built server over JSON-RPC), webview tests
// (headless Chromium) and end-to-end tests (the packaged extension in code-server).
// Usage: node scripts/test.mjs [unit|fixtures|lsp|webview|e2e ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const levels = ['unit', 'lsp', 'webview', 'e2e'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? wanted : levels;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function testFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

run(process.execPath, ['esbuild.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
for (const level of chosen) {
  const files = testFiles(join('test', level));
  if (!files.length) continue;
  console.log(`\n# ${level} tests (${files.length} files)`);
  run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
}
