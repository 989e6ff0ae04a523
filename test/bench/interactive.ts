/**
 * The editor-side measurements, on a language-server instance (server.ts): incremental
 * edits, hover and definition at random positions, traffic paths of random Services, each
 * through the code the server runs for the client's message. Positions and edits come from
 * a seeded random source, so every run does the same work.
 */
import type { Resource, SourceFile } from '../../server/src/core/model/resource';
import { isMap, isScalar, isSeq, type YNode, type YScalar } from '../../server/src/core/model/ytree';
import type { Core } from './core';
import type { BenchServer } from './server';
import { percentile, rng, timeSync } from './stats';

export interface Latencies {
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  /** How many of the calls found something (a hover, a place, a graph). */
  hits: number;
  note?: string;
  /** Of how many processes p50, p95 and max are the medians (bench.ts). */
  runs?: number;
}

function latencies(samples: number[], hits: number, note?: string): Latencies {
  return {
    samples,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    hits,
    ...(note ? { note } : {}),
  };
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
  const next =
    site.what === 'port'
      ? String(v === 65535 ? 65534 : Number(v) + 1)
      : String(v).endsWith('x')
        ? String(v).slice(0, -1) || 'y'
        : `${String(v)}x`;
  return text.slice(0, s) + next + text.slice(e);
}

/**
 * `count` edits of single documents (Services, Deployments, Ingresses, NetworkPolicies),
 * each timed from the moment the editor's new text arrives to the moment every file whose
 * diagnostics may have changed has had them recomputed and sent: the change event, then
 * the flush that the server's debounce runs (re-parse, re-check, push diagnostics).
 */
export function measureEdits(core: Core, server: BenchServer, count: number, seed: number): Latencies & { published: number } {
  const { ws } = server;
  const r = rng(seed);
  const targets: { uri: string; at: number }[] = [];
  for (const f of ws.index.allFiles())
    f.resources.forEach((res, at) => editedKinds.has(res.kind) && res.root && targets.push({ uri: f.uri, at }));
  const samples: number[] = [];
  let version = 1;
  const before = server.published();
  while (samples.length < count) {
    const t = r.pick(targets);
    const file = ws.index.getFile(t.uri)!;
    const res = file.resources[t.at];
    if (!res?.root) continue;
    const sites = editSites(res.root, file.text);
    if (sites.length === 0) continue;
    const doc = core.TextDocument.create(file.uri, 'yaml', version++, applyEdit(file.text, r.pick(sites)));
    samples.push(
      timeSync(() => {
        server.change(doc);
        ws.flush();
      }),
    );
  }
  return { ...latencies(samples, count), published: server.published() - before };
}

/** Random positions inside fully parsed resources (where hover and definition have work). */
function positions(
  core: Core,
  server: BenchServer,
  count: number,
  seed: number,
): { uri: string; position: { line: number; character: number } }[] {
  const r = rng(seed);
  const parsed: Resource[] = [];
  for (const res of server.ws.index.resources()) if (res.root) parsed.push(res);
  return Array.from({ length: count }, () => {
    const res = r.pick(parsed);
    const file: SourceFile = res.file;
    return { uri: file.uri, position: core.positionAt(file, res.span[0] + r.int(Math.max(1, res.span[1] - res.span[0]))) };
  });
}

/** `textDocument/hover` and `textDocument/definition` at the same random positions. */
export function measureHoverDefinition(
  core: Core,
  server: BenchServer,
  count: number,
  seed: number,
): { hover: Latencies; definition: Latencies } {
  const at = positions(core, server, count, seed);
  const requests = { hover: core.hover, definition: core.definition };
  const measure = (fn: (typeof requests)[keyof typeof requests]): Latencies => {
    const params = at.map((p) => ({ textDocument: { uri: p.uri }, position: p.position }));
    for (const p of params.slice(0, 20)) fn(server.ws, p); // warm the code paths
    let hits = 0;
    const samples = params.map((p) =>
      timeSync(() => {
        const v = fn(server.ws, p);
        if (v !== null && !(Array.isArray(v) && v.length === 0)) hits++;
      }),
    );
    return latencies(samples, hits);
  };
  return { hover: measure(requests.hover), definition: measure(requests.definition) };
}

/** `podpath/trafficPath` for random Services. */
export function measureTrace(core: Core, server: BenchServer, count: number, seed: number): Latencies {
  const r = rng(seed);
  const services = [...server.ws.index.resources()].filter((res) => res.service && res.namespace !== undefined);
  let hits = 0;
  const samples = Array.from({ length: count }, () => {
    const svc = r.pick(services);
    return timeSync(() => {
      if (core.trafficPath(server.ws, { namespace: svc.namespace!, name: svc.name })) hits++;
    });
  });
  return latencies(samples, hits);
}
