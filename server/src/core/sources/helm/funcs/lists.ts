/** Sprig's list functions (list.go) and the number ranges (until, untilStep, seq). */
import { GoError, GoInt, capped, goFunc, int, isMap, maxItems, tagged, type GoFunc, type GoValue } from '../template/value';
import { deepEqual, empty, kindOf, toInt64 } from './convert';

/** The items of a slice/array argument, or Sprig's "Cannot … on type …" error. */
function items(v: GoValue, what: string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  throw new GoError(`Cannot ${what} on type ${kindOf(v)}`);
}

/** A function and its must- twin: Sprig panics in one and returns the error in the other; both end the render. */
function pair(name: string, params: string[], fn: (...a: any[]) => GoValue, variadic?: string): GoFunc[] {
  const must = 'must' + name[0]!.toUpperCase() + name.slice(1);
  return [goFunc(name, params, fn, variadic), goFunc(must, params, fn, variadic)];
}

function uniq(list: GoValue): GoValue {
  const out: GoValue[] = [];
  for (const x of items(list, 'find uniq')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function sliceList(list: GoValue, ...indices: GoValue[]): GoValue {
  if (!Array.isArray(list)) {
    if (list === null || list === undefined) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
    throw new GoError(`list should be type of slice or array but ${kindOf(list)}`);
  }
  const l = list.length;
  if (l === 0) return null;
  let start = 0;
  let end = l;
  if (indices.length > 0) start = Number(toInt64(indices[0]!));
  if (indices.length > 1) end = Number(toInt64(indices[1]!));
  if (start < 0 || end > l || start > end) throw new GoError(`runtime error: slice bounds out of range [${start}:${end}]`);
  return list.slice(start, end);
}

function chunk(size: GoInt, list: GoValue): GoValue {
  const l = items(list, 'chunk');
  const s = Number(size.v);
  const out: GoValue[] = [];
  const cs = Math.floor((l.length - 1) / s) + 1;
  for (let i = 0; i < cs; i++) out.push(l.slice(i * s, i * s + s));
  return tagged(out, '[][]interface {}');
}

function untilStep(start: number, stop: number, step: number): GoValue {
  const out: GoValue[] = [];
  if (step === 0) return tagged(out, '[]int');
  if ((stop - start) / step > 0) capped(Math.ceil((stop - start) / step), maxItems, 'items of a number range');
  if (stop < start) {
    if (step >= 0) return tagged(out, '[]int');
    for (let i = start; i > stop; i += step) out.push(int(i));
    return tagged(out, '[]int');
  }
  if (step <= 0) return tagged(out, '[]int');
  for (let i = start; i < stop; i += step) out.push(int(i));
  return tagged(out, '[]int');
}

function seq(...params: GoInt[]): string {
  const p = params.map((x) => Number(x.v));
  let start = 1;
  let end: number;
  let step = 1;
  if (p.length === 0) return '';
  if (p.length === 1) {
    end = p[0]!;
    if (end < 1) step = -1;
  } else if (p.length === 2) {
    [start, end] = [p[0]!, p[1]!];
    if (end < start) step = -1;
  } else if (p.length === 3) [start, step, end] = [p[0]!, p[1]!, p[2]!];
  else return '';
  if (p.length === 3 && ((end < start && step > 0) || (end > start && step < 0) || step === 0)) return '';
  const out: number[] = [];
  capped(Math.floor(Math.abs((end - start) / step)) + 1, maxItems, 'items of seq');
  if (step > 0) for (let i = start; i <= end; i += step) out.push(i);
  else for (let i = start; i >= end; i += step) out.push(i);
  return out.join(' ');
}

export function listFuncs(): GoFunc[] {
  const list = (...a: GoValue[]): GoValue => a;
  return [
    goFunc('list', [], list, 'any'),
    goFunc('tuple', [], list, 'any'),
    ...pair('push', ['any', 'any'], (l: GoValue, v: GoValue) => [...items(l, 'push'), v]),
    ...pair('append', ['any', 'any'], (l: GoValue, v: GoValue) => [...items(l, 'push'), v]),
    ...pair('prepend', ['any', 'any'], (l: GoValue, v: GoValue) => [v, ...items(l, 'prepend')]),
    ...pair('first', ['any'], (l: GoValue) => items(l, 'find first')[0] ?? null),
    ...pair('last', ['any'], (l: GoValue) => {
      const x = items(l, 'find last');
      return x.length ? x[x.length - 1]! : null;
    }),
    ...pair('rest', ['any'], (l: GoValue) => {
      const x = items(l, 'find rest');
      return x.slice(1);
    }),
    ...pair('initial', ['any'], (l: GoValue) => {
      const x = items(l, 'find initial');
      return x.slice(0, -1);
    }),
    ...pair('reverse', ['any'], (l: GoValue) => [...items(l, 'find reverse')].reverse()),
    ...pair('uniq', ['any'], uniq),
    ...pair(
      'without',
      ['any'],
      (l: GoValue, ...omit: GoValue[]) => items(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))),
      'any',
    ),
    ...pair('has', ['any', 'any'], (needle: GoValue, hay: GoValue) => {
      if (hay === null || hay === undefined) return false;
      return items(hay, 'find has').some((x) => deepEqual(x, needle));
    }),
    ...pair('slice', ['any'], sliceList, 'any'),
    ...pair('chunk', ['int', 'any'], chunk),
    ...pair('compact', ['any'], (l: GoValue) => items(l, 'compact').filter((x) => !empty(x))),
    goFunc(
      'concat',
      [],
      (...lists: GoValue[]) => {
        const out: GoValue[] = [];
        for (const l of lists) {
          if (!Array.isArray(l)) throw new GoError(`Cannot concat type ${kindOf(l)} as list`);
          out.push(...l);
        }
        return out;
      },
      'any',
    ),
    goFunc('until', ['int'], (c: GoInt) => untilStep(0, Number(c.v), Number(c.v) < 0 ? -1 : 1)),
    goFunc('untilStep', ['int', 'int', 'int'], (a: GoInt, b: GoInt, s: GoInt) => untilStep(Number(a.v), Number(b.v), Number(s.v))),
    goFunc('seq', [], seq, 'int'),
    goFunc('dig', ['any'], (...args: GoValue[]) => dig(args), 'any'),
  ];
}

/** dig "a" "b" default dict. */
function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new GoError('dig needs at least three arguments');
  const dict = args[args.length - 1];
  const def = args[args.length - 2];
  const keys = args.slice(0, -2);
  let cur: GoValue = dict;
  for (const k of keys) {
    if (typeof k !== 'string') throw new GoError(`interface conversion: interface {} is ${kindOf(k)}, not string`);
    if (!isMap(cur)) throw new GoError(`interface conversion: interface {} is ${kindOf(cur)}, not map[string]interface {}`);
    if (!Object.prototype.hasOwnProperty.call(cur, k)) return def;
    cur = cur[k];
  }
  return cur;
}
