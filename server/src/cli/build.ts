/**
 * `podpath build FOLDER [--format yaml|json] [--provenance]`: a chart folder (Chart.yaml) is
 * rendered as `helm template` would (buildChart.ts); otherwise the objects of a kustomization
 * folder as `kubectl kustomize FOLDER` prints them, built by podpath's evaluator (no binary,
 * no network). The workspace is the nearest folder above FOLDER holding `.git` or
 * `.podpath.yaml` (else the current folder, when FOLDER is in it; else FOLDER): nothing
 * outside it is read. Findings go to stderr as `path:line: severity: message`; exit 1 when
 * kustomize would refuse the build, 2 on bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildKustomization } from '../core/sources/kustomize/build';
import { buildYaml } from '../core/sources/kustomize/emit';
import { lineOf, plain } from '../core/sources/kustomize/nodes';
import type { BNode, BuiltObject, Src } from '../core/sources/kustomize/types';
import { UsageError } from '../node/loadWorkspace';
import { runChartBuild } from './buildChart';
import { diskSourceFs } from '../node/sourceFs';

export interface BuildArgs {
  format?: string;
  provenance?: boolean;
  /** Charts only (see buildChart.ts). */
  values?: string[];
  set?: string[];
  release?: string;
  namespace?: string;
  kubeVersion?: string;
}

function workspaceOf(folder: string): string {
  for (let d = folder; ; d = dirname(d)) {
    if (existsSync(join(d, '.git')) || existsSync(join(d, '.podpath.yaml'))) return d;
    if (dirname(d) === d) break;
  }
  const cwd = process.cwd();
  return folder === cwd || folder.startsWith(cwd + sep) ? cwd : folder;
}

/** The output of `podpath build` and its exit status; `err` receives the findings. */
export function runBuild(paths: string[], args: BuildArgs, err: (s: string) => void): { text: string; status: number } {
  const format = args.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`--format ${format}: build writes yaml or json`);
  if (paths.length !== 1) throw new UsageError('build takes one FOLDER holding a kustomization or a chart (see podpath --help)');
  const folder = resolve(paths[0]!);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${paths[0]}: not a folder`);
  if (existsSync(join(folder, 'Chart.yaml'))) {
    const r = runChartBuild({
      chart: paths[0],
      values: args.values ?? [],
      set: args.set ?? [],
      release: args.release,
      namespace: args.namespace,
      kubeVersion: args.kubeVersion,
      format,
    });
    err(r.stderr);
    return { text: r.stdout, status: r.exit };
  }
  const root = workspaceOf(folder);
  const fs = diskSourceFs(root);
  const rel = relative(root, folder).split(sep).join('/');
  if (!['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((n) => existsSync(join(folder, n))))
    throw new UsageError(`${paths[0]}: no kustomization.yaml, kustomization.yml or Kustomization in it (nor a Chart.yaml)`);
  const result = buildKustomization(fs, rel);
  const texts = new Map<string, string>();
  const text = (p: string): string => {
    if (!texts.has(p)) texts.set(p, fs.read(p) ?? '');
    return texts.get(p)!;
  };
  const shown = (p: string): string => relative(process.cwd(), join(root, p)).split(sep).join('/') || '.';
  const where = (s: { path: string; span: readonly [number, number] }): string => `${shown(s.path)}:${lineOf(text(s.path), s.span[0])}`;
  for (const f of result.findings) err(`${where(f)}: ${f.severity}: ${f.message}\n`);
  const status = result.failed ? 1 : 0;
  if (format === 'json') {
    const objects = result.objects.map((o) =>
      args.provenance ? { object: plain(o.root), source: where(o.root.src), changed: changed(o, where) } : plain(o.root),
    );
    return { text: `${JSON.stringify(objects, null, 2)}\n`, status };
  }
  if (!args.provenance) return { text: buildYaml(result.objects), status };
  const docs = result.objects.map((o) => {
    const home = o.root.src.path;
    const body = buildYaml([o], { where: (s: Src) => (s.path !== home || s.note ? where(s) : undefined) });
    return `# source: ${where(o.root.src)}\n${body}`;
  });
  return { text: docs.join('---\n'), status };
}

/** Values of an object that came from another file than the object, or that a transformer changed: JSON pointer → `path:line (note)`. */
function changed(o: BuiltObject, where: (s: Src) => string): Record<string, string> {
  const out: Record<string, string> = {};
  const home = o.root.src.path;
  const visit = (n: BNode, ptr: string): void => {
    if (n.t === 'scalar') {
      if (n.src.path !== home || n.src.note) out[ptr] = `${where(n.src)}${n.src.note ? ` (${n.src.note})` : ''}`;
    } else if (n.t === 'seq') n.items.forEach((i, k) => visit(i, `${ptr}/${k}`));
    else for (const [k, p] of n.pairs) if (p.value) visit(p.value, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  visit(o.root, '');
  return out;
}
