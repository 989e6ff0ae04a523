/**
 * The conversions Sprig leans on: spf13/cast (ToInt64, ToFloat64, ToInt, ToString), Sprig's
 * strval/strslice, its empty(), and reflect.DeepEqual over Go values.
 */
import { formatValue, sprint } from '../template/fmt';
import { parseGoFloat, parseGoInt } from '../template/numbers';
import { GoComplex, GoInt, GoNilPtr, GoStruct, int64, isFunc, isMap, tagged, type GoValue } from '../template/value';

const noFlags = {} as never;

/** fmt.Sprintf("%v", v) after Sprig's string/error/Stringer checks. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '<nil>';
  return formatValue(v, 'v', noFlags, 0);
}

/** Sprig's strslice: a []string from a list or a single value (nil items dropped). */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

export const tagStrings = (a: string[]): GoValue[] => tagged(a as GoValue[], '[]string');

function wrapInt(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** cast.ToInt64: numbers truncate, strings parse (base prefixes), bools 1/0, else 0. */
export function toInt64(v: GoValue): bigint {
  if (v instanceof GoInt) return wrapInt(v.v);
  if (typeof v === 'number') return Number.isFinite(v) ? wrapInt(BigInt(Math.trunc(v))) : -(1n << 63n);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const s = v.includes('.') ? v.replace(/\.0*$/, '') : v;
    return parseGoInt(s, true) ?? 0n;
  }
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoFloat(v) ?? (parseGoInt(v, true) !== null ? Number(parseGoInt(v, true)) : 0);
  return 0;
}

export const toInt = (v: GoValue): GoInt => new GoInt('int', toInt64(v));
export const i64 = (v: bigint): GoInt => int64(v);

/** Sprig's empty(): nil, zero numbers, false, and empty strings/lists/maps. */
export function empty(v: GoValue): boolean {
  if (v === undefined || v === null || v instanceof GoNilPtr) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (v instanceof GoInt) return v.v === 0n;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof GoStruct) return false;
  if (Array.isArray(v)) return v.length === 0;
  if (isFunc(v)) return false;
  return Object.keys(v).length === 0;
}

/** reflect.DeepEqual over template values (types must match too). */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a instanceof GoInt && b instanceof GoInt) return a.kind === b.kind && a.v === b.v;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  if (a instanceof GoStruct && b instanceof GoStruct)
    return a.type === b.type && [...a.fields].every(([k, v]) => deepEqual(v, b.fields.get(k)));
  return false;
}

/** A deep copy (copystructure): maps and lists copied, scalars shared. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return retag(v, v.map(deepCopy));
  if (isMap(v)) {
    const out: Record<string, GoValue> = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return retag(v, out);
  }
  return v;
}

function retag<T extends object>(from: object, to: T): T {
  for (const s of Object.getOwnPropertySymbols(from)) Object.defineProperty(to, s, { value: (from as any)[s], enumerable: false });
  return to;
}

/** Go's kind name of a value (reflect.Kind.String), as kindOf prints it. */
export function kindOf(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoNilPtr) return 'ptr';
  if (v instanceof GoStruct) return v.ptr ? 'ptr' : 'struct';
  if (Array.isArray(v)) return 'slice';
  if (isFunc(v)) return 'func';
  return 'map';
}

export { sprint };
