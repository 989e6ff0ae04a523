/**
 * The code the benchmark times, bundled by esbuild the way dist/cli.js and dist/server.js
 * are (node, cjs, not minified) into the temp folder, and loaded from there: the timings are
 * those of the shipped code, not of the test loader's on-the-fly transform. Hover and
 * definition are included when their files exist and export `hoverAt` / `definitionAt`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { allDiagnostics } from '../../server/src/cli/report';
import type { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import type { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { SourceFile } from '../../server/src/core/model/resource';
import type { indexWorkspace } from '../../server/src/node/loadWorkspace';
import type { parseAllDocuments } from 'yaml';
import { repoRoot } from './corpus';

/** A feature at a position: hover or definition. */
export type AtFn = (index: WorkspaceIndex, file: SourceFile, offset: number) => unknown;

export interface Core {
  indexWorkspace: typeof indexWorkspace;
  allDiagnostics: typeof allDiagnostics;
  diagnosticsOf: typeof diagnosticsOf;
  buildTrafficGraph: typeof buildTrafficGraph;
  /** The reference: `yaml` itself, bundled the same way. */
  parseAllDocuments: typeof parseAllDocuments;
  hoverAt?: AtFn;
  definitionAt?: AtFn;
  /** What could not be measured, and why. */
  missing: string[];
}

const src = (p: string): string => join(repoRoot, 'server', 'src', p);

/** Build the bundle and load it. */
export async function loadCore(): Promise<Core> {
  const lines = [
    `export { indexWorkspace } from ${JSON.stringify(src('node/loadWorkspace'))};`,
    `export { allDiagnostics } from ${JSON.stringify(src('cli/report'))};`,
    `export { diagnosticsOf } from ${JSON.stringify(src('core/features/diagnostics'))};`,
    `export { buildTrafficGraph } from ${JSON.stringify(src('core/features/trafficPath'))};`,
    `export { parseAllDocuments } from 'yaml';`,
  ];
  const missing: string[] = [];
  for (const [file, fn] of [['hover', 'hoverAt'], ['definition', 'definitionAt']] as const) {
    const path = src(`core/features/${file}.ts`);
    if (existsSync(path) && new RegExp(`export function ${fn}\\b`).test(readFileSync(path, 'utf8'))) lines.push(`export { ${fn} } from ${JSON.stringify(path)};`);
    else missing.push(`${fn} (server/src/core/features/${file}.ts)`);
  }
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
  const core = require(outfile) as Omit<Core, 'missing'>;
  rmSync(outfile);
  return { ...core, missing };
}
