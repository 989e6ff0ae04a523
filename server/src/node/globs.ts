/**
 * Globs and `.gitignore` patterns, matched in time linear in the path: each pattern is
 * compiled to a small automaton whose states are its tokens, and a path is read once, char
 * by char, with the set of live states (no backtracking, so `**` `/*a*a*a*a*a*a*a*a*b` costs
 * path × pattern, never 2^path). A pattern that cannot be compiled (too long, too many
 * brace alternatives, a leading `!` in an exclude list) is a `GlobError` with one line.
 * `.gitignore` literals (`build/`, `*.log`, `/out/x.txt`) go into hash tables, so a 1 MB
 * file of them costs a few lookups per path, not one match per line.
 */

/** Characters a pattern may have at the most: longer ones are not globs a person wrote. */
export const maxGlobLength = 1000;
/** Alternatives a pattern's braces may expand to at the most. */
const maxAlternatives = 64;

export class GlobError extends Error {}

const enum T {
  Lit,
  /** `?`: one character but `/`. */
  One,
  /** `*`: any run of characters without `/`. */
  Star,
  /** `**` then `/`: nothing, or any run of characters ending in `/` (at a folder boundary; uses the next token as `InSegment`). */
  Segments,
  /** Inside a folder name that `Segments` skips. */
  InSegment,
  /** A trailing `/**`: nothing, or `/` and then anything (uses the next token as `Rest`). */
  Tail,
  /** Anything, to the end (after `Tail`'s `/`). */
  Rest,
  Class,
}

interface Token {
  t: T;
  c?: number;
  /** For `Class`: ranges [lo, hi, lo, hi, …] and whether negated. */
  ranges?: number[];
  not?: boolean;
}

/** One compiled pattern: `match(path)` in O(path × tokens). */
export class Glob {
  private readonly tokens: Token[];
  private cur: Uint8Array;
  private next: Uint8Array;

  constructor(readonly source: string) {
    this.tokens = tokenize(source);
    this.cur = new Uint8Array(this.tokens.length + 1);
    this.next = new Uint8Array(this.tokens.length + 1);
  }

  match(path: string): boolean {
    const tokens = this.tokens;
    const n = tokens.length;
    let cur = this.cur;
    let next = this.next;
    cur.fill(0);
    cur[0] = 1;
    close(tokens, cur);
    for (let i = 0; i < path.length; i++) {
      const c = path.charCodeAt(i);
      next.fill(0);
      let any = false;
      for (let s = 0; s < n; s++) {
        if (!cur[s]) continue;
        const tok = tokens[s]!;
        switch (tok.t) {
          case T.Lit:
            if (c === tok.c) {
              next[s + 1] = 1;
              any = true;
            }
            break;
          case T.One:
            if (c !== 47) {
              next[s + 1] = 1;
              any = true;
            }
            break;
          case T.Star:
            if (c !== 47) {
              next[s] = 1;
              any = true;
            }
            break;
          case T.Segments:
            next[c === 47 ? s : s + 1] = 1;
            any = true;
            break;
          case T.InSegment:
            next[c === 47 ? s - 1 : s] = 1;
            any = true;
            break;
          case T.Tail:
            if (c === 47) {
              next[s + 1] = 1;
              any = true;
            }
            break;
          case T.Rest:
            next[s] = 1;
            any = true;
            break;
          case T.Class:
            if (c !== 47 && inClass(tok, c)) {
              next[s + 1] = 1;
              any = true;
            }
            break;
        }
      }
      if (!any) return false;
      close(tokens, next);
      const t = cur;
      cur = next;
      next = t;
    }
    return cur[n] === 1;
  }
}

/** Add the states reachable without reading a character (tokens that may match nothing). */
function close(tokens: readonly Token[], set: Uint8Array): void {
  for (let s = 0; s < tokens.length; s++) {
    if (!set[s]) continue;
    const t = tokens[s]!.t;
    if (t === T.Star || t === T.Rest) set[s + 1] = 1;
    else if (t === T.Tail || t === T.Segments) set[s + 2] = 1;
  }
}

function inClass(tok: Token, c: number): boolean {
  const r = tok.ranges!;
  let hit = false;
  for (let i = 0; i < r.length; i += 2) if (c >= r[i]! && c <= r[i + 1]!) hit = true;
  return hit !== tok.not;
}

