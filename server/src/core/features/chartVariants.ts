/**
 * `ci/*-values.yaml` of a chart as variants: chart-testing installs a chart once per such
 * file, so each is a way the chart is installed that podpath can check. A variant is
 * checked when the chart's unit (a `units:` entry with `chart:`, of `.podpath.yaml` or the
 * setting `podpath.units`) lists it among its values files. The editor shows them as code
 * lenses on `Chart.yaml` (codeLens.ts); `podpath units` lists those not checked yet.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ChartBuild } from '../sources/helm/unit';

export interface ChartVariant {
  /** The chart folder: URI and display path ('' for the workspace root). */
  chartUri: string;
  chartPath: string;
  /** The values file: URI, display path, and its path inside the chart (`ci/ingress-values.yaml`). */
  uri: string;
  path: string;
  inChart: string;
  /** The name of the configured unit whose values files list it. */
  checkedBy?: string;
  /** The unit that says how the chart is installed now, if any (one unit per chart). */
  unit?: string;
  /** A name for a unit that checks it: `<chart folder>-<file name without -values.yaml>`. */
  suggestedName: string;
  /** What a unit that checks it keeps of the chart's unit now (`.podpath.yaml`'s or the setting's). */
  keep?: VariantKeeps;
}

/** The keys of a chart entry a variant's entry keeps (the values files are the variant's). */
export interface VariantKeeps {
  release?: string;
  namespace?: string;
  set?: string[];
  kubeVersion?: string;
}

/** The variants of every chart of the index, by chart path then file. */
export function chartVariants(index: WorkspaceIndex): ChartVariant[] {
  const builds = [...index.charts.allBuilds()].sort((a, b) => (a.unit.rootPath < b.unit.rootPath ? -1 : 1));
  return builds.flatMap((b) => variantsOfBuild(index, b));
}

/** The variants of the chart whose `Chart.yaml` this is (none for any other file). */
export function variantsOfChartFile(index: WorkspaceIndex, uri: string): ChartVariant[] {
  if (!/\/Chart\.yaml$/.test(uri)) return [];
  const root = uri.slice(0, uri.lastIndexOf('/'));
  const build = [...index.charts.allBuilds()].find((b) => b.unit.rootUri === root);
  return build ? variantsOfBuild(index, build) : [];
}

function decoded(u: string): string {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
}

/** URIs made by two libraries may escape differently: compared decoded. */
function sameUri(a: string, b: string): boolean {
  return a === b || decoded(a) === decoded(b);
}

function variantsOfBuild(index: WorkspaceIndex, b: ChartBuild): ChartVariant[] {
  const { rootUri, rootPath, valuesFiles = [], name } = b.unit;
  const keep: VariantKeeps = {
    ...(b.unit.releaseName !== undefined ? { release: b.unit.releaseName } : {}),
    ...(b.unit.namespace !== undefined ? { namespace: b.unit.namespace } : {}),
    ...(b.unit.set?.length ? { set: b.unit.set } : {}),
    ...(b.unit.kubeVersion !== undefined ? { kubeVersion: b.unit.kubeVersion } : {}),
  };
  const folder = rootPath.split('/').filter(Boolean).pop() ?? 'chart';
  return index.charts.variantsOf(rootUri).map((v) => {
    const inChart = v.uri.slice(rootUri.length + 1);
    const stem = inChart.slice('ci/'.length, -'-values.yaml'.length);
    const checked = valuesFiles.some((f) => sameUri(f.uri, v.uri));
    return {
      chartUri: rootUri,
      chartPath: rootPath,
      uri: v.uri,
      path: v.path,
      inChart: decoded(inChart),
      ...(checked && name !== undefined ? { checkedBy: name } : {}),
      ...(name !== undefined ? { unit: name } : {}),
      suggestedName: `${folder}-${decoded(stem)}`,
      ...(name !== undefined && Object.keys(keep).length ? { keep } : {}),
    };
  });
}

type Entry = Record<string, unknown>;

function isEntry(u: unknown): u is Entry {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}

const samePath = (a: string, b: string): boolean => {
  const norm = (p: string): string =>
    p
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '') || '.';
  return norm(a) === norm(b);
};

/**
 * A `units:` list (of `.podpath.yaml` or the setting `podpath.units`) with a unit that checks
 * a variant: `chart` and `values` are paths as the list writes them. One unit per chart, so
 * the chart's entry, if any, is replaced, keeping its release, namespace, `set` and
 * `kubeVersion` (`keep`: those of the chart's unit when the list has no entry for it, as when
 * `.podpath.yaml` says how the chart is installed and the setting is written); the values file
 * comes after the chart's `values.yaml`, as chart-testing's `--values`. Undefined when the
 * chart's entry already lists the file.
 */
export function unitsWithVariant(
  units: readonly unknown[],
  add: { name: string; chart: string; values: string; keep?: VariantKeeps },
): unknown[] | undefined {
  const at = units.findIndex((u) => isEntry(u) && typeof u.chart === 'string' && samePath(u.chart, add.chart));
  const old = at >= 0 ? (units[at] as Entry) : undefined;
  if (old && Array.isArray(old.values) && old.values.some((v) => typeof v === 'string' && samePath(v, add.values))) return undefined;
  const taken = new Set(units.filter((u, i) => i !== at && isEntry(u)).map((u) => (u as Entry).name));
  let name = add.name;
  for (let n = 2; taken.has(name); n++) name = `${add.name}-${n}`;
  const entry: Entry = { name, chart: add.chart, values: [add.values] };
  for (const k of ['release', 'namespace', 'set', 'kubeVersion'] as const) {
    const v = old ? old[k] : add.keep?.[k];
    if (v !== undefined) entry[k] = v;
  }
  return at >= 0 ? units.map((u, i) => (i === at ? entry : u)) : [...units, entry];
}
