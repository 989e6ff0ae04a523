/**
 * text/template's predefined functions (funcs.go): and/or (short-circuit, in exec.ts), not,
 * len, index, slice, print/printf/println, html/js/urlquery, eq/ne/lt/le/gt/ge with Go's
 * comparison rules (int vs uint compare, int vs float is an error, nil only against nil).
 */
import { formatValue, sprint, sprintf, sprintln } from './fmt';
import { isPrint } from './quote';
import {
  GoComplex,
  GoError,
  GoInt,
  GoNilPtr,
  GoStruct,
  goFunc,
  int,
  isFunc,
  isMap,
  mapZero,
  truth,
  typeName,
  type GoFunc,
  type GoValue,
} from './value';

type Kind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float';
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

/** indirectInterface: a nil interface becomes the invalid value. */
const ind = (v: GoValue): GoValue => (v === null ? undefined : v);

function isNilValue(v: GoValue): boolean {
  if (v === undefined || v === null || v instanceof GoNilPtr) return true;
  return false;
}

export function eq(a: GoValue, ...rest: GoValue[]): boolean {
  a = ind(a);
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(a);
  for (let b of rest) {
    b = ind(b);
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = (a as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
      else if (k1 === 'uint' && k2 === 'int') t = (b as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
      else if (a !== undefined && b !== undefined) throw new GoError('incompatible types for comparison');
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
        case 'float':
          t = a === b;
          break;
        case 'int':
        case 'uint':
          t = (a as GoInt).v === (b as GoInt).v;
          break;
        case 'complex':
          t = (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
          break;
        default:
          if (isNilValue(a) || isNilValue(b)) {
            if (!sameKind(a, b))
              throw new GoError(
                `non-comparable types ${formatValue(a, 'v', {} as never, 0)}: ${typeName(a)}, ${typeName(b)}: ${formatValue(b, 'v', {} as never, 0)}`,
              );
            t = isNilValue(a) === isNilValue(b);
          } else {
            if (!sameKind(a, b)) throw new GoError(`non-comparable types ${typeName(a)}, ${typeName(b)}`);
            if (Array.isArray(b) || isMap(b) || isFunc(b))
              throw new GoError(`non-comparable type ${formatValue(b, 'v', {} as never, 0)}: ${typeName(b)}`);
            t = structEqual(a, b);
          }
      }
    }
    if (t) return true;
  }
  return false;
}

function sameKind(a: GoValue, b: GoValue): boolean {
  if (a === undefined || b === undefined) return true;
  const kind = (v: GoValue): string =>
    v instanceof GoNilPtr || (v instanceof GoStruct && v.ptr)
      ? 'ptr'
      : Array.isArray(v)
        ? 'slice'
        : isMap(v)
          ? 'map'
          : isFunc(v)
            ? 'func'
            : v instanceof GoStruct
              ? 'struct'
              : typeof v;
  return kind(a) === kind(b);
}

function structEqual(a: GoValue, b: GoValue): boolean {
  if (a instanceof GoStruct && b instanceof GoStruct) {
    if (a.ptr || b.ptr) return a === b;
    if (a.type !== b.type) return false;
    for (const [k, v] of a.fields) if (!eqSafe(v, b.fields.get(k))) return false;
    return true;
  }
  return a === b;
}

function eqSafe(a: GoValue, b: GoValue): boolean {
  try {
    return eq(a, b);
  } catch {
    return false;
  }
}

export function lt(a: GoValue, b: GoValue): boolean {
  a = ind(a);
  b = ind(b);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (a as GoInt).v < 0n || (a as GoInt).v < (b as GoInt).v;
    if (k1 === 'uint' && k2 === 'int') return (b as GoInt).v >= 0n && (a as GoInt).v < (b as GoInt).v;
    throw new GoError('incompatible types for comparison');
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new GoError('invalid type for comparison');
    case 'float':
      return (a as number) < (b as number);
    case 'int':
    case 'uint':
      return (a as GoInt).v < (b as GoInt).v;
    default:
      return compareBytes(a as string, b as string) < 0;
  }
}

function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, b);

function indexArg(i: GoValue, cap: number): number {
  if (i instanceof GoInt) {
    if (i.v < 0n || i.v > BigInt(cap)) throw new GoError(`index out of range: ${i.v}`);
    return Number(i.v);
  }
  if (i === undefined || i === null) throw new GoError('cannot index slice/array with nil');
  throw new GoError(`cannot index slice/array with type ${typeName(i)}`);
}

