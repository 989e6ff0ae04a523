/** configMapGenerator and secretGenerator: ConfigMaps and Secrets made from literals, files and env files. */
import { joinPath, type Reader } from './load';
import { get, getStr, newMap, scalar, setPair } from './nodes';
import type { BMap, BNode, BuildFinding, Place } from './types';

export interface Generated {
  root: BMap;
  hashed: boolean;
  behavior: string;
}

export interface GenContext {
  dir: string;
  kustPath: string;
  reader: Reader;
  findings: BuildFinding[];
  /** generatorOptions of the kustomization. */
  options: BNode | undefined;
}

function place(path: string, n: BNode | undefined): Place {
  return { path, span: n?.span ?? [0, 0] };
}

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += abc[a >> 2]! + abc[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : abc[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : abc[c & 63]!;
  }
  return out;
}

function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

function strings(n: BNode | undefined): { value: string; node: BNode }[] {
  return n?.t === 'seq' ? n.items.flatMap((i) => (i.t === 'scalar' && i.value !== null ? [{ value: String(i.value), node: i }] : [])) : [];
}

function bool(n: BNode | undefined): boolean {
  return n?.t === 'scalar' && (n.value === true || n.value === 'true');
}

/** The key/value pairs of one generator entry, each placed where its text is. */
function entries(g: BMap, ctx: GenContext): { key: string; value: string; at: Place }[] {
  const out: { key: string; value: string; at: Place }[] = [];
  for (const { value, node } of strings(get(g, 'literals'))) {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      ctx.findings.push({
        severity: 'error',
        code: 'generator',
        message: `invalid literal source ${value}, expected key=value`,
        ...place(ctx.kustPath, node),
      });
      continue;
    }
    out.push({ key: value.slice(0, eq), value: unquote(value.slice(eq + 1)), at: place(ctx.kustPath, node) });
  }
  for (const { value, node } of strings(get(g, 'files'))) {
    const eq = value.indexOf('=');
    const rel = eq > 0 ? value.slice(eq + 1) : value;
    const path = joinPath(ctx.dir, rel);
    const text = path === undefined ? undefined : ctx.reader.text(path);
    if (path === undefined || text === undefined) {
      ctx.findings.push({
        severity: 'error',
        code: 'missing-file',
        message: `configMapGenerator: file ${rel} not found (kustomize refuses the build)`,
        ...place(ctx.kustPath, node),
      });
      continue;
    }
    out.push({ key: eq > 0 ? value.slice(0, eq) : rel.slice(rel.lastIndexOf('/') + 1), value: text, at: { path, span: [0, text.length] } });
  }
  for (const { value, node } of [
    ...strings(get(g, 'envs')),
    ...(getStr(g, 'env') ? [{ value: getStr(g, 'env')!, node: get(g, 'env')! }] : []),
  ]) {
    const path = joinPath(ctx.dir, value);
    const text = path === undefined ? undefined : ctx.reader.text(path);
    if (path === undefined || text === undefined) {
      ctx.findings.push({
        severity: 'error',
        code: 'missing-file',
        message: `loading KV pairs: env source files: [${value}]: no such file (kustomize refuses the build)`,
        ...place(ctx.kustPath, node),
      });
      continue;
    }
    let at = 0;
    for (const line of text.split('\n')) {
      const start = at;
      at += line.length + 1;
      const l = line.replace(/\r$/, '').trim();
      if (l === '' || l.startsWith('#')) continue;
      const eq = l.indexOf('=');
      // `KEY` alone takes the value from the environment, which a build here has not: left out.
      if (eq <= 0) continue;
      out.push({ key: l.slice(0, eq), value: l.slice(eq + 1), at: { path, span: [start, start + line.length] } });
    }
  }
  return out;
}

/** One generator entry → its object. */
export function generate(kind: 'ConfigMap' | 'Secret', g: BMap, ctx: GenContext): Generated | undefined {
  const nameNode = get(g, 'name');
  const name = getStr(g, 'name');
  const at = place(ctx.kustPath, nameNode ?? g);
  if (!name) {
    ctx.findings.push({ severity: 'error', code: 'generator', message: `a ${kind} generator needs a name`, ...at });
    return undefined;
  }
  const root = newMap(at);
  setPair(root, 'apiVersion', scalar('v1', at), at);
  setPair(root, 'kind', scalar(kind, at), at);
  const meta = newMap(at);
  setPair(root, 'metadata', meta, at);
  setPair(meta, 'name', scalar(name, at), at);
  const ns = get(g, 'namespace');
  if (ns?.t === 'scalar' && ns.value !== null) setPair(meta, 'namespace', scalar(String(ns.value), place(ctx.kustPath, ns)), at);
  const opts = [ctx.options, get(g, 'options')];
  for (const field of ['labels', 'annotations'] as const) {
    for (const o of opts) {
      const m = get(o, field);
      if (m?.t !== 'map') continue;
      let target = meta.pairs.get(field)?.value;
      if (target?.t !== 'map') {
        target = newMap(place(ctx.kustPath, m));
        setPair(meta, field, target, place(ctx.kustPath, m));
      }
      for (const [k, p] of m.pairs)
        setPair(target, k, scalar(p.value?.t === 'scalar' ? String(p.value.value ?? '') : '', place(ctx.kustPath, p.value)), {
          path: ctx.kustPath,
          span: p.keySpan,
        });
    }
  }
  const kvs = entries(g, ctx);
  if (kvs.length > 0) {
    const data = newMap(at);
    setPair(root, 'data', data, at);
    for (const kv of kvs) setPair(data, kv.key, scalar(kind === 'Secret' ? base64(kv.value) : kv.value, kv.at), kv.at);
  }
  if (kind === 'Secret') setPair(root, 'type', scalar(getStr(g, 'type') ?? 'Opaque', at), at);
  if (opts.some((o) => bool(get(o, 'immutable')))) setPair(root, 'immutable', scalar(true, at, false), at);
  const disabled = opts.map((o) => get(o, 'disableNameSuffixHash')).filter((n) => n !== undefined);
  const hashed = !(disabled.length > 0 && bool(disabled[disabled.length - 1]));
  return { root, hashed, behavior: getStr(g, 'behavior') ?? 'create' };
}
