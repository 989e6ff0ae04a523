/**
 * The editor-side measurements on an indexed workspace: incremental edits, hover and
 * definition at random positions, traffic paths of random Services. Positions and edits
 * come from a seeded random source, so every run does the same work.
 */
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { Resource, SourceFile } from '../../server/src/core/model/resource';
import { isMap, isScalar, isSeq, type YNode, type YScalar } from '../../server/src/core/model/ytree';
import type { Core } from './core';
import { percentile, rng, timeSync } from './stats';

export interface Latencies {
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  /** How many of the calls found something (a hover, a place, a graph). */
  hits: number;
  note?: string;
}

function latencies(samples: number[], hits: number, note?: string): Latencies {
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), hits, ...(note ? { note } : {}) };
}

const editedKinds = new Set(['Service', 'Deployment', 'Ingress', 'NetworkPolicy']);
const portKeys = new Set(['port', 'targetPort', 'containerPort', 'number']);
const labelMaps = new Set(['labels', 'matchLabels', 'selector']);

interface Site {
  scalar: YScalar;
  what: 'label' | 'port';
}

/** Plainly written label values and port numbers in a resource: the places an edit changes. */
function editSites(root: YNode, text: string, out: Site[] = [], parentKey = ''): Site[] {
  if (isSeq(root)) for (const it of root.items) editSites(it, text, out, parentKey);
  if (!isMap(root)) return out;
  for (const [k, p] of root.pairs) {
    const v = p.value;
    if (!v) continue;
    const plain = isScalar(v) && text.slice(v.span[0], v.span[1]) === String(v.value);
    if (plain && portKeys.has(k) && typeof v.value === 'number') out.push({ scalar: v, what: 'port' });
    else if (plain && labelMaps.has(parentKey) && typeof v.value === 'string' && v.value !== '') out.push({ scalar: v, what: 'label' });
    else editSites(v, text, out, k);
  }
  return out;
}

/** The edited text: a port number moved by one, or a label value changed. */
function applyEdit(text: string, site: Site): string {
  const [s, e] = site.scalar.span;
  const v = site.scalar.value;
  const next = site.what === 'port' ? String(v === 65535 ? 65534 : Number(v) + 1) : String(v).endsWith('x') ? String(v).slice(0, -1) || 'y' : `${String(v)}x`;
  return text.slice(0, s) + next + text.slice(e);
}

/**
 * `count` edits of single documents (Services, Deployments, Ingresses, NetworkPolicies),
 * each followed by what the server does: `setFile`, `check`, and the diagnostics of the
 * edited file and of every file whose findings changed.
 */
export function measureEdits(core: Core, index: WorkspaceIndex, count: number, seed: number): Latencies & { filesRediagnosed: number } {
  const r = rng(seed);
  const targets: { uri: string; at: number }[] = [];
  for (const f of index.allFiles()) f.resources.forEach((res, at) => editedKinds.has(res.kind) && res.root && targets.push({ uri: f.uri, at }));
  const samples: number[] = [];
  let versions = 1;
  let rediagnosed = 0;
  while (samples.length < count) {
    const t = r.pick(targets);
    const file = index.getFile(t.uri)!;
    const res = file.resources[t.at];
    if (!res?.root) continue;
    const sites = editSites(res.root, file.text);
    if (sites.length === 0) continue;
    const text = applyEdit(file.text, r.pick(sites));
    samples.push(
      timeSync(() => {
        const f = index.setFile(file.uri, file.path, text, versions++);
        const changed = index.check();
        changed.add(f.uri);
        for (const uri of changed) core.diagnosticsOf(index, index.getFile(uri)!);
        rediagnosed += changed.size;
      }),
    );
  }
  return { ...latencies(samples, count), filesRediagnosed: rediagnosed };
}

/** Random positions inside fully parsed resources (where hover and definition have work). */
function positions(index: WorkspaceIndex, count: number, seed: number): { file: SourceFile; offset: number }[] {
  const r = rng(seed);
  const parsed: Resource[] = [];
  for (const res of index.resources()) if (res.root) parsed.push(res);
  return Array.from({ length: count }, () => {
    const res = r.pick(parsed);
    return { file: res.file, offset: res.span[0] + r.int(Math.max(1, res.span[1] - res.span[0])) };
  });
}

/** Hover and definition at the same random positions; undefined when the feature is missing. */
export function measureHoverDefinition(core: Core, index: WorkspaceIndex, count: number, seed: number): { hover?: Latencies; definition?: Latencies } {
  const at = positions(index, count, seed);
  const out: { hover?: Latencies; definition?: Latencies } = {};
  for (const [key, fn] of [['hover', core.hoverAt], ['definition', core.definitionAt]] as const) {
    if (!fn) continue;
    for (const p of at.slice(0, 20)) fn(index, p.file, p.offset); // warm the code paths
    let hits = 0;
    const samples = at.map((p) =>
      timeSync(() => {
        const v = fn(index, p.file, p.offset);
        if (v !== undefined && !(Array.isArray(v) && v.length === 0)) hits++;
      }),
    );
    out[key] = latencies(samples, hits);
  }
  return out;
}

/** The traffic-path graph of random Services. */
export function measureTrace(core: Core, index: WorkspaceIndex, count: number, seed: number): Latencies {
  const r = rng(seed);
  const services = [...index.resources()].filter((res) => res.service && res.namespace !== undefined);
  let hits = 0;
  const samples = Array.from({ length: count }, () => {
    const svc = r.pick(services);
    return timeSync(() => {
      if (core.buildTrafficGraph(index, { namespace: svc.namespace!, name: svc.name })) hits++;
    });
  });
  return latencies(samples, hits);
}
