/** Sprig's string functions (strings.go, plus xstrings case conversions and goutils wrap). */
import { goQuote } from '../template/quote';
import { sprintf } from '../template/fmt';
import { GoError, capped, goFunc, int, maxChars, tagged, type GoFunc, type GoInt, type GoValue } from '../template/value';
import { strslice, strval, tagStrings } from './convert';

const n = (i: GoInt): number => Number(i.v);
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Go string slicing is by bytes. */
function byteSlice(s: string, start: number, end?: number): string {
  const b = enc.encode(s);
  return dec.decode(b.slice(start, end));
}
const byteLen = (s: string): number => enc.encode(s).length;

function trunc(c: GoInt, s: string): string {
  const k = n(c);
  const len = byteLen(s);
  if (k < 0 && len + k > 0) return byteSlice(s, len + k);
  if (k >= 0 && len > k) return byteSlice(s, 0, k);
  return s;
}

function substr(start: GoInt, end: GoInt, s: string): string {
  const a = n(start);
  const b = n(end);
  if (a < 0) return byteSlice(s, 0, b);
  if (b < 0 || b > byteLen(s)) return byteSlice(s, a);
  return byteSlice(s, a, b);
}

function abbrev(width: GoInt, s: string): string {
  const w = n(width);
  if (w < 4 || s.length <= w) return s;
  return s.slice(0, w - 3) + '...';
}

function abbrevboth(left: GoInt, right: GoInt, s: string): string {
  let offset = n(left);
  const max = n(right);
  if (max < 4 || (offset > 0 && max < 7)) return s;
  if (s.length <= max) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < max - 3) offset = s.length - (max - 3);
  if (offset <= 4) return s.slice(0, max - 3) + '...';
  if (max < 7) return s;
  if (offset + max - 3 < s.length) return '...' + abbrev(int(max - 3), s.slice(offset));
  return '...' + s.slice(s.length - (max - 3));
}

const isLetterOrDigit = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += !isLetterOrDigit(prev) && prev !== '_' ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

function untitle(s: string): string {
  return s.replace(/(^|\s)(\S)/g, (_m, a: string, b: string) => a + b.toLowerCase());
}

function initials(s: string): string {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0])
    .join('');
}

function swapcase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

/** xstrings.ToSnakeCase / ToKebabCase: words split at case changes and non-alphanumerics. */
function delimited(s: string, sep: string): string {
  const words: string[] = [];
  let cur = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!/[\p{L}\p{N}]/u.test(c)) {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    const upper = /\p{Lu}/u.test(c);
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (cur && upper && prev && (/[\p{Ll}\p{N}]/u.test(prev) || (next && /\p{Ll}/u.test(next) && /\p{Lu}/u.test(prev)))) {
      words.push(cur);
      cur = '';
    }
    cur += c.toLowerCase();
  }
  if (cur) words.push(cur);
  return words.join(sep);
}

/** xstrings.ToCamelCase: connectors before a word fold into its capital; leading/trailing ones stay. */
function camelcase(s: string): string {
  const chars = [...s];
  const conn = (c: string | undefined): boolean => c === '_';
  let out = '';
  let i = 0;
  while (i < chars.length && conn(chars[i])) out += chars[i++];
  if (i < chars.length) out += chars[i++]!.toUpperCase();
  while (i < chars.length) {
    if (!conn(chars[i])) {
      out += chars[i++];
      continue;
    }
    let j = i;
    while (j < chars.length && conn(chars[j])) j++;
    if (j === chars.length) out += chars.slice(i).join('');
    else out += chars.slice(i, j - 1).join('') + chars[j]!.toUpperCase();
    i = j + (j === chars.length ? 0 : 1);
  }
  return out;
}

/** goutils.WrapCustom (wrapLongWords=true). */
function wrapCustom(s: string, width: number, sep: string): string {
  if (width < 1) width = 1;
  const out: string[] = [];
  for (const line of s.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      if (rest[width] === ' ') {
        out.push(rest.slice(0, width));
        rest = rest.slice(width + 1);
        continue;
      }
      const sp = rest.lastIndexOf(' ', width);
      if (sp > 0) {
        out.push(rest.slice(0, sp));
        rest = rest.slice(sp + 1);
      } else {
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
    out.push(rest);
  }
  return out.join(sep);
}

function trimChars(s: string, cut: string, left: boolean, right: boolean): string {
  const set = new Set([...cut]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a]!)) a++;
  if (right) while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

function splitMap(parts: string[]): GoValue {
  const m: Record<string, GoValue> = {};
  parts.forEach((p, i) => (m[`_${i}`] = p));
  return tagged(m, 'map[string]string', '');
}

