/**
 * Values as Helm computes them: YAML read like sigs.k8s.io/yaml (YAML 1.1 scalars, every
 * number a float64), user values (values files merged in order, then --set), coalesced over
 * the chart's values.yaml (a user null deletes the key), subchart values under their name,
 * `global` copied down, conditions/tags deciding which subcharts render, and import-values.
 * Each map remembers where its keys were written (file and span), for provenance.
 */
import { isMap as yamlIsMap, isScalar, isSeq, parseDocument, type Node as YNode } from 'yaml';
import { GoInt, isMap, type GoMap, type GoValue } from './template/value';
import type { Chart, HelmFinding } from './chart';

export interface Origin {
  file: string;
  /** Offsets of the value (not the key) in that file. */
  range: [number, number];
  keyRange?: [number, number];
}

/** Where each key of a values map came from. */
export type Origins = WeakMap<object, Map<string, Origin>>;

function setKey(m: GoMap, k: string, v: GoValue): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

function toGo(n: YNode | null | undefined, file: string, origins: Origins): GoValue {
  if (!n) return null;
  if (yamlIsMap(n)) {
    const out: GoMap = {};
    const o = new Map<string, Origin>();
    for (const pair of n.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const v = pair.value as YNode | null;
      setKey(out, key, toGo(v, file, origins));
      const kr = (pair.key as YNode | null)?.range;
      const vr = v?.range ?? kr;
      if (vr) o.set(key, { file, range: [vr[0], vr[1]], ...(kr ? { keyRange: [kr[0], kr[1]] as [number, number] } : {}) });
    }
    origins.set(out, o);
    return out;
  }
  if (isSeq(n)) return n.items.map((x) => toGo(x as YNode, file, origins));
  if (isScalar(n)) {
    const v = n.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean' || typeof v === 'string') return v;
    if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
    return String(v);
  }
  return null;
}

/** Reads a values file; a YAML error is a finding and gives an empty map. */
export function parseValues(text: string, file: string, origins: Origins, findings: HelmFinding[]): GoMap {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, merge: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    findings.push({ kind: 'values', message: `${file}: ${e.message.split('\n')[0]}`, path: file, offset: e.pos[0] });
    return {};
  }
  const v = toGo(doc.contents as YNode, file, origins);
  if (v === null) return {};
  if (!isMap(v)) {
    findings.push({ kind: 'values', message: `${file}: values must be a map`, path: file });
    return {};
  }
  return v;
}

function copyOrigin(origins: Origins, from: GoMap, to: GoMap, key: string): void {
  const o = origins.get(from)?.get(key);
  if (!o) return;
  let m = origins.get(to);
  if (!m) origins.set(to, (m = new Map()));
  m.set(key, o);
}

/** Helm's mergeMaps for values files: later files win, maps merge deeply. */
export function mergeMaps(a: GoMap, b: GoMap, origins: Origins): GoMap {
  const out: GoMap = {};
  for (const k of Object.keys(a)) {
    setKey(out, k, a[k]);
    copyOrigin(origins, a, out, k);
  }
  for (const k of Object.keys(b)) {
    const bv = b[k];
    const av = out[k];
    if (isMap(bv) && isMap(av)) setKey(out, k, mergeMaps(av, bv, origins));
    else setKey(out, k, bv);
    if (!(isMap(bv) && isMap(av))) copyOrigin(origins, b, out, k);
  }
  return out;
}

/** Helm's coalesce: `user` (precedence) over `chart` defaults; a user null deletes the key. */
export function coalesce(user: GoMap, chart: GoMap, origins: Origins, prefix = ''): GoMap {
  const out: GoMap = {};
  for (const k of Object.keys(user)) {
    setKey(out, k, user[k]);
    copyOrigin(origins, user, out, k);
  }
  for (const k of Object.keys(chart)) {
    const cv = chart[k];
    if (Object.prototype.hasOwnProperty.call(out, k)) {
      const uv = out[k];
      if (uv === null) {
        delete out[k];
        continue;
      }
      if (isMap(uv) && isMap(cv)) setKey(out, k, coalesce(uv, cv, origins, `${prefix}${k}.`));
    } else {
      setKey(out, k, cv);
      copyOrigin(origins, chart, out, k);
    }
  }
  return out;
}

/** Reads a dotted path like "sub.enabled" from values. */
export function pathValue(v: GoMap, path: string): GoValue {
  let cur: GoValue = v;
  for (const part of path.split('.')) {
    if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** --set a.b=c,list[0]=x (strvals): ints become int64, true/false bools, null deletes. */
export function parseSet(expr: string, into: GoMap): void {
  for (const assign of splitUnescaped(expr, ',')) {
    const eq = assign.indexOf('=');
    if (eq < 0) throw new Error(`key "${assign}" has no value`);
    const key = assign.slice(0, eq);
    const raw = assign.slice(eq + 1).replace(/\\(.)/g, '$1');
    let val: GoValue = raw;
    if (raw === 'true' || raw === 'false') val = raw === 'true';
    else if (raw === 'null') val = null;
    else if (/^[-+]?\d+$/.test(raw) && !/^0\d/.test(raw)) val = new GoInt('int64', BigInt(raw));
    const parts = splitUnescaped(key, '.').map((p) => p.replace(/\\(.)/g, '$1'));
    let cur = into;
    parts.forEach((p, i) => {
      const m = /^(.*)\[(\d+)\]$/.exec(p);
      const name = m ? m[1]! : p;
      const last = i === parts.length - 1;
      if (m) {
        const list = Array.isArray(cur[name]) ? (cur[name] as GoValue[]) : [];
        setKey(cur, name, list);
        const idx = Number(m[2]);
        while (list.length <= idx) list.push(null);
        if (last) list[idx] = val;
        else {
          if (!isMap(list[idx])) list[idx] = {};
          cur = list[idx] as GoMap;
        }
      } else if (last) setKey(cur, name, val);
      else {
        if (!isMap(cur[name])) setKey(cur, name, {});
        cur = cur[name] as GoMap;
      }
    });
  }
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

/** The key a subchart's values live under: its alias or its name. */
export function depKey(parent: Chart, sub: Chart): string {
  const req = parent.requirements.find((r) => r.name === sub.name);
  return req?.alias ?? sub.name;
}
