/**
 * Helm's toYaml: sigs.k8s.io/yaml marshals to JSON, reads that back with go-yaml v2 and emits
 * it with go-yaml v2's emitter. This reproduces that output: keys in go-yaml's "natural"
 * order, numbers as JSON gave them, strings plain when the YAML 1.1 resolver would read them
 * back as strings, else double-quoted (or single-quoted when plain is not allowed), literal
 * blocks for multi-line text, indentless sequences in mappings, and folding of long plain
 * and quoted scalars past column 80.
 */
import { formatFloat } from '../template/floatfmt';
import { GoInt, GoNilPtr, GoStruct, isMap, type GoValue } from '../template/value';
import { jsonFloat } from './json';

const BEST_WIDTH = 80;
const INDENT = 2;

type Y = null | boolean | string | { num: string } | Y[] | { map: [string, Y][] };

/** JSON round trip: Go values as go-yaml sees them after sigs.k8s.io/yaml's JSON step. */
function fromGo(v: GoValue): Y {
  if (v === undefined || v === null || v instanceof GoNilPtr) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    const j = jsonFloat(v);
    if (/^-?\d+$/.test(j))
      return { num: BigInt(j) >= -(1n << 63n) && BigInt(j) < 1n << 64n ? BigInt(j).toString() : formatFloat(Number(j), 'g', -1) };
    return { num: formatFloat(Number(j), 'g', -1) };
  }
  if (v instanceof GoInt) return { num: v.v.toString() };
  if (Array.isArray(v)) return v.map(fromGo);
  let entries: [string, GoValue][];
  if (v instanceof GoStruct) entries = [...v.fields].filter(([k]) => !v.unexported.has(k));
  else if (isMap(v)) entries = Object.keys(v).map((k) => [k, v[k]]);
  else return null;
  return {
    map: entries.map(([k, x]) => [k, fromGo(x)] as [string, Y]).sort((a, b) => (keyLess(a[0], b[0]) ? -1 : keyLess(b[0], a[0]) ? 1 : 0)),
  };
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

/** go-yaml v2 keyList.Less for string keys. */
export function keyLess(a: string, b: string): boolean {
  // Fast path: the first difference is between two ASCII letters, or one is a prefix.
  const n = Math.min(a.length, b.length);
  let i0 = 0;
  while (i0 < n && a.charCodeAt(i0) === b.charCodeAt(i0)) i0++;
  if (i0 === n) {
    if (a.length === b.length) return false;
    if (!/[^\x00-\x7f]/.test(a) && !/[^\x00-\x7f]/.test(b) && !/\d/.test(a[i0 - 1] ?? '')) return a.length < b.length;
  } else {
    const x = a.charCodeAt(i0);
    const y = b.charCodeAt(i0);
    const letter = (k: number): boolean => (k >= 97 && k <= 122) || (k >= 65 && k <= 90);
    if (letter(x) && letter(y)) return x < y;
  }
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const resolveMap = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** Whether go-yaml v2 would read the plain scalar back as something other than a string. */
export function resolvesNonString(s: string): boolean {
  if (s === '') return true;
  if (resolveMap.has(s)) return true;
  const c = s[0]!;
  if (c === '.') return yamlStyleFloat.test(s) || /^\.(inf|nan)$/i.test(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (timestamp.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (/^[-+]?(inf|infinity|nan)$/i.test(plain)) return true;
    return base60.test(s);
  }
  return false;
}

const isPrintable = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  cp === 0x85 ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
  (cp >= 0x10000 && cp <= 0x10ffff);
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined): boolean => c === ' ';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c);

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  let blockInd = false;
  let flowInd = false;
  if (value.startsWith('---') || value.startsWith('...')) blockInd = flowInd = true;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const chars = [...value];
  let preceded = true;
  let followed = isBlankz(chars[1]);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const first = i === 0;
    const last = i === chars.length - 1;
    if (first) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) flowInd = blockInd = true;
      if (c === '?' || c === ':') {
        flowInd = true;
        if (followed) blockInd = true;
      }
      if (c === '-' && followed) flowInd = blockInd = true;
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      if (c === ':') {
        flowInd = true;
        if (followed) blockInd = true;
      }
      if (c === '#' && preceded) flowInd = blockInd = true;
    }
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = prevBreak = false;
    }
    preceded = isBlankz(c);
    followed = isBlankz(chars[i + 2]);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

export { analyze as analyzeScalar, fromGo as yamlTreeFromGo, BEST_WIDTH, INDENT };
export type { Y };
