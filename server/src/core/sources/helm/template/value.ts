/**
 * Go values as the template engine sees them. Go's reflect types are modelled with the least
 * JS machinery that keeps Go's observable behaviour (printing, truth, comparison, argument
 * type checks):
 *
 *   undefined      an invalid reflect.Value ("<no value>")
 *   null           a nil interface{} (a missing key under missingkey=zero, an explicit null)
 *   boolean, string
 *   number         float64 (every number read from YAML/JSON values, as in Helm)
 *   GoInt          int, int64, uint8, … (template literals are `int`, Sprig math is `int64`)
 *   GoComplex      complex128 (template literals like 1+2i)
 *   Array          a slice; `[]interface {}` unless tagged with GO_TYPE
 *   plain object   a map with string keys; `map[string]interface {}` unless tagged
 *   GoStruct       a struct or pointer to struct with exported fields and methods (.Release,
 *                  .Chart, .Files, .Capabilities)
 *   GoNilPtr       a typed nil pointer
 *   GoFunc         a function value (template funcs, methods)
 */

export const GO_TYPE = Symbol('goType');
export const GO_ZERO = Symbol('goZero');

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

export class GoInt {
  constructor(
    readonly kind: IntKind,
    readonly v: bigint,
  ) {}
  get unsigned(): boolean {
    return this.kind.startsWith('u');
  }
}

export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

export class GoNilPtr {
  constructor(readonly type: string) {}
}

/** A struct; `ptr` marks a pointer to it (printing and type names say so). */
export class GoStruct {
  constructor(
    readonly type: string,
    readonly fields: Map<string, GoValue>,
    readonly methods: Record<string, GoFunc> = {},
    readonly ptr = false,
    readonly unexported: ReadonlySet<string> = new Set(),
  ) {}
}

/** A parameter type: 'any' is interface{}, 'value' is a builtin's reflect.Value. */
export type ParamType =
  | 'any'
  | 'value'
  | 'untyped'
  | 'string'
  | 'bool'
  | 'float64'
  | IntKind
  | '[]interface {}'
  | 'map[string]interface {}'
  | '[]string'
  | string;

export interface GoFunc {
  readonly kind: 'func';
  readonly name: string;
  readonly params: readonly ParamType[];
  /** Element type of the trailing ...args, when variadic. */
  readonly variadic?: ParamType;
  readonly fn: (...args: GoValue[]) => GoValue;
  /** Go type of the function, for printing errors. */
  readonly type?: string;
}

export type GoMap = { [key: string]: GoValue };
export type GoValue = undefined | null | boolean | string | number | GoInt | GoComplex | GoNilPtr | GoStruct | GoFunc | GoValue[] | GoMap;

/** An error a template function returns (Go's `error` result). */
export class GoError extends Error {}

/** Items a number range (until, untilStep, seq) may hold, and characters a string function may build: past them, an error, never an exhausted heap. */
export const maxItems = 1_000_000;
export const maxChars = 16 * 1024 * 1024;

/** `n` if it is within `max`, else the error that names the cap. */
export function capped(n: number, max: number, what: string): number {
  if (n > max) throw new GoError(`${what}: ${n} is over podpath's limit of ${max}`);
  return n;
}

export function goFunc(name: string, params: readonly ParamType[], fn: (...args: any[]) => GoValue, variadic?: ParamType): GoFunc {
  return { kind: 'func', name, params, variadic, fn };
}

export const int = (n: number | bigint): GoInt => new GoInt('int', BigInt(n));
export const int64 = (n: number | bigint): GoInt => new GoInt('int64', BigInt(n));

export function isFunc(v: GoValue): v is GoFunc {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && (v as GoFunc).kind === 'func' && typeof (v as GoFunc).fn === 'function'
  );
}

export function isMap(v: GoValue): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && !isFunc(v);
}

export function tagged<T extends object>(v: T, type: string, zero?: GoValue): T {
  Object.defineProperty(v, GO_TYPE, { value: type, enumerable: false });
  if (zero !== undefined) Object.defineProperty(v, GO_ZERO, { value: zero, enumerable: false });
  return v;
}

/** The Go type name, as `%T` and error messages print it. */
export function typeName(v: GoValue): string {
  if (v === undefined) return '<nil>';
  if (v === null) return 'interface {}';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoNilPtr) return v.type;
  if (v instanceof GoStruct) return (v.ptr ? '*' : '') + v.type;
  if (Array.isArray(v)) return (v as any)[GO_TYPE] ?? '[]interface {}';
  if (isFunc(v)) return v.type ?? 'func(...)';
  return (v as any)[GO_TYPE] ?? 'map[string]interface {}';
}

/** The zero value of a map's elements (nil for interface{} elements). */
export function mapZero(m: GoMap): GoValue {
  return (m as any)[GO_ZERO] ?? null;
}

export function isNilLike(v: GoValue): boolean {
  return v === undefined || v === null || v instanceof GoNilPtr;
}

/** Go's truth (text/template isTrue); `undefined` truth for values with none. */
export function truth(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoNilPtr) return false;
  if (v instanceof GoStruct) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (isFunc(v)) return true;
  return Object.keys(v).length > 0;
}

/** Sorted keys, as Go's fmt and range order maps (by bytes for strings). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Go compares strings by UTF-8 bytes; UTF-16 order differs only around surrogates. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? (y >= 0xe000 ? -1 : 1) : x >= 0xe000 ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

/** Converts plain JSON/YAML data (numbers as float64) to Go values; objects become maps. */
export function fromPlain(v: unknown): GoValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v instanceof GoInt || v instanceof GoStruct || v instanceof GoComplex) return v;
  if (typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = fromPlain(x);
    return out;
  }
  return null;
}

/** Go values back to plain JSON-like data (for toJson/toYaml). GoInt → number when safe. */
export function toPlain(v: GoValue): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof GoInt) return Number(v.v);
  if (v instanceof GoComplex) return null;
  if (v instanceof GoNilPtr) return null;
  if (v instanceof GoStruct) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v.fields) out[k] = toPlain(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (isFunc(v)) return null;
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = toPlain(v[k]);
    return out;
  }
  return v;
}
