// One build script, four bundles (see ARCHITECTURE.md):
//   client  – the extension host side (node, cjs, `vscode` external)
//   server  – the language server (node, cjs, everything bundled, shebang)
//   cli     – `podpath check|trace` (node, cjs, everything bundled, shebang)
//   webview – the traffic-path panel (browser, iife)
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

const configs = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // A shebang: npm's `podpath-language-server` bin runs this file directly (other LSP editors).
  { ...node, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webview/src/main.ts'], outfile: 'dist/webview.js' },
];

if (watch) {
  for (const c of configs) (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
