/**
 * The two small algorithms under the layout: ordering items within columns by the
 * barycenter heuristic (few crossings), and placing a column's items as close as possible
 * to where their neighbours want them without overlapping (isotonic regression, "pool
 * adjacent violators"). Pure arithmetic, no knowledge of the graph's meaning.
 */

/** Something stacked in a column: a node box, or a dummy point an edge passes through. */
export interface Item {
  id: string;
  h: number;
  dummy: boolean;
  /** Top coordinate, set by placement. */
  y: number;
}

/** Vertical space between two stacked items: edges passing through may sit closer. */
export function gapBetween(a: Item, b: Item, nodeGap: number, dummyGap: number): number {
  return a.dummy || b.dummy ? dummyGap : nodeGap;
}

/**
 * Tops for `items` (in this order, each at least its height plus gap below the previous)
 * minimising the squared distance to `desiredTop`. Exact, O(n).
 */
export function placeInOrder(heights: readonly number[], gaps: readonly number[], desiredTop: readonly number[]): number[] {
  const n = heights.length;
  const offset: number[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    offset.push(acc);
    acc += (heights[i] ?? 0) + (gaps[i] ?? 0);
  }
  // With z_i = top_i − offset_i the constraints become z non-decreasing: isotonic regression.
  const blocks: { mean: number; count: number }[] = [];
  for (let i = 0; i < n; i++) {
    blocks.push({ mean: (desiredTop[i] ?? 0) - (offset[i] ?? 0), count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.mean <= last.mean) break;
      const count = prev.count + last.count;
      blocks.splice(blocks.length - 2, 2, { mean: (prev.mean * prev.count + last.mean * last.count) / count, count });
    }
  }
  const tops: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.count; k++) tops.push(b.mean + (offset[tops.length] ?? 0));
  return tops;
}

/** Pushes tops down where needed so the first is ≥ `minTop` and none overlap. */
export function clampFromTop(tops: number[], heights: readonly number[], gap: number, minTop: number): number[] {
  let floor = minTop;
  return tops.map((t, i) => {
    const top = Math.max(t, floor);
    floor = top + (heights[i] ?? 0) + gap;
    return top;
  });
}

/**
 * Reorders every column to reduce crossings: items move to the mean relative position of
 * their neighbours in the previous (forward sweep) or next (backward sweep) column.
 */
export function orderColumns(
  columns: Item[][],
  left: ReadonlyMap<string, string[]>,
  right: ReadonlyMap<string, string[]>,
  sweeps = 4,
): void {
  const rel = new Map<string, number>();
  const index = (c: Item[]): void => c.forEach((it, i) => rel.set(it.id, (i + 0.5) / c.length));
  columns.forEach(index);
  const sortBy = (c: Item[], side: ReadonlyMap<string, string[]>): void => {
    const key = new Map<string, number>();
    for (const it of c) {
      const ns = (side.get(it.id) ?? []).map((id) => rel.get(id)).filter((v): v is number => v !== undefined);
      key.set(it.id, ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : (rel.get(it.id) ?? 0));
    }
    const before = new Map(c.map((it, i) => [it.id, i]));
    c.sort((a, b) => (key.get(a.id) ?? 0) - (key.get(b.id) ?? 0) || (before.get(a.id) ?? 0) - (before.get(b.id) ?? 0));
    index(c);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let c = 1; c < columns.length; c++) sortBy(columns[c]!, left);
    for (let c = columns.length - 2; c >= 0; c--) sortBy(columns[c]!, right);
  }
}

/**
 * Vertical positions: start stacked, then repeatedly move each item towards the mean
 * centre of its neighbours (both sides and same-column partners) while keeping order.
 */
export function placeColumns(
  columns: Item[][],
  neighbours: ReadonlyMap<string, string[]>,
  nodeGap: number,
  dummyGap: number,
  rounds = 12,
): void {
  const byId = new Map<string, Item>();
  for (const c of columns) {
    let y = 0;
    c.forEach((it, i) => {
      byId.set(it.id, it);
      it.y = y;
      const next = c[i + 1];
      y += it.h + (next ? gapBetween(it, next, nodeGap, dummyGap) : 0);
    });
  }
  const centre = (it: Item): number => it.y + it.h / 2;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? columns : [...columns].reverse();
    for (const c of order) {
      const desired = c.map((it) => {
        const ns = (neighbours.get(it.id) ?? []).map((id) => byId.get(id)).filter((v): v is Item => !!v);
        const want = ns.length ? ns.reduce((a, n) => a + centre(n), 0) / ns.length : centre(it);
        return want - it.h / 2;
      });
      const gaps = c.map((it, i) => {
        const next = c[i + 1];
        return next ? gapBetween(it, next, nodeGap, dummyGap) : 0;
      });
      const tops = placeInOrder(
        c.map((it) => it.h),
        gaps,
        desired,
      );
      c.forEach((it, i) => (it.y = tops[i] ?? it.y));
    }
  }
}
