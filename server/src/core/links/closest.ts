/** Closest-name suggestions ("did you mean"), by edit distance. */

/** The two rows of the table, shared by every call (it runs synchronously) and grown as needed. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. Two rows of the table, reused. */
export function editDistance(a: string, b: string, max = 64): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const c = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/**
 * The candidates closest to `name`, best first: those within a third of the name's length
 * (at least 2 edits), or containing it / contained in it (both at least 3 characters long,
 * so that `ad` is no suggestion for `rayllm-head-svc`).
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name, c, max);
    if (d <= max || (Math.min(name.length, c.length) >= 3 && (c.includes(name) || name.includes(c)))) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([c]) => c);
}
