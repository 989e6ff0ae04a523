/**
 * The front door: a chart (as a read-only file view) plus release settings in, the documents
 * `helm template` would print out — each with its template, its offset in the rendered
 * template and the provenance chunks of that rendering — and findings for whatever went
 * wrong (never an exception for bad input).
 */
import { loadChart, type Chart, type ChartFiles, type HelmFinding, type LoadOptions } from './chart';
import { HelmEngine, type TemplateSource } from './engine';
import { manifestText, sortManifests, type ManifestDoc } from './manifests';
import { capabilitiesObject, chartObject, filesObject, releaseObject } from './objects';
import type { Chunk, Limits } from './template/exec';
import { isMap, type GoMap, type GoValue } from './template/value';
import { coalesce, depKey, mergeMaps, parseSet, parseValues, pathValue, type Origins } from './values';

export interface RenderOptions extends LoadOptions {
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  /** -f files in order: name (for findings/provenance) and text. */
  valuesFiles?: { name: string; text: string }[];
  /** --set expressions in order. */
  set?: string[];
  isUpgrade?: boolean;
  /** Record provenance chunks (costs memory). */
  provenance?: boolean;
  limits?: Partial<Limits>;
}

export interface RenderedDoc extends ManifestDoc {
  /** Provenance of the whole rendered template the document came from (offsets in that output). */
  chunks: Chunk[] | null;
}

export interface RenderResult {
  chart: Chart | null;
  documents: RenderedDoc[];
  hooks: RenderedDoc[];
  /** What `helm template` prints. */
  manifest: string;
  /** Rendered output of every template, by Helm template name. */
  rendered: Map<string, string>;
  findings: HelmFinding[];
  /** Where every values key came from. */
  origins: Origins;
  /** Template texts by Helm template name (what provenance spans point into). */
  templates: Map<string, string>;
  /** Provenance chunks of every rendered template (with `provenance`), by Helm template name. */
  chunks: Map<string, Chunk[] | null>;
}

interface Scope {
  chart: Chart;
  /** Helm's path of the chart: "name" or "parent/charts/sub". */
  fullPath: string;
  name: string;
  values: GoMap;
}

/** Values of a chart and its enabled subcharts (coalesceDeps, with globals and conditions). */
function scopes(chart: Chart, user: GoMap, fullPath: string, name: string, origins: Origins, findings: HelmFinding[], out: Scope[]): GoMap {
  const defaults = chart.valuesText
    ? parseValues(chart.valuesText, `${chart.path ? chart.path + '/' : ''}values.yaml`, origins, findings)
    : {};
  const values = coalesce(user, defaults, origins);
  out.push({ chart, fullPath, name, values });
  for (const sub of chart.dependencies) {
    const key = depKey(chart, sub);
    if (!enabled(chart, sub, values)) continue;
    const own = values[key];
    if (own !== undefined && own !== null && !isMap(own)) {
      findings.push({ kind: 'values', message: `type mismatch on ${key}: values for a subchart must be a map` });
      continue;
    }
    const subUser: GoMap = { ...(isMap(own) ? own : {}) };
    const g = values['global'];
    if (isMap(g)) {
      const mine = isMap(subUser['global']) ? subUser['global'] : {};
      subUser['global'] = mergeMaps(mine, g, origins);
    }
    values[key] = scopes(sub, subUser, `${fullPath}/charts/${key}`, key, origins, findings, out);
  }
  return values;
}

function enabled(parent: Chart, sub: Chart, values: GoMap): boolean {
  const req = parent.requirements.find((r) => r.name === sub.name);
  if (!req) return true;
  if (req.condition) {
    for (const c of req.condition.split(',')) {
      const v = pathValue(values, c.trim());
      if (typeof v === 'boolean') return v;
    }
  }
  const tags = values['tags'];
  if (Array.isArray(req.tags) && isMap(tags)) {
    const states = req.tags.map((t) => tags[t]).filter((v): v is boolean => typeof v === 'boolean');
    if (states.includes(true)) return true;
    if (states.includes(false)) return false;
  }
  return req.enabled ?? true;
}

export function renderChart(view: ChartFiles, opts: RenderOptions = {}): RenderResult {
  const findings: HelmFinding[] = [];
  const origins: Origins = new WeakMap();
  const empty = (chart: Chart | null): RenderResult => ({
    chart,
    documents: [],
    hooks: [],
    manifest: '',
    rendered: new Map(),
    findings,
    origins,
    templates: new Map(),
    chunks: new Map(),
  });
  const chart = loadChart(view, opts, findings);
  if (!chart) return empty(null);
  reportMissingDependencies(chart, findings);

  let user: GoMap = {};
  for (const f of opts.valuesFiles ?? []) user = mergeMaps(user, parseValues(f.text, f.name, origins, findings), origins);
  for (const s of opts.set ?? []) {
    try {
      parseSet(s, user);
    } catch (e) {
      findings.push({ kind: 'values', message: `--set ${s}: ${(e as Error).message}` });
    }
  }
  const all: Scope[] = [];
  scopes(chart, user, chart.name, chart.name, origins, findings, all);

  const release = releaseObject({
    name: opts.releaseName ?? 'release-name',
    namespace: opts.namespace ?? 'default',
    isUpgrade: opts.isUpgrade,
  });
  const caps = capabilitiesObject({ kubeVersion: opts.kubeVersion, apiVersions: opts.apiVersions });
  const sources: TemplateSource[] = [];
  for (const s of all) {
    const top: GoMap = {
      Values: s.values,
      Release: release,
      Capabilities: caps,
      Chart: chartObject(s.chart, s.name),
      Files: filesObject(s.chart.files),
      Subcharts: {},
    };
    for (const t of s.chart.templates) {
      const name = `${s.fullPath}/${t.name}`;
      const base = t.name.slice(t.name.lastIndexOf('/') + 1);
      const renderable = !s.chart.isLibrary && !base.startsWith('_');
      const withTemplate: GoMap | null = renderable ? { ...top, Template: { Name: name, BasePath: `${s.fullPath}/templates` } } : null;
      sources.push({ name, text: t.text, renderWith: withTemplate });
    }
  }
  const engine = new HelmEngine(sources, findings, opts.limits);
  const rendered = new Map<string, string>();
  const chunks = new Map<string, Chunk[] | null>();
  for (const src of sources) {
    const r = engine.render(src, !!opts.provenance);
    if (!r) continue;
    rendered.set(src.name, r.text);
    chunks.set(src.name, r.chunks);
  }
  const { manifests, hooks } = sortManifests(rendered, findings);
  const withChunks = (d: ManifestDoc): RenderedDoc => ({ ...d, chunks: chunks.get(d.template) ?? null });
  return {
    chart,
    documents: manifests.map(withChunks),
    hooks: hooks.map(withChunks),
    manifest: manifestText(manifests, hooks),
    rendered,
    findings,
    origins,
    templates: new Map(sources.map((s) => [s.name, s.text])),
    chunks,
  };
}

function reportMissingDependencies(chart: Chart, findings: HelmFinding[]): void {
  for (const req of chart.requirements) {
    if (!chart.dependencies.some((d) => d.name === req.name)) {
      findings.push({
        kind: 'dependency',
        message: `${chart.path || chart.name}: dependency "${req.name}"${req.repository ? ` from ${req.repository}` : ''} is not vendored under charts/; rendered without it`,
        path: `${chart.path ? chart.path + '/' : ''}Chart.yaml`,
      });
    }
  }
  for (const d of chart.dependencies) reportMissingDependencies(d, findings);
}

export type { GoValue };
