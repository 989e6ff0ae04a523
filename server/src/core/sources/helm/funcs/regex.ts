/**
 * Sprig's regex functions over Go's RE2 syntax, translated to JavaScript RegExp: named groups
 * (?P<n>…), leading flag groups (?i)(?s)(?m), \z and \A, and Go's $1/${name} expansion.
 * Patterns JavaScript cannot read are reported as Go reports a bad pattern.
 */
import { GoError, goFunc, int, tagged, type GoFunc, type GoInt, type GoMap, type GoValue } from '../template/value';
import { tagStrings } from './convert';

const cache = new Map<string, RegExp>();

export function goRegex(src: string, global = true): RegExp {
  const key = (global ? 'g' : '') + src;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let flags = global ? 'gu' : 'u';
  let body = src;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
    body = body.slice(lead[0].length);
  }
  body = body
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^(?<![\\s\\S])');
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    throw new GoError(`error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}: \`${src}\``);
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, re);
  return re;
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, a: string, braced?: string, bare?: string) => {
    if (a === '$') return '$';
    const name = braced ?? bare!;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let prevEnd = -1;
  for (let m = re.exec(s); m && (n < 0 || out.length < n); m = re.exec(s)) {
    if (m[0] === '') {
      re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      if (m.index === prevEnd) continue; // Go drops an empty match right after the previous one
    }
    out.push(m);
    prevEnd = m.index + m[0].length;
    if (m.index >= s.length) break;
  }
  return out;
}

export function regexSplit(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source === '(?:)' && s.length > 0) {
    const chars = [...s];
    if (n > 0 && chars.length > n) return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const matches = findAll(re, s, n > 0 ? n - 1 : -1);
  const out: string[] = [];
  let beg = 0;
  for (const m of matches) {
    const end = m.index;
    if (m[0] === '' && end === 0) continue;
    out.push(s.slice(beg, end));
    beg = end + m[0].length;
  }
  out.push(s.slice(beg));
  return out;
}

function replaceAll(re: RegExp, s: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + (literal ? repl : expand(repl, m));
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function regexFuncs(): GoFunc[] {
  const pair = (name: string, params: string[], fn: (...a: any[]) => GoValue): GoFunc[] => [
    goFunc(name, params, fn),
    goFunc('must' + name[0]!.toUpperCase() + name.slice(1), params, fn),
  ];
  return [
    goFunc('regexMatch', ['string', 'string'], (r: string, s: string) => {
      try {
        return goRegex(r, false).test(s);
      } catch {
        return false;
      }
    }),
    goFunc('mustRegexMatch', ['string', 'string'], (r: string, s: string) => goRegex(r, false).test(s)),
    ...pair('regexFindAll', ['string', 'string', 'int'], (r: string, s: string, n: GoInt) => {
      const ms = findAll(goRegex(r), s, Number(n.v));
      return ms.length ? tagStrings(ms.map((m) => m[0])) : tagged([], '[]string');
    }),
    ...pair('regexFind', ['string', 'string'], (r: string, s: string) => findAll(goRegex(r), s, 1)[0]?.[0] ?? ''),
    ...pair('regexReplaceAll', ['string', 'string', 'string'], (r: string, s: string, repl: string) =>
      replaceAll(goRegex(r), s, repl, false),
    ),
    ...pair('regexReplaceAllLiteral', ['string', 'string', 'string'], (r: string, s: string, repl: string) =>
      replaceAll(goRegex(r), s, repl, true),
    ),
    ...pair('regexSplit', ['string', 'string', 'int'], (r: string, s: string, n: GoInt) =>
      tagStrings(regexSplit(goRegex(r), s, Number(n.v))),
    ),
    goFunc('regexQuoteMeta', ['string'], quoteMeta),
    goFunc('urlParse', ['string'], urlParse),
    goFunc('urlJoin', ['map[string]interface {}'], urlJoin),
  ];
}

function urlParse(v: string): GoValue {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(v);
  if (!m) throw new GoError(`unable to parse url: ${v}`);
  const host = m[3] ?? '';
  const out: GoMap = {
    scheme: m[1] ?? '',
    host,
    hostname: host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1'),
    path: decodeURIComponent(m[4] ?? ''),
    query: m[5] ?? '',
    opaque: '',
    fragment: m[6] ?? '',
    userinfo: m[2] ?? '',
  };
  return out;
}

function urlJoin(d: GoMap): string {
  const g = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  let s = '';
  if (g('scheme')) s += g('scheme') + ':';
  if (g('host') || g('userinfo')) s += '//' + (g('userinfo') ? g('userinfo') + '@' : '') + g('host');
  s += g('path') || g('opaque');
  if (g('query')) s += '?' + g('query');
  if (g('fragment')) s += '#' + g('fragment');
  return s;
}

export { int };