function tokenize(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length;) {
    const ch = p[i]!;
    const atSegmentStart = i === 0 || p[i - 1] === '/';
    if (ch === '*' && p[i + 1] === '*' && atSegmentStart && (i + 2 === p.length || p[i + 2] === '/')) {
      if (i + 2 === p.length) {
        // `**` as the last segment: anything, `/` included ("a/**" also matches "a/").
        out.push({ t: T.Rest });
        i += 2;
      } else {
        out.push({ t: T.Segments }, { t: T.InSegment });
        i += 3;
      }
      continue;
    }
    if (ch === '/' && p.slice(i) === '/**') {
      out.push({ t: T.Tail }, { t: T.Rest });
      break;
    }
    if (ch === '*') {
      while (p[i] === '*') i++;
      out.push({ t: T.Star });
      continue;
    }
    if (ch === '?') {
      out.push({ t: T.One });
      i++;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(p, i);
      if (end > 0) {
        out.push(classToken(p.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < p.length) {
      out.push({ t: T.Lit, c: p.charCodeAt(i + 1) });
      i += 2;
      continue;
    }
    out.push({ t: T.Lit, c: p.charCodeAt(i) });
    i++;
  }
  return out;
}

/** The index of the `]` closing the class opened at `at`, or -1 (then `[` is a literal). */
function classEnd(p: string, at: number): number {
  let i = at + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
    else if (p[i] === '/') return -1;
  }
  return -1;
}

function classToken(body: string): Token {
  let i = 0;
  const not = body[0] === '!' || body[0] === '^';
  if (not) i++;
  const ranges: number[] = [];
  for (; i < body.length; i++) {
    let c = body.charCodeAt(i);
    if (body[i] === '\\' && i + 1 < body.length) c = body.charCodeAt(++i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let hi = body.charCodeAt(i + 2);
      if (body[i + 2] === '\\' && i + 3 < body.length) hi = body.charCodeAt(++i + 2);
      ranges.push(c, hi);
      i += 2;
    } else ranges.push(c, c);
  }
  return { t: T.Class, ranges, not };
}

/** `{a,b}c` → `ac`, `bc` (nested allowed), at most `maxAlternatives`. */
export function expandBraces(p: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') i++;
    else if (ch === '{') {
      if (depth++ === 0) open = i;
    } else if (ch === '}' && depth > 0 && --depth === 0) {
      const parts = splitTop(p.slice(open + 1, i));
      if (parts.length < 2) continue;
      const rest = expandBraces(p.slice(i + 1));
      const out: string[] = [];
      for (const part of parts) {
        for (const head of expandBraces(p.slice(0, open) + part)) {
          for (const tail of rest) {
            out.push(head + tail);
            if (out.length > maxAlternatives) throw new GlobError(`its braces make more than ${maxAlternatives} patterns`);
          }
        }
      }
      return out;
    }
  }
  return [p];
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/** The start of a pattern for one-line messages (a 65,000-character glob is not echoed). */
export function shortPattern(p: string): string {
  return JSON.stringify(p.length > 40 ? `${p.slice(0, 40)}…` : p);
}

/** Why an exclude glob cannot be used, or undefined when it can. */
export function globProblem(p: string): string | undefined {
  try {
    compileExcludeGlob(p);
    return undefined;
  } catch (e) {
    if (e instanceof GlobError) return e.message;
    throw e;
  }
}

/** One exclude glob (relative to the folder, `**` across folders), compiled; `GlobError` when it cannot be. */
export function compileExcludeGlob(p: string): Glob[] {
  if (p.length > maxGlobLength)
    throw new GlobError(
      `a glob of ${p.length.toLocaleString('en-US')} characters is too long (at most ${maxGlobLength.toLocaleString('en-US')})`,
    );
  if (p.startsWith('!')) throw new GlobError('a glob starting with "!" (negation) is not supported in exclude lists');
  return expandBraces(p.replace(/^\.\//, '')).map((x) => new Glob(x));
}

/** Exclude globs as one matcher: `matches(rel)` for a path relative to the folder, forward slashes. */
export class ExcludeGlobs {
  private readonly globs: Glob[];

  /** Throws `GlobError` (naming the glob) for the first glob that cannot be compiled. */
  constructor(patterns: readonly string[]) {
    this.globs = [];
    for (const p of patterns) {
      try {
        this.globs.push(...compileExcludeGlob(p));
      } catch (e) {
        if (e instanceof GlobError) throw new GlobError(`exclude glob ${shortPattern(p)}: ${e.message}`);
        throw e;
      }
    }
  }

  get empty(): boolean {
    return this.globs.length === 0;
  }

  matches(rel: string): boolean {
    for (const g of this.globs) if (g.match(rel)) return true;
    return false;
  }
}
