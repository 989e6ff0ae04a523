/**
 * Chart loading as Helm's loader does it, from a read-only view of the chart's files:
 * Chart.yaml (v2), values.yaml, templates/, the other files (for .Files), .helmignore, and
 * subcharts under charts/ — folders, and .tgz archives when the caller gives a gunzip (the
 * core may not use node:zlib; Node's zlib is one call away for the CLI and the server, and a
 * chart without archives needs none). Problems become findings, never exceptions.
 */
import { parseDocument } from 'yaml';
import { untar } from './tar';
import { helmIgnore } from './ignore';

/** What the renderer may read: paths relative to the chart root, '/'-separated. */
export interface ChartFiles {
  list(): string[];
  read(path: string): string | undefined;
  /** Raw bytes, needed only for .tgz subcharts. */
  readBytes?(path: string): Uint8Array | undefined;
}

export interface HelmFinding {
  kind: 'load' | 'dependency' | 'values' | 'render' | 'limit' | 'yaml';
  message: string;
  /** Chart-relative path (of the root chart) and offset, when known. */
  path?: string;
  offset?: number;
}

export interface ChartFile {
  /** Path relative to its own chart. */
  name: string;
  text: string;
}

export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  alias?: string;
  'import-values'?: unknown[];
}

export interface Chart {
  /** Chart.yaml, as parsed. */
  metadata: Record<string, unknown>;
  name: string;
  /** Path of the chart inside the root chart ('' for the root, 'charts/sub' for a subchart). */
  path: string;
  valuesText: string | null;
  templates: ChartFile[];
  files: ChartFile[];
  dependencies: Chart[];
  /** Chart.yaml's dependencies entries. */
  requirements: Dependency[];
  isLibrary: boolean;
}

export interface LoadOptions {
  gunzip?: (bytes: Uint8Array) => Uint8Array;
}

/** A view over an in-memory map of path → text (tests, tar archives). */
export function filesFromMap(m: Map<string, string | Uint8Array>): ChartFiles {
  const dec = new TextDecoder();
  return {
    list: () => [...m.keys()],
    read: (p) => {
      const v = m.get(p);
      return v === undefined ? undefined : typeof v === 'string' ? v : dec.decode(v);
    },
    readBytes: (p) => {
      const v = m.get(p);
      return v === undefined ? undefined : typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
  };
}

export function loadChart(view: ChartFiles, opts: LoadOptions = {}, findings: HelmFinding[] = [], base = ''): Chart | null {
  const chartYaml = view.read('Chart.yaml');
  if (chartYaml === undefined) {
    findings.push({
      kind: 'load',
      message: `${base || 'chart'}: Chart.yaml file is missing`,
      path: base ? `${base}/Chart.yaml` : 'Chart.yaml',
    });
    return null;
  }
  const doc = parseDocument(chartYaml, { version: '1.1' });
  if (doc.errors.length) {
    findings.push({
      kind: 'yaml',
      message: `${base}Chart.yaml: ${doc.errors[0]!.message}`,
      path: `${base ? base + '/' : ''}Chart.yaml`,
      offset: doc.errors[0]!.pos[0],
    });
    return null;
  }
  const metadata = (doc.toJS() ?? {}) as Record<string, unknown>;
  const name = String(metadata['name'] ?? '');
  if (!name)
    findings.push({
      kind: 'load',
      message: `${base || 'chart'}: chart.metadata.name is required`,
      path: `${base ? base + '/' : ''}Chart.yaml`,
    });
  const ignore = helmIgnore(view.read('.helmignore') ?? '');
  const all = view
    .list()
    .filter((p) => !ignore(p))
    .sort();
  const chart: Chart = {
    metadata,
    name,
    path: base,
    valuesText: view.read('values.yaml') ?? null,
    templates: [],
    files: [],
    dependencies: [],
    requirements: Array.isArray(metadata['dependencies']) ? (metadata['dependencies'] as Dependency[]) : [],
    isLibrary: metadata['type'] === 'library',
  };
  const subdirs = new Set<string>();
  for (const p of all) {
    if (p.startsWith('charts/')) {
      const rest = p.slice('charts/'.length);
      const slash = rest.indexOf('/');
      if (slash > 0) subdirs.add(rest.slice(0, slash));
      else if (/\.tgz$|\.tar\.gz$/.test(rest)) loadArchive(view, p, opts, findings, base, chart);
      continue;
    }
    if (
      p === 'Chart.yaml' ||
      p === 'values.yaml' ||
      p === 'Chart.lock' ||
      p === 'requirements.yaml' ||
      p === 'requirements.lock' ||
      p === 'values.schema.json'
    )
      continue;
    const text = view.read(p);
    if (text === undefined) continue;
    if (p.startsWith('templates/')) chart.templates.push({ name: p, text });
    else chart.files.push({ name: p, text });
  }
  for (const dir of [...subdirs].sort()) {
    const prefix = `charts/${dir}/`;
    const sub: ChartFiles = {
      list: () =>
        view
          .list()
          .filter((p) => p.startsWith(prefix))
          .map((p) => p.slice(prefix.length)),
      read: (p) => view.read(prefix + p),
      readBytes: view.readBytes ? (p) => view.readBytes!(prefix + p) : undefined,
    };
    if (sub.read('Chart.yaml') === undefined) continue;
    const c = loadChart(sub, opts, findings, `${base ? base + '/' : ''}charts/${dir}`);
    if (c) chart.dependencies.push(c);
  }
  return chart;
}

function loadArchive(view: ChartFiles, p: string, opts: LoadOptions, findings: HelmFinding[], base: string, chart: Chart): void {
  const where = `${base ? base + '/' : ''}${p}`;
  const bytes = view.readBytes?.(p);
  if (!bytes) return;
  if (!opts.gunzip) {
    findings.push({ kind: 'dependency', message: `${where}: compressed subchart not rendered (no decompressor given)`, path: where });
    return;
  }
  let entries: Map<string, Uint8Array>;
  try {
    entries = untar(opts.gunzip(bytes));
  } catch (e) {
    findings.push({ kind: 'dependency', message: `${where}: cannot read archive: ${(e as Error).message}`, path: where });
    return;
  }
  // Archives hold one top folder, the chart's name.
  const top = [...entries.keys()][0]?.split('/')[0];
  const inner = new Map<string, Uint8Array>();
  for (const [k, v] of entries) if (top && k.startsWith(top + '/')) inner.set(k.slice(top.length + 1), v);
  const c = loadChart(filesFromMap(inner), opts, findings, where);
  if (c) chart.dependencies.push(c);
}
