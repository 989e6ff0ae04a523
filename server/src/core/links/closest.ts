/**
 * Closest-name suggestions ("did you mean"), by edit distance, with a cost bounded by the
 * input: a name is compared with at most `maxCompared` candidates, picked from an index of
 * the candidates' trigrams and lengths (only names that can be close), and each comparison
 * costs at most length × (2 × edits + 1) steps.
 */

/** The two rows of the table, shared by every call (it runs synchronously) and grown as needed. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. Only the band of
 * the table within `max` of its diagonal is computed (two rows, reused).
 */
export function editDistance(a: string, b: string, max = 64): number {
  const big = max + 1;
  if (Math.abs(a.length - b.length) > max) return big;
  const n = b.length;
  if (rowA.length <= n + 1) {
    rowA = new Int32Array(n + 2);
    rowB = new Int32Array(n + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : big;
  prev[n + 1] = big;
  for (let i = 1; i <= a.length; i++) {
    const c = a.charCodeAt(i - 1);
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : big;
    let rowMin = cur[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1));
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, big);
}

/** Candidates compared with a name at the most (edit distance and containment). */
export const maxCompared = 48;
/** Index entries read for one name at the most (the postings of its trigrams, rarest first). */
const maxPostings = 4096;
/** Edits a suggestion may be away at the most, whatever the name's length. */
const maxEdits = 10;

/** What one search did, for tests that count work instead of timing it. */
export interface ClosestStats {
  /** Candidates whose distance was computed. */
  compared: number;
}

/** Edits allowed for a name: a third of its length, at least 2, at most `maxEdits`. */
function editsFor(name: string): number {
  return Math.min(maxEdits, Math.max(2, Math.floor(name.length / 3)));
}

/** Whether `c` is a suggestion for `name`, and how far: edit distance, or containment (both ≥ 3 characters). */
function score(name: string, c: string, max: number): number | undefined {
  const d = editDistance(name, c, max);
  if (d <= max || (Math.min(name.length, c.length) >= 3 && (c.includes(name) || name.includes(c)))) return d;
  return undefined;
}

function best(name: string, candidates: Iterable<string>, limit: number, stats?: ClosestStats): string[] {
  const max = editsFor(name);
  const scored: [string, number][] = [];
  const before = (x: [string, number], y: [string, number]): number => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  for (const c of candidates) {
    if (c === name) continue;
    if (stats) stats.compared++;
    // Once `limit` are found, a farther candidate cannot enter: the distance is computed only up to the last one's.
    const bound = scored.length >= limit ? Math.min(max, scored[limit - 1]![1]) : max;
    const d = score(name, c, bound);
    if (d === undefined) continue;
    scored.push([c, d]);
    scored.sort(before);
    if (scored.length > limit) scored.length = limit;
  }
  return scored.map(([c]) => c);
}

function trigrams(s: string): Set<string> {
  const p = `\u0001${s}\u0002`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  return out;
}

/**
 * The candidates of one set (say, the Services of a namespace), indexed once: by trigram and
 * by length. A search compares a name with the `maxCompared` candidates sharing the most
 * trigrams with it, then, while there is room, with those nearest its length.
 */
export class NameIndex {
  private readonly names: string[];
  private readonly grams = new Map<string, number[]>();
  private readonly byLength = new Map<number, number[]>();

  /** The index of these names: `stale` when it holds the same ones (an edit that renamed nothing), else a new one. */
  static over(candidates: Iterable<string>, stale?: NameIndex): NameIndex {
    const names = [...new Set(candidates)].sort();
    return stale && stale.names.length === names.length && stale.names.every((n, i) => n === names[i]) ? stale : new NameIndex(names);
  }

  constructor(candidates: Iterable<string>) {
    this.names = [...new Set(candidates)].sort();
    this.names.forEach((n, id) => {
      for (const g of trigrams(n)) {
        let list = this.grams.get(g);
        if (!list) this.grams.set(g, (list = []));
        list.push(id);
      }
      let same = this.byLength.get(n.length);
      if (!same) this.byLength.set(n.length, (same = []));
      same.push(id);
    });
  }

  get size(): number {
    return this.names.length;
  }

  /** The candidates closest to `name`, best first (see `closestNames`). */
  closest(name: string, limit = 3, stats?: ClosestStats): string[] {
    if (this.names.length <= maxCompared) return best(name, this.names, limit, stats);
    const max = editsFor(name);
    const shared = new Map<number, number>();
    const lists = [...trigrams(name)].map((g) => this.grams.get(g)).filter((l): l is number[] => l !== undefined);
    lists.sort((a, b) => a.length - b.length);
    let budget = maxPostings;
    for (const list of lists) {
      for (let i = 0; i < list.length && budget > 0; i++, budget--) shared.set(list[i]!, (shared.get(list[i]!) ?? 0) + 1);
      if (budget === 0) break;
    }
    // Those that can be close: the length within the edits, or short enough to be contained.
    const possible = [...shared].filter(([id]) => {
      const len = this.names[id]!.length;
      return Math.abs(len - name.length) <= max || (Math.min(len, name.length) >= 3 && len !== name.length);
    });
    possible.sort(
      (x, y) =>
        y[1] - x[1] || Math.abs(this.names[x[0]]!.length - name.length) - Math.abs(this.names[y[0]]!.length - name.length) || x[0] - y[0],
    );
    const picked = new Set(possible.slice(0, maxCompared).map(([id]) => id));
    // Room left: names of about the same length, nearest first (typos that share no trigram).
    for (let d = 0; d <= max && picked.size < maxCompared; d++) {
      for (const len of d === 0 ? [name.length] : [name.length - d, name.length + d]) {
        for (const id of this.byLength.get(len) ?? []) {
          if (picked.size >= maxCompared) break;
          picked.add(id);
        }
      }
    }
    return best(
      name,
      [...picked].map((id) => this.names[id]!),
      limit,
      stats,
    );
  }
}

/**
 * The candidates closest to `name`, best first: those within a third of the name's length
 * (at least 2 edits, at most 10), or containing it / contained in it (both at least 3
 * characters long, so that `ad` is no suggestion for `rayllm-head-svc`). Compares at most
 * `maxCompared` candidates; callers that ask often about one set keep a `NameIndex`.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3, stats?: ClosestStats): string[] {
  const names = [...new Set(candidates)].sort();
  // Few enough to compare them all (a label's one other value, a template's port names): no trigram index to make.
  if (names.length <= maxCompared) return best(name, names, limit, stats);
  return new NameIndex(names).closest(name, limit, stats);
}
