// `npm test`: build the bundles, type-check, lint, check the formatting (Prettier), then run every
// level of tests with node's test runner: unit and fixture tests (core), LSP tests (the built server
// over JSON-RPC), webview tests (headless Chromium) and end-to-end tests (the packaged extension in
// code-server).
// Every step runs even when an earlier one failed (a failing unit test must not hide an LSP
// failure); the summary at the end lists each step's result, and the exit status is 1 if any failed.
// Usage: node scripts/test.mjs [unit|lsp|webview|e2e ...]   (no level: all of them)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const levels = ['unit', 'lsp', 'webview', 'e2e'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !levels.includes(w));
if (unknown.length) {
  console.error(`unknown test level ${unknown.join(', ')} (levels: ${levels.join(', ')})`);
  process.exit(2);
}
const chosen = wanted.length ? wanted : levels;

/** @type {{ step: string, ok: boolean, detail: string }[]} */
const results = [];

function step(name, args, { required = false, command = process.execPath, env = process.env } = {}) {
  console.log(`\n# ${name}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  const ok = r.status === 0;
  results.push({
    step: name,
    ok,
    detail: `${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  });
  // Without bundles the LSP, webview and e2e tests have nothing to run: stop there.
  if (!ok && required) summary();
  return ok;
}

function testFiles(dir) {
  const out = [];
  let entries;
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

function summary() {
  const failed = results.filter((r) => !r.ok);
  console.log('\n# summary');
  for (const r of results) console.log(`#   ${r.ok ? 'ok  ' : 'FAIL'} ${r.step.padEnd(28)} ${r.detail}`);
  console.log(
    failed.length
      ? `# ${failed.length} of ${results.length} steps failed: ${failed.map((r) => r.step).join(', ')}`
      : `# all ${results.length} steps passed`,
  );
  process.exit(failed.length ? 1 : 0);
}

step('build (esbuild)', ['esbuild.mjs'], { required: true });
step('type-check (tsc)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint (eslint)', [
  'node_modules/eslint/bin/eslint.js',
  '--cache',
  '--cache-location',
  'node_modules/.cache/eslint/',
  '--max-warnings=0',
  '.',
]);
step('format (prettier --check)', ['node_modules/prettier/bin/prettier.cjs', '--check', '**/*.{ts,mts,cts,js,mjs,cjs}']);
for (const level of chosen) {
  const files = testFiles(join('test', level));
  if (!files.length) continue;
  if (level === 'e2e') {
    // Provisioning (minutes the first time) is a step of its own, outside the suite's timeout,
    // and runs without npm's npm_* variables: code-server's install script reads
    // npm_config_user_agent, which names the Node 20 running npm, and refuses to install.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    if (!step('e2e provisioning (code-server, Chromium)', ['scripts/provision-e2e.sh'], { command: 'bash', env })) continue;
  }
  step(`${level} tests (${files.length} files)`, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
}
summary();