export function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ind(item);
  if (item === undefined) throw new GoError('index of untyped nil');
  for (let x of indexes) {
    x = ind(x);
    if (item === undefined || item === null || item instanceof GoNilPtr) throw new GoError('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = new TextEncoder().encode(item);
      const i = indexArg(x, bytes.length);
      if (i >= bytes.length) throw new GoError(`index out of range: ${i}`);
      item = new GoInt('uint8', BigInt(bytes[i]!));
    } else if (Array.isArray(item)) {
      const i = indexArg(x, item.length);
      if (i >= item.length) throw new GoError(`error calling index: index out of range: ${i}`);
      item = item[i];
    } else if (isMap(item)) {
      if (typeof x !== 'string') {
        if (x === undefined) throw new GoError(`value is nil; should be of type string`);
        throw new GoError(`value has type ${typeName(x)}; should be string`);
      }
      item = Object.prototype.hasOwnProperty.call(item, x) ? item[x] : mapZero(item);
    } else throw new GoError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

export function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ind(item);
  if (item === undefined) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    len = new TextEncoder().encode(item).length;
  } else if (Array.isArray(item)) len = item.length;
  else throw new GoError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(ind(x), len)));
  if (idx[0]! > idx[1]!) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return new TextDecoder().decode(new TextEncoder().encode(item).slice(idx[0], idx[1]));
  const out = item.slice(idx[0], idx[1]);
  const t = (item as any)[Symbol.for('noop')];
  void t;
  return retag(item, out);
}

function retag(from: GoValue[], to: GoValue[]): GoValue[] {
  for (const s of Object.getOwnPropertySymbols(from)) Object.defineProperty(to, s, { value: (from as any)[s], enumerable: false });
  return to;
}

export function length(item: GoValue): GoValue {
  if (item === undefined || item === null || item instanceof GoNilPtr) {
    if (item instanceof GoNilPtr || item === null) throw new GoError('len of nil pointer');
    throw new GoError('len of nil pointer');
  }
  if (typeof item === 'string') return int(new TextEncoder().encode(item).length);
  if (Array.isArray(item)) return int(item.length);
  if (isMap(item)) return int(Object.keys(item).length);
  throw new GoError(`len of type ${typeName(item)}`);
}

/** The printable form of an argument to html/js/urlquery (evalArgs). */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp >= 0x80 && !isPrint(ch)) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The builtins; `and`/`or` are here for arity checks and handled by the executor. */
export function builtinFuncs(): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  const add = (f: GoFunc): void => void m.set(f.name, f);
  add(goFunc('and', ['value'], () => undefined, 'value'));
  add(goFunc('or', ['value'], () => undefined, 'value'));
  add(goFunc('not', ['value'], (v: GoValue) => !truth(ind(v))));
  add(goFunc('len', ['value'], length));
  add(goFunc('index', ['value'], index, 'value'));
  add(goFunc('slice', ['value'], slice, 'value'));
  add(goFunc('print', [], (...a: GoValue[]) => sprint(a), 'any'));
  add(goFunc('printf', ['string'], (f: string, ...a: GoValue[]) => sprintf(f, a), 'any'));
  add(goFunc('println', [], (...a: GoValue[]) => sprintln(a), 'any'));
  add(goFunc('html', [], (...a: GoValue[]) => htmlEscape(evalArgs(a)), 'any'));
  add(goFunc('js', [], (...a: GoValue[]) => jsEscape(evalArgs(a)), 'any'));
  add(goFunc('urlquery', [], (...a: GoValue[]) => queryEscape(evalArgs(a)), 'any'));
  add(goFunc('eq', ['value'], eq, 'value'));
  add(goFunc('ne', ['value', 'value'], (a: GoValue, b: GoValue) => !eq(a, b)));
  add(goFunc('lt', ['value', 'value'], lt));
  add(goFunc('le', ['value', 'value'], le));
  add(goFunc('gt', ['value', 'value'], (a: GoValue, b: GoValue) => !le(a, b)));
  add(goFunc('ge', ['value', 'value'], (a: GoValue, b: GoValue) => !lt(a, b)));
  add(goFunc('call', ['value'], callFn, 'value'));
  return m;
}

function callFn(): GoValue {
  throw new GoError('call of Go function values is not supported');
}
