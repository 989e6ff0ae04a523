/**
 * A chart as a source of objects with provenance: the chart's files (a read-only view) and
 * its release settings in; out, one rendered text per template (what the index parses like
 * any file), the provenance that leads each rendered offset back to the template or values
 * line a person edits, and the renderer's findings placed at their file and offset. Pure and
 * self-contained, so that a chart can be dropped into an apply unit as it is.
 */
import type { ChartFiles, HelmFinding } from './chart';
import { chunkAt } from './provenance';
import { renderChart } from './render';
import type { Chunk, Limits } from './template/exec';
import type { Origins } from './values';

export interface ChartUnit {
  /** URI of the chart folder (no trailing slash). */
  rootUri: string;
  /** How messages name the chart folder ('' for the workspace root). */
  rootPath: string;
  /** The configured unit's name (a `units:` entry with `chart:`), when one says how the chart is installed. */
  name?: string;
  releaseName?: string;
  /** The release namespace; undefined when nobody said (objects keep the default namespace, leniently). */
  namespace?: string;
  /** More values files, in Helm's order (`-f`), by URI and display path. */
  valuesFiles?: { uri: string; path: string }[];
  set?: string[];
  kubeVersion?: string;
}

/** One template's rendered output, as the index parses it. */
export interface RenderedTemplate {
  /** A URI of its own: the template's with a `#rendered` fragment (`#rendered-incomplete` when dependencies are missing). */
  uri: string;
  /** Display path: the template's. */
  path: string;
  /** The rendered output, hook documents blanked out (offsets kept). */
  text: string;
  /** Helm's template name (`mychart/templates/service.yaml`). */
  template: string;
  /** The template file's URI (undefined inside a .tgz subchart). */
  templateUri: string | undefined;
  chunks: Chunk[];
}

export interface ChartProblem {
  /** The file it lies in (template, values file, Chart.yaml). */
  uri: string;
  offset: number | undefined;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ChartBuild {
  unit: ChartUnit;
  rendered: RenderedTemplate[];
  problems: ChartProblem[];
  origins: Origins;
  /** Template texts by Helm template name, as rendered (provenance offsets point into them). */
  templates: Map<string, string>;
  /** URIs of every file the build read that lives in the workspace (templates, values, Chart.yaml). */
  inputs: Set<string>;
  /** Values file names (as the renderer names them) → URIs. */
  valuesUris: Map<string, string>;
  /** The URI of a template by its Helm name (undefined inside a .tgz subchart). */
  uriOfTemplate: (name: string) => string | undefined;
}

export const renderedFragment = '#rendered';
/** The fragment of a chart rendered without some of its dependencies (not vendored): its Pods may come from them. */
export const incompleteFragment = '#rendered-incomplete';

export function isRenderedUri(uri: string): boolean {
  return uri.endsWith(renderedFragment) || uri.endsWith(incompleteFragment);
}

/** Render a chart unit. `valuesText` reads a values file given by URI (undefined: reported). */
export function buildChartUnit(
  unit: ChartUnit,
  view: ChartFiles,
  valuesText: (uri: string) => string | undefined,
  extra: { gunzip?: (b: Uint8Array) => Uint8Array; limits?: Partial<Limits> } = {},
): ChartBuild {
  const problems: ChartProblem[] = [];
  const valuesFiles: { name: string; text: string }[] = [];
  const valuesUris = new Map<string, string>();
  for (const f of unit.valuesFiles ?? []) {
    const text = valuesText(f.uri);
    if (text === undefined) {
      problems.push({
        uri: `${unit.rootUri}/Chart.yaml`,
        offset: undefined,
        severity: 'error',
        message: `values file ${f.path} cannot be read`,
      });
      continue;
    }
    valuesFiles.push({ name: f.path, text });
    valuesUris.set(f.path, f.uri);
  }
  const r = renderChart(view, {
    releaseName: unit.releaseName ?? 'release-name',
    namespace: unit.namespace ?? 'default',
    kubeVersion: unit.kubeVersion,
    valuesFiles,
    set: unit.set,
    provenance: true,
    gunzip: extra.gunzip,
    limits: extra.limits,
  });
  const chartName = r.chart?.name ?? '';
  const uriOfTemplate = (name: string): string | undefined => {
    const rel = chartName && name.startsWith(chartName + '/') ? name.slice(chartName.length + 1) : undefined;
    return rel === undefined || insideArchive(rel) ? undefined : `${unit.rootUri}/${rel}`;
  };
  const build: ChartBuild = {
    unit,
    rendered: [],
    problems,
    origins: r.origins,
    templates: r.templates,
    inputs: new Set(),
    valuesUris,
    uriOfTemplate,
  };
  // A rendered template that is not YAML is reported by the index, which parses it, at the place.
  for (const f of r.findings)
    if (!(f.kind === 'yaml' && f.path && r.rendered.has(f.path))) problems.push(placeFinding(f, unit, uriOfTemplate, valuesUris));
  const hooks = new Map<string, { offset: number; length: number }[]>();
  for (const h of r.hooks) {
    let list = hooks.get(h.template);
    if (!list) hooks.set(h.template, (list = []));
    list.push({ offset: h.offset, length: h.text.length });
  }
  const fragment = r.findings.some((f) => f.kind === 'dependency') ? incompleteFragment : renderedFragment;
  // Helm renders all or nothing: a chart that fails (a template error, required/fail, a limit, bad values) applies no object.
  const fails = r.findings.some((f) => f.kind !== 'dependency' && f.kind !== 'yaml');
  for (const [name, rendered] of fails ? [] : r.rendered) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.startsWith('_') || base === 'NOTES.txt' || rendered.trim() === '') continue;
    const templateUri = uriOfTemplate(name);
    const rel = name.slice(chartName.length + 1);
    build.rendered.push({
      uri: `${templateUri ?? `${unit.rootUri}/${rel}`}${fragment}`,
      path: join(unit.rootPath, rel),
      text: blank(rendered, hooks.get(name) ?? []),
      template: name,
      templateUri,
      chunks: r.chunks.get(name) ?? [],
    });
  }
  for (const name of r.templates.keys()) {
    const u = uriOfTemplate(name);
    if (u) build.inputs.add(u);
  }
  build.inputs.add(`${unit.rootUri}/Chart.yaml`);
  build.inputs.add(`${unit.rootUri}/values.yaml`);
  for (const u of valuesUris.values()) build.inputs.add(u);
  return build;
}

