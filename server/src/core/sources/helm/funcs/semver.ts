/**
 * Masterminds/semver v3 as Sprig uses it (semver, semverCompare): lenient version parsing,
 * constraints with ||, commas, hyphen ranges, wildcards, ~ and ^, and the rule that a
 * prerelease version only matches a constraint that names a prerelease.
 */
import { GoError, GoInt, GoStruct, goFunc, int64, type GoFunc, type GoValue } from '../template/value';

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const semVer = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(v: string): Version {
  const m = semVer.exec(v);
  if (!m) throw new GoError('Invalid Semantic Version');
  const pre = m[5] ?? '';
  for (const p of pre ? pre.split('.') : [])
    if (/^\d+$/.test(p) && p.length > 1 && p[0] === '0') throw new GoError('Invalid Prerelease string');
  return {
    major: BigInt(m[1]!),
    minor: BigInt((m[2] ?? '.0').slice(1)),
    patch: BigInt((m[3] ?? '.0').slice(1)),
    pre,
    meta: m[8] ?? '',
    original: v,
  };
}

export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`;
}

function comparePart(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1;
    if (i >= pb.length) return 1;
    const c = comparePart(pa[i]!, pb[i]!);
    if (c) return c;
  }
  return 0;
}

export function compare(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

const cv = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const ops = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const constraintRe = new RegExp(String.raw`^\s*(${ops})\s*(${cv})\s*$`);
const rangeRe = new RegExp(String.raw`\s*(${cv})\s+-\s+(${cv})\s*`, 'g');
const findRe = new RegExp(String.raw`(${ops})\s*(${cv})`, 'g');
const validRe = new RegExp(String.raw`^(\s*(${ops})\s*(${cv})\s*)((?:\s+|,\s*)(${ops})\s*(${cv})\s*)*$`);

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string | undefined): boolean => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  const m = constraintRe.exec(c);
  if (!m) throw new GoError(`improper constraint: ${c}`);
  const op = m[1]!;
  const orig = m[2]!;
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const [maj, min, pat, pre] = [m[3], m[4] ?? '', m[5] ?? '', m[6] ?? ''];
  if (isX(maj) || maj === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(min.replace(/^\./, '')) || min === '') {
    minorDirty = dirty = true;
    ver = `${maj}.0.0${pre}`;
  } else if (isX(pat.replace(/^\./, '')) || pat === '') {
    dirty = patchDirty = true;
    ver = `${maj}${min}.0${pre}`;
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new GoError('constraint Parser Error');
  }
  return { con, orig, op, dirty, minorDirty, patchDirty };
}

function check(v: Version, c: Constraint): boolean {
  const pre = v.pre !== '' && c.con.pre === '';
  const cmp = compare(v, c.con);
  const tilde = (): boolean => {
    if (cmp < 0) return false;
    if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
    if (v.major !== c.con.major) return false;
    return !(v.minor !== c.con.minor && !c.minorDirty);
  };
  switch (c.op) {
    case '':
    case '=':
      if (pre) return false;
      return c.dirty ? tilde() : cmp === 0;
    case '!=':
      if (c.dirty) {
        if (pre) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePre(v.pre, c.con.pre) !== 0;
      }
      return cmp !== 0;
    case '>':
      if (pre) return false;
      if (!c.dirty) return cmp === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp === 1;
    case '<':
      return !pre && cmp < 0;
    case '>=':
    case '=>':
      return !pre && cmp >= 0;
    case '<=':
    case '=<':
      if (pre) return false;
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return !pre && tilde();
    case '^':
      if (pre || cmp < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

export function semverCompare(constraint: string, version: string): boolean {
  const rewritten = constraint.replace(rangeRe, (_m, a: string, ...rest: string[]) => `>= ${a}, <= ${rest[9]}`);
  const groups = rewritten.split('||').map((g) => {
    if (!validRe.test(g)) throw new GoError(`improper constraint: ${g}`);
    const cs = g.match(findRe) ?? [g];
    return cs.map(parseConstraint);
  });
  const v = parseVersion(version);
  return groups.some((cs) => cs.every((c) => check(v, c)));
}

function versionValue(v: Version): GoValue {
  const self: GoValue = new GoStruct(
    'semver.Version',
    new Map(),
    {
      Major: goFunc('Major', [], () => new GoInt('uint64', v.major)),
      Minor: goFunc('Minor', [], () => new GoInt('uint64', v.minor)),
      Patch: goFunc('Patch', [], () => new GoInt('uint64', v.patch)),
      Prerelease: goFunc('Prerelease', [], () => v.pre),
      Metadata: goFunc('Metadata', [], () => v.meta),
      Original: goFunc('Original', [], () => v.original),
      String: goFunc('String', [], () => versionString(v)),
      Compare: goFunc('Compare', ['*semver.Version'], (o: GoStruct) => int64(compare(v, (o as any).version))),
    },
    true,
  );
  (self as any).version = v;
  return self;
}

export function semverFuncs(): GoFunc[] {
  return [
    goFunc('semver', ['string'], (s: string) => versionValue(parseVersion(s))),
    goFunc('semverCompare', ['string', 'string'], semverCompare),
  ];
}
