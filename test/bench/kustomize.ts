/**
 * The kustomize line of the bench: every kustomization folder of the kustomize corpus
 * ($PODPATH_KUSTOMIZE_CORPUS, else `kustomize/` beside $PODPATH_CORPUS, else ../shared/corpus/kustomize) built by the evaluator in one
 * fresh process, from texts already in memory (as the language server holds them), with
 * the evaluator bundled as it ships. Prints one JSON line: the first pass (JIT included,
 * parse cache empty), the median of five later passes, each as wall and CPU time, and the
 * folders and objects built. Runs alone:
 *   node --import tsx test/bench/kustomize.ts
 * Target (issue 13): ≤ 1500 ms for all of them; `kubectl kustomize` per folder takes 11.5 s.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { buildKustomization as Build } from '../../server/src/core/sources/kustomize/build';
import type { SourceFs } from '../../server/src/core/sources/kustomize/types';

const repoRoot = resolve(__dirname, '..', '..');

interface Tree {
  name: string;
  fs: SourceFs;
  folders: string[];
}

/** A tree's files in memory, and its folders holding a kustomization. */
function readTree(root: string, name: string): Tree {
  const files = new Map<string, string>();
  const dirs = new Map<string, string[]>();
  const folders: string[] = [];
  const walk = (rel: string): void => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true });
    dirs.set(
      rel,
      entries.map((e) => e.name),
    );
    if (entries.some((e) => e.isFile() && /^(kustomization\.ya?ml|Kustomization)$/.test(e.name))) folders.push(rel);
    for (const e of entries) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.set(p, readFileSync(join(root, p), 'utf8'));
    }
  };
  walk('');
  return { name, folders, fs: { read: (p) => files.get(p), list: (p) => dirs.get(p), isDir: (p) => dirs.has(p) } };
}

async function main(): Promise<void> {
  // Beside the real corpus when PODPATH_CORPUS names it (…/corpus/real → …/corpus/kustomize).
  const besideReal = process.env.PODPATH_CORPUS ? join(resolve(process.env.PODPATH_CORPUS), '..', 'kustomize') : undefined;
  const corpus = resolve(process.env.PODPATH_KUSTOMIZE_CORPUS ?? besideReal ?? join(repoRoot, '..', 'shared', 'corpus', 'kustomize'));
  if (!existsSync(join(corpus, 'trees'))) throw new Error(`kustomize corpus not found at ${corpus} (set PODPATH_KUSTOMIZE_CORPUS)`);
  const esbuild = await import('esbuild');
  const dir = join(tmpdir(), 'podpath-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `kustomize-${process.pid}.js`);
  await esbuild.build({
    entryPoints: [join(repoRoot, 'server/src/core/sources/kustomize/build.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildKustomization } = require(outfile) as { buildKustomization: typeof Build };
  rmSync(outfile);
  const trees = readdirSync(join(corpus, 'trees'))
    .sort()
    .map((t) => readTree(join(corpus, 'trees', t), t));
  const pass = (): { ms: number; cpuMs: number; objects: number; folders: number } => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let objects = 0;
    let folders = 0;
    for (const t of trees) {
      const cache = new Map<string, unknown>();
      for (const f of t.folders) {
        objects += buildKustomization(t.fs, f, { cache }).objects.length;
        folders++;
      }
    }
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, objects, folders };
  };
  const first = pass();
  const later = Array.from({ length: 5 }, pass);
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const r = (x: number): number => Math.round(x * 10) / 10;
  // CPU time beside wall time: on a loaded machine the wall time is mostly waiting for a core.
  console.log(
    JSON.stringify({
      firstMs: r(first.ms),
      firstCpuMs: r(first.cpuMs),
      medianMs: r(med(later.map((p) => p.ms))),
      medianCpuMs: r(med(later.map((p) => p.cpuMs))),
      folders: first.folders,
      objects: first.objects,
    }),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`kustomize bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