function splitN(s: string, sep: string, k: number): string[] {
  if (k === 0) return [];
  if (k < 0) return s.split(sep);
  const out: string[] = [];
  let rest = s;
  while (out.length < k - 1) {
    const i = sep === '' ? (rest.length ? 1 : -1) : rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

const goSplit = (s: string, sep: string): string[] => (sep === '' ? [...s] : s.split(sep));

export function stringFuncs(): GoFunc[] {
  const s1 = (name: string, f: (s: string) => GoValue): GoFunc => goFunc(name, ['string'], f);
  const s2 = (name: string, f: (a: string, b: string) => GoValue): GoFunc => goFunc(name, ['string', 'string'], f);
  return [
    goFunc('abbrev', ['int', 'string'], abbrev),
    goFunc('abbrevboth', ['int', 'int', 'string'], abbrevboth),
    goFunc('trunc', ['int', 'string'], trunc),
    s1('trim', (s) => s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '')),
    s1('upper', (s) => s.toUpperCase()),
    s1('lower', (s) => s.toLowerCase()),
    s1('title', title),
    s1('untitle', untitle),
    goFunc('substr', ['int', 'int', 'string'], substr),
    goFunc('repeat', ['int', 'string'], (c: GoInt, s: string) => {
      if (c.v < 0n) throw new GoError('strings: negative Repeat count');
      capped(n(c) * s.length, maxChars, 'characters of repeat');
      return s.repeat(n(c));
    }),
    s2('trimall', (a, b) => trimChars(b, a, true, true)),
    s2('trimAll', (a, b) => trimChars(b, a, true, true)),
    s2('trimSuffix', (a, b) => (b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    s2('trimPrefix', (a, b) => (b.startsWith(a) ? b.slice(a.length) : b)),
    s1('nospace', (s) => s.replace(/\s/gu, '')),
    s1('initials', initials),
    s1('swapcase', swapcase),
    s1('snakecase', (s) => delimited(s, '_')),
    s1('kebabcase', (s) => delimited(s, '-')),
    s1('camelcase', camelcase),
    goFunc('wrap', ['int', 'string'], (l: GoInt, s: string) => wrapCustom(s, n(l), '\n')),
    goFunc('wrapWith', ['int', 'string', 'string'], (l: GoInt, sep: string, s: string) => wrapCustom(s, n(l), sep)),
    s2('contains', (sub, s) => s.includes(sub)),
    s2('hasPrefix', (sub, s) => s.startsWith(sub)),
    s2('hasSuffix', (sub, s) => s.endsWith(sub)),
    goFunc(
      'quote',
      [],
      (...a: GoValue[]) =>
        a
          .filter((x) => x !== null && x !== undefined)
          .map((x) => goQuote(strval(x)))
          .join(' '),
      'any',
    ),
    goFunc(
      'squote',
      [],
      (...a: GoValue[]) =>
        a
          .filter((x) => x !== null && x !== undefined)
          .map((x) => `'${strval(x)}'`)
          .join(' '),
      'any',
    ),
    goFunc(
      'cat',
      [],
      (...a: GoValue[]) => {
        const v = a.filter((x) => x !== null && x !== undefined);
        return sprintf(v.map(() => '%v').join(' '), v);
      },
      'any',
    ),
    goFunc('indent', ['int', 'string'], (k: GoInt, s: string) => {
      const pad = ' '.repeat(capped(Math.max(0, n(k)), maxChars, 'indent'));
      return pad + s.split('\n').join('\n' + pad);
    }),
    goFunc('nindent', ['int', 'string'], (k: GoInt, s: string) => {
      const pad = ' '.repeat(capped(Math.max(0, n(k)), maxChars, 'nindent'));
      return '\n' + pad + s.split('\n').join('\n' + pad);
    }),
    goFunc('replace', ['string', 'string', 'string'], (o: string, nw: string, s: string) =>
      o === '' ? [...s].join(nw).replace(/^/, nw) + (s ? nw : '') : s.split(o).join(nw),
    ),
    goFunc('plural', ['string', 'string', 'int'], (one: string, many: string, c: GoInt) => (c.v === 1n ? one : many)),
    goFunc('toString', ['any'], strval),
    goFunc('split', ['string', 'string'], (sep: string, s: string) => splitMap(goSplit(s, sep))),
    goFunc('splitList', ['string', 'string'], (sep: string, s: string) => tagStrings(goSplit(s, sep))),
    goFunc('splitn', ['string', 'int', 'string'], (sep: string, k: GoInt, s: string) => splitMap(splitN(s, sep, n(k)))),
    goFunc('toStrings', ['any'], (v: GoValue) => tagStrings(strslice(v))),
    goFunc('join', ['string', 'any'], (sep: string, v: GoValue) => strslice(v).join(sep)),
    goFunc('sortAlpha', ['any'], (v: GoValue) => tagStrings(strslice(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))),
  ];
}
