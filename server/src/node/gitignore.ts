/**
 * One `.gitignore`, read as git reads it (gitignore(5)): blank lines and `#` comments skipped,
 * `!` re-includes, a trailing `/` matches folders only, a pattern with a `/` is anchored to
 * the file's folder, else it matches a name at any depth; the last matching line decides.
 * Literal lines (`build/`, `/out/x.txt`, `*.log`) are looked up in tables; the others are
 * globs matched in time linear in the path (./globs.ts). Lines longer than `maxGlobLength`
 * match nothing and are counted in `skipped`.
 */
import { Glob, GlobError, maxGlobLength } from './globs';

interface Line {
  /** Its position: the last matching line wins. */
  at: number;
  negate: boolean;
  dirOnly: boolean;
}

interface GlobLine extends Line {
  glob: Glob;
  /** Matched against the last segment only (no `/` in the pattern). */
  base: boolean;
}

const wild = /[*?[\\]/;

export class IgnoreFile {
  /** Name (any depth) → lines. */
  private readonly names = new Map<string, Line[]>();
  /** Path relative to the file's folder → lines. */
  private readonly paths = new Map<string, Line[]>();
  /** `*.ext` suffix (from its first dot) → lines. */
  private readonly suffixes = new Map<string, Line[]>();
  private readonly globs: GlobLine[] = [];
  /** Lines not used: too long, or not a pattern that can be compiled. */
  skipped = 0;

  constructor(text: string) {
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, at) => this.add(raw, at));
  }

  private add(raw: string, at: number): void {
    let p = raw.replace(/(?<!\\)\s+$/, '');
    if (p === '' || p.startsWith('#')) return;
    if (p.length > maxGlobLength) {
      this.skipped++;
      return;
    }
    let negate = false;
    if (p.startsWith('!')) {
      negate = true;
      p = p.slice(1);
    } else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
    let dirOnly = false;
    if (p.endsWith('/') && !p.endsWith('\\/')) {
      dirOnly = true;
      p = p.replace(/\/+$/, '');
    }
    if (p === '') return;
    const anchored = p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const line: Line = { at, negate, dirOnly };
    if (!wild.test(p)) {
      push(anchored ? this.paths : this.names, p, line);
      return;
    }
    if (!anchored && /^\*\.[^*?[\\/]+$/.test(p)) {
      push(this.suffixes, p.slice(1), line);
      return;
    }
    try {
      this.globs.push({ ...line, glob: new Glob(p), base: !anchored });
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      this.skipped++;
    }
  }

  /** Whether `rel` (relative to this file's folder, forward slashes, no trailing `/`) is ignored. */
  ignores(rel: string, isDir: boolean): boolean {
    const slash = rel.lastIndexOf('/');
    const name = rel.slice(slash + 1);
    let best: Line | undefined;
    const consider = (lines: readonly Line[] | undefined): void => {
      if (!lines) return;
      for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i]!;
        if (l.dirOnly && !isDir) continue;
        if (!best || l.at > best.at) best = l;
        break;
      }
    };
    consider(this.names.get(name));
    consider(this.paths.get(rel));
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) consider(this.suffixes.get(name.slice(dot)));
    for (let i = this.globs.length - 1; i >= 0; i--) {
      const g = this.globs[i]!;
      if (best && g.at < best.at) break;
      if (g.dirOnly && !isDir) continue;
      if (g.glob.match(g.base ? name : rel)) {
        best = g;
        break;
      }
    }
    return best !== undefined && !best.negate;
  }
}

function push(map: Map<string, Line[]>, key: string, line: Line): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(line);
}
