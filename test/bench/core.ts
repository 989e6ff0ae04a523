/**
 * The code the benchmark times, bundled by esbuild the way dist/cli.js and dist/server.js
 * are (node, cjs, not minified) into the temp folder, and loaded from there: the timings are
 * those of the shipped code, not of the test loader's on-the-fly transform. The editor-side
 * measurements go through the language server's own Workspace and request handlers.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { allDiagnostics } from '../../server/src/cli/report';
import type { positionAt } from '../../server/src/core/model/positions';
import type { definition } from '../../server/src/handlers/definition';
import type { hover } from '../../server/src/handlers/hover';
import type { trafficPath } from '../../server/src/handlers/trafficPath';
import type { indexWorkspace } from '../../server/src/node/loadWorkspace';
import type { Workspace } from '../../server/src/workspace/workspace';
import type { parseAllDocuments } from 'yaml';
import { repoRoot } from './corpus';

export interface Core {
  indexWorkspace: typeof indexWorkspace;
  allDiagnostics: typeof allDiagnostics;
  /** The reference: `yaml` itself, bundled the same way. */
  parseAllDocuments: typeof parseAllDocuments;
  /** The language server's instance state, and what it hands requests to. */
  Workspace: typeof Workspace;
  TextDocument: typeof TextDocument;
  hover: typeof hover;
  definition: typeof definition;
  trafficPath: typeof trafficPath;
  positionAt: typeof positionAt;
}

const src = (p: string): string => JSON.stringify(join(repoRoot, 'server', 'src', p));

/** Build the bundle and load it. */
export async function loadCore(): Promise<Core> {
  const lines = [
    `export { indexWorkspace } from ${src('node/loadWorkspace')};`,
    `export { allDiagnostics } from ${src('cli/report')};`,
    `export { parseAllDocuments } from 'yaml';`,
    `export { Workspace } from ${src('workspace/workspace')};`,
    `export { TextDocument } from 'vscode-languageserver-textdocument';`,
    `export { hover } from ${src('handlers/hover')};`,
    `export { definition } from ${src('handlers/definition')};`,
    `export { trafficPath } from ${src('handlers/trafficPath')};`,
    `export { positionAt } from ${src('core/model/positions')};`,
  ];
  const esbuild = await import('esbuild');
  const outfile = join(tmpdir(), 'podpath-bench', `core-${process.pid}.js`);
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: repoRoot, loader: 'ts', sourcefile: 'bench-core.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(outfile) as Core;
  rmSync(outfile);
  return core;
}
