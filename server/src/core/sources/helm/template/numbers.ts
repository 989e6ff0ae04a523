/**
 * Number literals as Go's parse.newNumber reads them: strconv.ParseInt/ParseUint with base 0
 * (0x, 0o, 0b, leading-0 octal, underscores between digits), ParseFloat (decimal and hex
 * floats), char constants and imaginary parts. A literal may be int, uint and float at once.
 */
import type { NumberNode } from './nodes';
import { goUnquote } from './quote';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64) / ParseInt: the value or null. */
export function parseGoInt(text: string, signed: boolean): bigint | null {
  let s = text;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return null;
  let base = 10;
  let digits = s;
  if (s[0] === '0' && s.length > 1) {
    const p = s[1]!.toLowerCase();
    if (p === 'x') [base, digits] = [16, s.slice(2)];
    else if (p === 'o') [base, digits] = [8, s.slice(2)];
    else if (p === 'b') [base, digits] = [2, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
  }
  if (s.includes('_') && !underscoreOK(s)) return null;
  digits = digits.replace(/_/g, '');
  if (digits === '') return null;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return null;
  return v;
}

/** strconv.ParseFloat(s, 64): the value or null (no inf/nan words: the lexer never yields them). */
export function parseGoFloat(text: string): number | null {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return null;
    s = s.replace(/_/g, '');
  }
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex) {
    const int = hex[1] ?? '';
    const frac = hex[2] ?? '';
    if (int === '' && frac === '') return null;
    const mant = BigInt('0x' + (int + frac || '0'));
    const exp = Number(hex[3]) - 4 * frac.length;
    return sign * Number(mant) * 2 ** exp;
  }
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null; // Go: ErrRange
  return sign * v;
}

export function newNumber(pos: number, text: string, kind: 'number' | 'charconst' | 'complex'): NumberNode {
  const n: NumberNode = {
    type: 'number',
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex: [0, 0],
  };
  if (kind === 'charconst') {
    let r: string;
    try {
      r = goUnquote(text);
    } catch {
      throw new Error(`malformed character constant: ${text}`);
    }
    const cp = BigInt(r.codePointAt(0)!);
    Object.assign(n, { int64: cp, isInt: true, uint64: cp, isUint: true, float64: Number(cp), isFloat: true });
    return n;
  }
  if (kind === 'complex') {
    const m = /^([+-]?[^+-]+(?:[eEpP][+-][0-9_]+)?)([+-].+)i$/.exec(text);
    const re = m ? (parseGoFloat(m[1]!) ?? parseIntAsFloat(m[1]!)) : null;
    const im = m ? (parseGoFloat(m[2]!) ?? parseIntAsFloat(m[2]!)) : null;
    if (re === null || im === null) throw new Error(`expected integer`);
    n.isComplex = true;
    n.complex = [re, im];
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseGoFloat(text.slice(0, -1)) ?? parseIntAsFloat(text.slice(0, -1));
    if (f !== null) {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseGoInt(text, false);
  if (u !== null) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseGoInt(text, true);
  if (i !== null) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

/** Integer text read as a float (Go's complex Sscan accepts 0x1 etc.). */
function parseIntAsFloat(s: string): number | null {
  const v = parseGoInt(s, true);
  return v === null ? null : Number(v);
}

function simplifyComplex(n: NumberNode): void {
  const [re, im] = n.complex;
  if (im === 0) {
    n.isFloat = true;
    n.float64 = re;
    if (Number.isInteger(re) && Math.abs(re) < 2 ** 63) {
      n.isInt = true;
      n.int64 = BigInt(re);
    }
    if (Number.isInteger(re) && re >= 0 && re < 2 ** 64) {
      n.isUint = true;
      n.uint64 = BigInt(re);
    }
  }
}
