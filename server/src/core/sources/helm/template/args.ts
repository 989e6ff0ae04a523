/**
 * Argument typing of exec.go: constants given to typed parameters (evalBool, evalInteger,
 * evalString, …), assignability of evaluated values, and which types take nil.
 */
import { nodeString, type Node, type NumberNode } from './nodes';
import { GoComplex, GoInt, typeName, type GoValue, type ParamType } from './value';

type Result = { ok: true; value: GoValue } | { ok: false; message: string };
const ok = (value: GoValue): Result => ({ ok: true, value });
const fail = (message: string): Result => ({ ok: false, message });

/** A literal node for a parameter of type `typ`; ok:false without message = evaluate it. */
export function constantArg(typ: ParamType, n: Node): Result {
  switch (typ) {
    case 'bool':
      if (n.type === 'bool') return ok(n.value);
      return fail(`expected bool; found ${nodeString(n)}`);
    case 'float64':
    case 'float32':
      if (n.type === 'number' && n.isFloat) return ok(n.float64);
      return fail(`expected float; found ${nodeString(n)}`);
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      if (n.type === 'number' && n.isInt) return ok(new GoInt(typ, n.int64));
      return fail(`expected integer; found ${nodeString(n)}`);
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      if (n.type === 'number' && n.isUint) return ok(new GoInt(typ, n.uint64));
      return fail(`expected unsigned integer; found ${nodeString(n)}`);
    case 'any':
    case 'value':
    case 'untyped': {
      if (n.type === 'bool') return ok(n.value);
      if (n.type === 'string') return ok(n.text);
      if (n.type === 'number') {
        const v = idealConstant(n);
        return v instanceof Error ? fail(v.message) : ok(v);
      }
      return fail(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
    }
    case 'string':
      if (n.type === 'string') return ok(n.text);
      return fail(`expected string; found ${nodeString(n)}`);
  }
  return fail(`can't handle ${nodeString(n)} for arg of type ${typeText(typ)}`);
}

export function canBeNil(t: ParamType): boolean {
  return t === 'any' || t === 'value' || t.startsWith('[]') || t.startsWith('map[') || t.startsWith('*') || t.startsWith('func');
}

export function typeText(t: ParamType): string {
  return t === 'any' ? 'interface {}' : t === 'value' ? 'reflect.Value' : t;
}

export function assignable(v: GoValue, t: ParamType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return typeof v === 'number';
  }
  if (v instanceof GoInt) return v.kind === t;
  if (t.startsWith('[]') || t.startsWith('map[') || t.startsWith('*') || t.includes('.')) return typeName(v) === t;
  return typeName(v) === t;
}

/** A number literal where no type is known: its syntax decides (exec.go idealConstant). */
export function idealConstant(c: NumberNode): GoValue | Error {
  if (c.isComplex) return new GoComplex(c.complex[0], c.complex[1]);
  const t = c.text;
  const isHexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
  if (c.isFloat && !isHexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return c.float64;
  if (c.isInt) return new GoInt('int', c.int64);
  if (c.isUint) return new Error(`${t} overflows int`);
  return undefined;
}

/** "NAME:LINE:COL" of an offset, as Go's ErrorContext gives it (column 0-based, bytes). */
export function errorContext(name: string, text: string, pos: number): string {
  const before = text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const col = nl === -1 ? pos : pos - (nl + 1);
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  return `${name}:${line}:${col}`;
}

/** exec.go validateType: the value as the parameter receives it, or Go's complaint. */
export function validateType(value: GoValue, typ: ParamType): Result {
  if (typ === 'value' || typ === 'untyped') return ok(value);
  if (value === undefined) {
    if (canBeNil(typ)) return ok(null);
    return fail(`invalid value; expected ${typeText(typ)}`);
  }
  if (typ === 'any') return ok(value);
  if (value !== null && assignable(value, typ)) return ok(value);
  return fail(`wrong type for value; expected ${typeText(typ)}; got ${typeName(value)}`);
}
