/** Sprig's dict functions (dict.go, mergo merges) and defaults.go (default, empty, coalesce, …). */
import { GoError, goFunc, isMap, tagged, type GoFunc, type GoMap, type GoValue } from '../template/value';
import { deepCopy, deepEqual, empty, kindOf, strval, tagStrings } from './convert';
import { marshal, unmarshal } from './json';

const MAP = 'map[string]interface {}';

function setKey(m: GoMap, k: string, v: GoValue): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}
const has = (m: GoMap, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);

/** mergo.Merge(&dst, src[, WithOverride]) over map[string]interface{} values. */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const present = has(dst, key);
    const d = dst[key];
    if (s === null || s === undefined) {
      if (overwrite) setKey(dst, key, null);
      continue;
    }
    if (isMap(s)) {
      if (present && isMap(d)) {
        mergoMerge(d, s, overwrite);
        if (!empty(d)) continue;
      }
    } else if (Array.isArray(s)) {
      if (present && !empty(d)) {
        if (overwrite) setKey(dst, key, s);
        continue;
      }
    }
    if (overwrite || !present || empty(d)) setKey(dst, key, s);
  }
}

function asMap(v: GoValue, fn: string): GoMap {
  if (isMap(v)) return v;
  throw new GoError(`wrong type for value; expected map[string]interface {}; got ${kindOf(v)} in ${fn}`);
}

function dict(...v: GoValue[]): GoValue {
  const d: GoMap = {};
  for (let i = 0; i < v.length; i += 2) setKey(d, strval(v[i]), i + 1 >= v.length ? '' : v[i + 1]);
  return d;
}

export function dictFuncs(): GoFunc[] {
  const merge =
    (overwrite: boolean) =>
    (dst: GoMap, ...srcs: GoMap[]): GoValue => {
      for (const s of srcs) mergoMerge(dst, s, overwrite);
      return dst;
    };
  return [
    goFunc('dict', [], dict, 'any'),
    goFunc('get', [MAP, 'string'], (d: GoMap, k: string) => (has(d, k) ? d[k] : '')),
    goFunc('set', [MAP, 'string', 'any'], (d: GoMap, k: string, v: GoValue) => (setKey(d, k, v), d)),
    goFunc('unset', [MAP, 'string'], (d: GoMap, k: string) => (delete d[k], d)),
    goFunc('hasKey', [MAP, 'string'], (d: GoMap, k: string) => has(d, k)),
    goFunc('pluck', ['string'], (k: string, ...ds: GoMap[]) => ds.filter((d) => has(d, k)).map((d) => d[k]), MAP),
    goFunc('keys', [], (...ds: GoMap[]) => tagStrings(ds.flatMap((d) => Object.keys(d))), MAP),
    goFunc(
      'pick',
      [MAP],
      (d: GoMap, ...ks: string[]) => {
        const r: GoMap = {};
        for (const k of ks) if (has(d, k)) setKey(r, k, d[k]);
        return r;
      },
      'string',
    ),
    goFunc(
      'omit',
      [MAP],
      (d: GoMap, ...ks: string[]) => {
        const r: GoMap = {};
        for (const k of Object.keys(d)) if (!ks.includes(k)) setKey(r, k, d[k]);
        return r;
      },
      'string',
    ),
    goFunc('merge', [MAP], merge(false), MAP),
    goFunc('mustMerge', [MAP], merge(false), MAP),
    goFunc('mergeOverwrite', [MAP], merge(true), MAP),
    goFunc('mustMergeOverwrite', [MAP], merge(true), MAP),
    goFunc('values', [MAP], (d: GoMap) => Object.keys(d).map((k) => d[k])),
    goFunc('deepCopy', ['any'], deepCopy),
    goFunc('mustDeepCopy', ['any'], (v: GoValue) => {
      if (v === null || v === undefined) throw new GoError('copy: Must not be nil');
      return deepCopy(v);
    }),
    // defaults.go
    goFunc('default', ['any'], (d: GoValue, ...given: GoValue[]) => (given.length === 0 || empty(given[0]) ? d : given[0]!), 'any'),
    goFunc('empty', ['any'], empty),
    goFunc('coalesce', [], (...v: GoValue[]) => v.find((x) => !empty(x)) ?? null, 'any'),
    goFunc('all', [], (...v: GoValue[]) => v.every((x) => !empty(x)), 'any'),
    goFunc('any', [], (...v: GoValue[]) => v.some((x) => !empty(x)), 'any'),
    goFunc('ternary', ['any', 'any', 'bool'], (t: GoValue, f: GoValue, c: boolean) => (c ? t : f)),
    goFunc('fromJson', ['string'], (s: string) => {
      try {
        return unmarshal(s);
      } catch {
        return null;
      }
    }),
    goFunc('mustFromJson', ['string'], unmarshal),
    goFunc('toJson', ['any'], (v: GoValue) => safe(() => marshal(v))),
    goFunc('mustToJson', ['any'], (v: GoValue) => marshal(v)),
    goFunc('toPrettyJson', ['any'], (v: GoValue) => safe(() => marshal(v, true, '  '))),
    goFunc('mustToPrettyJson', ['any'], (v: GoValue) => marshal(v, true, '  ')),
    goFunc('toRawJson', ['any'], (v: GoValue) => safe(() => marshal(v, false).replace(/\n$/, ''))),
    goFunc('mustToRawJson', ['any'], (v: GoValue) => marshal(v, false)),
    goFunc('typeOf', ['any'], (v: GoValue) => typeOfGo(v)),
    goFunc('typeIs', ['string', 'any'], (t: string, v: GoValue) => t === typeOfGo(v)),
    goFunc('typeIsLike', ['string', 'any'], (t: string, v: GoValue) => t === typeOfGo(v) || '*' + t === typeOfGo(v)),
    goFunc('kindOf', ['any'], kindOf),
    goFunc('kindIs', ['string', 'any'], (t: string, v: GoValue) => t === kindOf(v)),
    goFunc('deepEqual', ['any', 'any'], deepEqual),
  ];
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return '';
  }
}

function typeOfGo(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  return typeNameOf(v);
}

import { typeName as typeNameOf } from '../template/value';
export { asMap, tagged };
