/**
 * Chart units of `.podpath.yaml`: how a chart of the workspace is installed — more values
 * files (`-f`, in order), `--set` expressions, the release name and namespace, the
 * Kubernetes version — so that podpath checks what `helm install` would apply:
 *
 *   units:
 *     - name: shop-prod
 *       chart: charts/shop
 *       values: [charts/shop/values-prod.yaml]
 *       release: shop
 *       namespace: prod
 *
 * The setting `podpath.units` takes the same entries (paths relative to the first workspace
 * folder). Paths are relative to the config file's folder. Validated strictly by one parser
 * (config.ts `parseUnits`): a bad entry is one line and exit 2 for the CLI; the server
 * reports it and ignores the file (or the setting).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChartSettings } from '../core/index/charts';
import type { ChartUnit } from '../core/sources/helm/unit';

export interface ChartUnitConfig {
  name: string;
  /** Absolute path of the chart folder. */
  chart: string;
  /** Absolute paths of the values files, in order. */
  values: string[];
  release?: string;
  namespace?: string;
  set: string[];
  kubeVersion?: string;
}

/** The keys of a chart entry. */
export const chartUnitKeys = ['name', 'chart', 'values', 'release', 'namespace', 'set', 'kubeVersion'];

/**
 * One `units:` entry with `chart:` (of `.podpath.yaml` or the `podpath.units` setting: one
 * parser, config.ts `parseUnits`); `base` is the folder its paths are relative to, `earlier`
 * the chart entries before it. A string says what is wrong.
 */
export function parseChartUnit(
  o: Record<string, unknown>,
  i: number,
  base: string,
  earlier: readonly ChartUnitConfig[],
): ChartUnitConfig | string {
  const extra = Object.keys(o).find((k) => !chartUnitKeys.includes(k));
  if (extra !== undefined) return `units[${i}]: unknown key "${extra}" (known: ${chartUnitKeys.join(', ')})`;
  const { name, chart, values, release, namespace, set, kubeVersion } = o;
  const at = `units[${i}] (${String(name)})`;
  if (typeof chart !== 'string' || chart === '') return `${at}: chart must be the path of a chart folder`;
  // Paths a workspace names stay in it: an untrusted folder's settings must not make podpath read files elsewhere.
  const inside = (p: string): boolean => {
    const r = relative(base, resolve(base, p));
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  if (!inside(chart)) return `${at}: ${chart} is outside the workspace folder`;
  const dir = resolve(base, chart);
  if (!existsSync(join(dir, 'Chart.yaml'))) return `${at}: ${chart} is not a chart folder (no Chart.yaml)`;
  if (earlier.some((x) => x.chart === dir)) return `${at}: ${chart} already has a unit (one unit per chart)`;
  const list = (x: unknown, what: string): string[] | string =>
    x === undefined
      ? []
      : Array.isArray(x) && x.every((s) => typeof s === 'string' && s !== '')
        ? (x as string[])
        : `${at}: ${what} must be a list of strings`;
  const vs = list(values, 'values');
  if (typeof vs === 'string') return vs;
  for (const f of vs) if (!inside(f)) return `${at}: values file ${f} is outside the workspace folder`;
  for (const f of vs) if (!existsSync(resolve(base, f)) || !statSync(resolve(base, f)).isFile()) return `${at}: values file ${f} not found`;
  const sets = list(set, 'set');
  if (typeof sets === 'string') return sets;
  if (release !== undefined && (typeof release !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(release)))
    return `${at}: release must be a release name (lowercase letters, digits, -)`;
  if (namespace !== undefined && (typeof namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)))
    return `${at}: namespace must be a namespace name`;
  if (kubeVersion !== undefined && (typeof kubeVersion !== 'string' || !/^v?\d+\.\d+(\.\d+)?$/.test(kubeVersion)))
    return `${at}: kubeVersion must look like 1.29`;
  return {
    name: name as string,
    chart: dir,
    values: vs.map((f) => resolve(base, f)),
    release: release as string | undefined,
    namespace: namespace as string | undefined,
    set: sets,
    kubeVersion: kubeVersion as string | undefined,
  };
}

/** The index's chart settings from chart units; `display` names a file as messages do. */
export function chartSettings(units: () => readonly ChartUnitConfig[], display: (abs: string) => string): ChartSettings {
  return (rootUri) => {
    const u = units().find((x) => pathToFileURL(x.chart).href === rootUri);
    if (!u) return undefined;
    const unit: Omit<ChartUnit, 'rootUri' | 'rootPath'> = {
      name: u.name,
      valuesFiles: u.values.map((f) => ({ uri: pathToFileURL(f).href, path: display(f) })),
      set: u.set,
    };
    if (u.release) unit.releaseName = u.release;
    if (u.namespace) unit.namespace = u.namespace;
    if (u.kubeVersion) unit.kubeVersion = u.kubeVersion;
    return unit;
  };
}
