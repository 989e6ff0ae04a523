/**
 * Go's fmt for the values templates hold: Sprint, Sprintln, Sprintf with the verbs
 * %v %+v %#v(partly) %T %s %q %x %X %d %b %o %O %c %U %t %e %E %f %F %g %G, width, precision,
 * `*`, flags `-+# 0`, and Go's error forms (%!d(string=x), %!(EXTRA …), %!d(MISSING)).
 */
import { formatFloat } from './floatfmt';
import { canBackquote, goQuote, goQuoteRune } from './quote';
import { GoComplex, GoInt, GoNilPtr, GoStruct, isFunc, isMap, sortedKeys, typeName, type GoValue } from './value';

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
  plusV?: boolean;
  sharpV?: boolean;
}

const noFlags = (): Flags => ({ minus: false, plus: false, sharp: false, space: false, zero: false });

function pad(s: string, f: Flags): string {
  const w = f.wid;
  if (w === undefined) return s;
  const n = [...s].length;
  if (n >= w) return s;
  const fill = (f.zero && !f.minus ? '0' : ' ').repeat(w - n);
  return f.minus ? s + ' '.repeat(w - n) : fill + s;
}

/** Pads numbers: zero padding goes after the sign. */
function padNumber(s: string, f: Flags): string {
  if (f.zero && !f.minus && f.wid !== undefined && f.prec === undefined) {
    const sign = s[0] === '-' || s[0] === '+' || s[0] === ' ' ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    if (s.length < f.wid) return sign + '0'.repeat(f.wid - s.length) + body;
    return s;
  }
  return pad(s, { ...f, zero: false });
}

function fmtInteger(v: bigint, unsigned: boolean, verb: string, f: Flags): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let digits: string;
  switch (verb) {
    case 'b':
      digits = a.toString(2);
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      break;
    case 'x':
      digits = a.toString(16);
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(a) <= 0x10ffff ? Number(v) : 0xfffd), f);
    case 'q':
      return pad(goQuoteRune(Number(v), f.plus), f);
    case 'U': {
      let s = 'U+' + a.toString(16).toUpperCase().padStart(4, '0');
      if (f.sharp && a <= 0x10ffffn) s += ` '${String.fromCodePoint(Number(a))}'`;
      return pad(s, f);
    }
    default:
      digits = a.toString(10);
  }
  if (f.prec !== undefined) {
    if (f.prec === 0 && a === 0n) digits = '';
    digits = digits.padStart(f.prec, '0');
  } else if (f.zero && !f.minus && f.wid !== undefined) {
    const signLen = neg || f.plus || f.space ? 1 : 0;
    const prefixLen = f.sharp ? (verb === 'x' || verb === 'X' || verb === 'b' ? 2 : verb === 'o' ? 1 : 0) : verb === 'O' ? 2 : 0;
    digits = digits.padStart(f.wid - signLen - prefixLen, '0');
  }
  if (f.sharp) {
    if (verb === 'x') digits = '0x' + digits;
    else if (verb === 'X') digits = '0X' + digits;
    else if (verb === 'b') digits = '0b' + digits;
    else if (verb === 'o' && digits[0] !== '0') digits = '0' + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  void unsigned;
  return pad(sign + digits, { ...f, zero: false });
}

function fmtFloatVerb(v: number, verb: string, f: Flags): string {
  let fmtc = verb;
  let prec = f.prec ?? -1;
  if (verb === 'v') fmtc = 'g';
  else if (verb === 'F') fmtc = 'f';
  else if ((verb === 'e' || verb === 'E' || verb === 'f') && f.prec === undefined) prec = 6;
  let s = formatFloat(v, fmtc, prec);
  if (f.sharp && verb !== 'b') {
    let digits = fmtc === 'g' || fmtc === 'G' ? (prec === -1 ? 6 : prec) : 0;
    let mant = s;
    let tail = '';
    const ei = s.search(/[eE]/);
    if (ei >= 0) {
      mant = s.slice(0, ei);
      tail = s.slice(ei);
    }
    if (!mant.includes('.')) {
      if (mant.replace('-', '') === '0') digits--;
      mant += '.';
    }
    if (digits > 0) {
      let sig = mant.replace(/^-?0*\.?0*/, '').replace('.', '').length;
      if (!/[1-9]/.test(mant)) sig = 0;
      if (digits > sig) mant += '0'.repeat(digits - sig);
    }
    s = mant + tail;
  }
  if (!s.startsWith('-') && !s.startsWith('+') && (f.plus || f.space)) s = (f.plus ? '+' : ' ') + s;
  if (s === 'NaN' || s.endsWith('Inf')) return pad(s, { ...f, zero: false });
  return padNumber(s, f);
}

