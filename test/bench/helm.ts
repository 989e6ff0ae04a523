/**
 * The Helm line of the bench (issue 18), in one fresh process with the code bundled as it
 * ships: (1) rendering the largest chart of the Helm corpus ($PODPATH_HELM_CORPUS, else
 * `helm/` beside $PODPATH_CORPUS, else ../shared/corpus/helm) with its case's values, as the
 * index renders it (provenance on), median of 7 after one untimed run; (2) an edit of
 * `values.yaml` in the chart of median size, indexed as the language server holds it: the
 * edit, the re-render of that chart only, the re-check, and the diagnostics of every file
 * whose findings changed — p50/p95/max over 40 edits after 5 first ones (reported apart:
 * they include the JIT's first pass over the renderer). Prints one JSON line. Runs alone:
 *   node --expose-gc --import tsx test/bench/helm.ts
 * Targets: render ≤ 150 ms; edit → diagnostics p95 ≤ 50 ms.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createIndex } from '../../server/src/core/api';
import type { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import type { renderChart } from '../../server/src/core/sources/helm/render';
import type { chartFilesOnDisk, gunzip, readChartsFromDisk } from '../../server/src/node/chartFiles';

const repoRoot = resolve(__dirname, '..', '..');

interface Bundle {
  createIndex: typeof createIndex;
  diagnosticsOf: typeof diagnosticsOf;
  renderChart: typeof renderChart;
  chartFilesOnDisk: typeof chartFilesOnDisk;
  gunzip: typeof gunzip;
  readChartsFromDisk: typeof readChartsFromDisk;
}

async function load(): Promise<Bundle> {
  const src = (p: string): string => JSON.stringify(join(repoRoot, 'server', 'src', p));
  const lines = [
    `export { createIndex } from ${src('core/api')};`,
    `export { diagnosticsOf } from ${src('core/features/diagnostics')};`,
    `export { renderChart } from ${src('core/sources/helm/render')};`,
    `export { chartFilesOnDisk, gunzip, readChartsFromDisk } from ${src('node/chartFiles')};`,
  ];
  const esbuild = await import('esbuild');
  const outfile = join(tmpdir(), 'podpath-bench', `helm-${process.pid}.js`);
  mkdirSync(join(tmpdir(), 'podpath-bench'), { recursive: true });
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const b = require(outfile) as Bundle;
  rmSync(outfile);
  return b;
}

interface Case {
  name: string;
  chart: string;
  values: { name: string; text: string }[];
  release: string;
  namespace: string;
  kubeVersion?: string;
  set: string[];
}

function cases(corpus: string): Case[] {
  return readdirSync(join(corpus, 'cases'))
    .sort()
    .map((name) => {
      const dir = join(corpus, 'cases', name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
        release?: string;
        namespace?: string;
        kubeVersion?: string | null;
        valuesFiles?: string[];
        set?: Record<string, unknown>;
      };
      const values = (c.valuesFiles ?? []).map((v) => ({ name: v, text: readFileSync(join(dir, v), 'utf8') }));
      return {
        name,
        chart: join(dir, 'chart'),
        values,
        release: c.release ?? 'release-name',
        namespace: c.namespace ?? 'default',
        kubeVersion: c.kubeVersion ?? undefined,
        set: Object.entries(c.set ?? {}).map(([k, v]) => `${k}=${String(v)}`),
      };
    });
}

/** Bytes of a chart's files (its size, for "the chart of median size"). */
function bytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? bytes(p) : statSync(p).size;
  }
  return n;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const r1 = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const besideReal = process.env.PODPATH_CORPUS ? join(resolve(process.env.PODPATH_CORPUS), '..', 'helm') : undefined;
  const corpus = resolve(process.env.PODPATH_HELM_CORPUS ?? besideReal ?? join(repoRoot, '..', 'shared', 'corpus', 'helm'));
  if (!existsSync(join(corpus, 'cases'))) throw new Error(`Helm corpus not found at ${corpus} (set PODPATH_HELM_CORPUS)`);
  const b = await load();
  const all = cases(corpus);

  // (1) The largest chart: the case whose rendered manifest is longest.
  const render = (c: Case): string =>
    b.renderChart(b.chartFilesOnDisk(c.chart), {
      releaseName: c.release,
      namespace: c.namespace,
      kubeVersion: c.kubeVersion,
      valuesFiles: c.values,
      set: c.set,
      gunzip: b.gunzip,
      provenance: true,
    }).manifest;
  const sized = all.map((c) => ({ c, out: render(c).length }));
  const largest = sized.sort((x, y) => y.out - x.out)[0]!;
  // The chart's files read once, as the index holds them: the timed part is the render.
  const view = b.chartFilesOnDisk(largest.c.chart);
  const files = new Map(view.list().map((p) => [p, view.readBytes!(p)!]));
  const inMemory = {
    list: () => [...files.keys()],
    read: (p: string) => (files.has(p) ? new TextDecoder().decode(files.get(p)) : undefined),
    readBytes: (p: string) => files.get(p),
  };
  const cpu: number[] = [];
  const once = (): number => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    b.renderChart(inMemory, {
      releaseName: largest.c.release,
      namespace: largest.c.namespace,
      kubeVersion: largest.c.kubeVersion,
      valuesFiles: largest.c.values,
      set: largest.c.set,
      gunzip: b.gunzip,
      provenance: true,
    });
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    return performance.now() - t0;
  };
  gc();
  const firstRenderMs = once();
  cpu.length = 0;
  const renders = Array.from({ length: 7 }, once);

  // (2) The chart of median size, indexed; edits of its values.yaml.
  const unique = [...new Map(all.map((c) => [readFileSync(join(c.chart, 'Chart.yaml'), 'utf8') + bytes(c.chart), c])).values()];
  const median = unique.sort((x, y) => bytes(x.chart) - bytes(y.chart))[Math.floor(unique.length / 2)]!;
  const index = b.readChartsFromDisk(b.createIndex());
  const uri = (p: string): string => pathToFileURL(p).href;
  for (const f of yamlFiles(median.chart)) index.setFile(uri(f), f.slice(median.chart.length + 1), readFileSync(f, 'utf8'), 0);
  index.check();
  const valuesPath = join(median.chart, 'values.yaml');
  const values = readFileSync(valuesPath, 'utf8');
  let published = 0;
  const editCpu: number[] = [];
  // No GC between edits, as between keystrokes: a forced full GC before each one made the next ~5× slower (measured 56 against 9 ms).
  const edit = (i: number): number => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    index.setFile(uri(valuesPath), 'values.yaml', `${values}\n# edit ${i}\n`, i);
    for (const u of index.check()) {
      const f = index.getFile(u);
      if (f) published += b.diagnosticsOf(index, f).length;
    }
    const c = process.cpuUsage(c0);
    editCpu.push((c.user + c.system) / 1000);
    return performance.now() - t0;
  };
  gc();
  // The first edits run the renderer's code for the first time (the JIT's first pass): reported apart, as a server's first keystroke.
  const firstEdits = Array.from({ length: 5 }, (_, i) => edit(i + 1));
  editCpu.length = 0;
  const edits = Array.from({ length: 40 }, (_, i) => edit(i + 6));
  const resources = [...index.resources()].length;
  console.log(
    JSON.stringify({
      largest: largest.c.name,
      largestOutputKB: r1(largest.out / 1024),
      firstRenderMs: r1(firstRenderMs),
      renderMs: r1(q(renders, 0.5)),
      renderCpuMs: r1(q(cpu, 0.5)),
      median: median.name,
      medianChartKB: r1(bytes(median.chart) / 1024),
      medianResources: resources,
      firstEditsMs: firstEdits.map(r1),
      edit: {
        p50: r1(q(edits, 0.5)),
        p95: r1(q(edits, 0.95)),
        max: r1(Math.max(...edits)),
        samples: edits.length,
        diagnostics: published,
        cpuP50: r1(q(editCpu, 0.5)),
        cpuP95: r1(q(editCpu, 0.95)),
      },
    }),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`helm bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