function insideArchive(rel: string): boolean {
  return /(^|\/)charts\/[^/]+\.(tgz|tar\.gz)(\/|$)/.test(rel);
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

/** Hook documents (helm.sh/hook) are not part of the release's objects: blanked, newlines kept. */
function blank(text: string, ranges: { offset: number; length: number }[]): string {
  if (!ranges.length) return text;
  let out = '';
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.offset - b.offset)) {
    out += text.slice(at, r.offset) + text.slice(r.offset, r.offset + r.length).replace(/[^\r\n]/g, ' ');
    at = r.offset + r.length;
  }
  return out + text.slice(at);
}

/** A renderer finding at its file: a template (by Helm name), a values file, or Chart.yaml. */
function placeFinding(
  f: HelmFinding,
  unit: ChartUnit,
  uriOfTemplate: (name: string) => string | undefined,
  valuesUris: Map<string, string>,
): ChartProblem {
  const severity = f.kind === 'dependency' ? 'warning' : 'error';
  const chartYaml = `${unit.rootUri}/Chart.yaml`;
  if (!f.path) return { uri: chartYaml, offset: undefined, severity, message: f.message };
  const uri = valuesUris.get(f.path) ?? uriOfTemplate(f.path) ?? (insideArchive(f.path) ? undefined : `${unit.rootUri}/${f.path}`);
  if (!uri) return { uri: chartYaml, offset: undefined, severity, message: f.message };
  return { uri, offset: f.offset, severity, message: f.message };
}

/** Where a rendered offset came from. */
export interface Provenance {
  /** The template file and span: the literal text's matching offsets, or the whole action. */
  template: { uri: string | undefined; name: string; span: [number, number]; kind: 'text' | 'action' };
  /** The values file and span, when the value passed through unchanged. */
  values?: { uri: string | undefined; name: string; span: [number, number]; keySpan?: [number, number] };
  /** The chunk's rendered range (offsets in the rendered text). */
  rendered: [number, number];
}

/** The provenance of offset `at` of a rendered template; a span [at, end) inside literal text maps offset by offset. */
export function provenanceAt(build: ChartBuild, r: RenderedTemplate, at: number): Provenance | undefined {
  const c = chunkAt(r.chunks, at);
  if (!c) return undefined;
  const uri = build.uriOfTemplate(c.template);
  const span: [number, number] = c.kind === 'text' ? [c.src[0] + (at - c.start), c.src[0] + (at - c.start)] : [c.src[0], c.src[1]];
  const p: Provenance = { template: { uri, name: c.template, span, kind: c.kind }, rendered: [c.start, c.end] };
  if (c.from) {
    const o = build.origins.get(c.from.map)?.get(c.from.key);
    if (o) {
      const vuri = build.valuesUris.get(o.file) ?? (insideArchive(o.file) ? undefined : `${build.unit.rootUri}/${o.file}`);
      p.values = { uri: vuri, name: o.file, span: o.range, ...(o.keyRange ? { keySpan: o.keyRange } : {}) };
    }
  }
  return p;
}