function fmtString(s: string, verb: string, f: Flags): string {
  if (f.prec !== undefined && (verb === 's' || verb === 'v' || verb === 'q')) s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(s, f);
    case 'q':
      return pad(f.sharp && canBackquote(s) ? '`' + s + '`' : goQuote(s, f.plus), f);
    case 'x':
    case 'X': {
      const bytes = new TextEncoder().encode(s);
      let hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'));
      if (f.prec !== undefined) hex = hex.slice(0, f.prec);
      let out = f.space ? hex.map((h) => (f.sharp ? '0x' + h : h)).join(' ') : (f.sharp && hex.length ? '0x' : '') + hex.join('');
      if (verb === 'X') out = out.toUpperCase();
      return pad(out, f);
    }
  }
  return badVerb(s, verb);
}

function badVerb(v: GoValue, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v, 'v', noFlags(), 0)})`;
}

/** Formats one operand for one verb (fmt's printArg/printValue). */
export function formatValue(v: GoValue, verb: string, f: Flags, depth: number): string {
  if (verb === 'T') return pad(v === null || v === undefined ? '<nil>' : typeName(v), f);
  if (v === undefined) return depth === 0 ? (verb === 'v' ? pad('<nil>', f) : `%!${verb}(<nil>)`) : '<invalid reflect.Value>';
  if (v === null) return verb === 'v' ? pad('<nil>', f) : `%!${verb}(<nil>)`;
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), f) : badVerb(v, verb);
  if (typeof v === 'string') return fmtString(v, verb, f);
  if (typeof v === 'number') {
    if ('vbeEfFgGxX'.includes(verb)) return fmtFloatVerb(v, verb, f);
    return badVerb(v, verb);
  }
  if (v instanceof GoInt) {
    if (verb === 'v') return fmtInteger(v.v, v.unsigned, 'd', f);
    if ('bcdoOqxXU'.includes(verb)) return fmtInteger(v.v, v.unsigned, verb, f);
    return badVerb(v, verb);
  }
  if (v instanceof GoComplex) {
    if (!'vbeEfFgGxX'.includes(verb)) return badVerb(v, verb);
    const re = fmtFloatVerb(v.re, verb, { ...f, wid: undefined });
    const im = fmtFloatVerb(v.im, verb, { ...f, plus: true, wid: undefined });
    return pad(`(${re}${im}i)`, f);
  }
  if (v instanceof GoNilPtr) return verb === 'v' || verb === 's' ? pad('<nil>', f) : badVerb(v, verb);
  if (v instanceof GoStruct) {
    const str = v.methods['String'] ?? v.methods['Error'];
    if (str && str.params.length === 0 && (verb === 'v' || verb === 's' || verb === 'q')) {
      return formatValue(str.fn() as GoValue, verb, f, depth);
    }
    if (v.ptr && depth > 0) return '0xc000010000';
    const parts = [...v.fields].map(([k, x]) => (f.plusV ? `${k}:` : '') + formatValue(x, verb, f, depth + 1));
    return (v.ptr ? '&' : '') + '{' + parts.join(' ') + '}';
  }
  if (isFunc(v)) return verb === 'v' || verb === 'p' ? '0x47b0e0' : badVerb(v, verb);
  if (Array.isArray(v)) {
    if (f.sharpV) return `${typeName(v)}{${v.map((x) => formatValue(x, verb, f, depth + 1)).join(', ')}}`;
    return '[' + v.map((x) => formatValue(x, verb, f, depth + 1)).join(' ') + ']';
  }
  if (isMap(v)) {
    const parts = sortedKeys(v).map((k) => `${formatValue(k, verb, f, depth + 1)}:${formatValue(v[k], verb, f, depth + 1)}`);
    return 'map[' + parts.join(' ') + ']';
  }
  return '?';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a, 'v', noFlags(), 0);
  }
  return out;
}

export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatValue(a, 'v', noFlags(), 0)).join(' ') + '\n';
}

function intArg(v: GoValue): number | undefined {
  if (v instanceof GoInt) return Number(v.v);
  return undefined;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argNum = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    // width
    if (format[i] === '*') {
      i++;
      const w = intArg(args[argNum]);
      argNum++;
      if (w === undefined) out += '%!(BADWIDTH)';
      else if (w < 0) {
        f.minus = true;
        f.zero = false;
        f.wid = -w;
      } else f.wid = w;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.wid = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const p = intArg(args[argNum]);
        argNum++;
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argNum++];
    if (verb === 'v') {
      if (f.sharp) {
        f.sharpV = true;
        f.sharp = false;
      }
      if (f.plus) {
        f.plusV = true;
        f.plus = false;
      }
    }
    if (verb === 'w') {
      out += formatValue(a, 'v', f, 0);
      continue;
    }
    if (f.sharpV && typeof a === 'string') {
      out += pad(goQuote(a), f);
      continue;
    }
    out += formatValue(a, verb, f, 0);
  }
  if (argNum < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argNum)
        .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a, 'v', noFlags(), 0)}`))
        .join(', ') +
      ')';
  }
  return out;
}
