/**
 * The second kustomize line of the bench (issue 13): each repository of the kustomize corpus
 * indexed as a workspace the way `podpath check` does it (every unit discovered, built and
 * checked), in one fresh process with the core bundled as it ships; then edits of the base
 * file read by the most units (a port number changed and changed back), each timed to its
 * re-checked diagnostics. Prints one JSON line. Runs alone:
 *   node --expose-gc --import tsx test/bench/kustomizeUnits.ts [KUSTOMIZE_CORPUS]
 * Targets: every unit built and checked ≤ 1500 ms; an edit of a shared base p95 ≤ 30 ms.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCore } from './core';
import { benchConfig, readTexts, repoRoot } from './corpus';
import { median, percentile, round } from './stats';

async function main(): Promise<void> {
  // As kustomize.ts finds it: $PODPATH_KUSTOMIZE_CORPUS, else beside $PODPATH_CORPUS, else ../shared/corpus/kustomize.
  const besideReal = process.env.PODPATH_CORPUS ? join(resolve(process.env.PODPATH_CORPUS), '..', 'kustomize') : undefined;
  const corpus = resolve(
    process.argv[2] ?? process.env.PODPATH_KUSTOMIZE_CORPUS ?? besideReal ?? join(repoRoot, '..', 'shared', 'corpus', 'kustomize'),
  );
  const core = await loadCore();
  const trees: Awaited<ReturnType<typeof readTexts>>[] = [];
  for (const t of readdirSync(join(corpus, 'trees')).sort()) trees.push(await readTexts('real', join(corpus, 'trees', t)));
  const pass = (): { ms: number; units: number; index: ReturnType<typeof core.indexWorkspace>[] } => {
    const t0 = performance.now();
    let units = 0;
    const index = trees.map((t) => {
      const i = core.indexWorkspace(t.texts, benchConfig, repoRoot);
      core.allDiagnostics(i, {});
      units += i.unitCount;
      return i;
    });
    return { ms: performance.now() - t0, units, index };
  };
  const first = pass();
  const later = Array.from({ length: 3 }, () => pass().ms);
  // The base file read by the most units (a resource file, not a kustomization).
  let best: { i: number; uri: string; n: number } | undefined;
  first.index.forEach((index, i) => {
    for (const f of index.allFiles()) {
      if (!/port: \d+/.test(f.text) || f.resources.length === 0) continue;
      const n = index.unitsOf(f.uri).length;
      if (!best || n > best.n) best = { i, uri: f.uri, n };
    }
  });
  if (!best) throw new Error('no shared base file with a port in the kustomize corpus');
  const index = first.index[best.i]!;
  const file = index.getFile(best.uri)!;
  const original = file.text;
  const samples: number[] = [];
  for (let k = 0; k < 60; k++) {
    const text = k % 2 === 0 ? original.replace(/port: (\d+)/, (_m, p: string) => `port: ${Number(p) + 1}`) : original;
    const t0 = performance.now();
    index.setFile(file.uri, file.path, text, k + 2);
    index.check();
    samples.push(performance.now() - t0);
  }
  // The first edits warm the code of an edit up: the rest are timed.
  const timed = samples.slice(10);
  console.log(
    JSON.stringify({
      firstMs: round(first.ms),
      medianMs: round(median(later)),
      trees: trees.length,
      units: first.units,
      sharedFile: file.path,
      sharedBy: best.n,
      edit: { p50: round(percentile(timed, 50)), p95: round(percentile(timed, 95)), max: round(Math.max(...timed)), samples: timed.length },
    }),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`kustomize units bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
