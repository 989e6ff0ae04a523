/**
 * Edge-label placement. A label sits beside its target box, where a reader looks for
 * "which port do I arrive on", on the curve that carries it; labels sharing a gap are
 * then nudged apart vertically so none overlaps another.
 */
import { clampFromTop, placeInOrder } from './place';

export interface Point {
  x: number;
  y: number;
}

/**
 * The y of the horizontal-tangent cubic from `a` to `b` (as drawn by layout.ts) at `x`.
 * x(t) and y(t) are both monotone, so bisection on t is exact enough.
 */
export function curveYAt(a: Point, b: Point, x: number): number {
  if (Math.abs(b.x - a.x) < 1e-6) return (a.y + b.y) / 2;
  const fx = Math.min(1, Math.max(0, (x - a.x) / (b.x - a.x)));
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const t = (lo + hi) / 2;
    // Control points at the x midpoint give x(t) = 1.5t − 1.5t² + t³ (as a fraction).
    if (1.5 * t - 1.5 * t * t + t * t * t < fx) lo = t;
    else hi = t;
  }
  const t = (lo + hi) / 2;
  return a.y + (b.y - a.y) * (3 * t * t - 2 * t * t * t);
}

/** A label to place: its size, the gap it lives in, and where it would like its centre. */
export interface LabelSlot {
  gap: number;
  x: number;
  w: number;
  h: number;
  wantY: number;
  /** Set by placeLabels: the top. */
  y: number;
}

/**
 * Per gap, keeps labels in the order of their wanted heights and as close to them as
 * possible without overlapping one another or rising above `minTop`.
 */
export function placeLabels(slots: LabelSlot[], gapBetween: number, minTop: number): void {
  const gaps = new Set(slots.map((s) => s.gap));
  for (const g of gaps) {
    const inGap = slots.filter((s) => s.gap === g).sort((p, q) => p.wantY - q.wantY);
    const hs = inGap.map((s) => s.h);
    const tops = clampFromTop(
      placeInOrder(
        hs,
        hs.map(() => gapBetween),
        inGap.map((s) => s.wantY - s.h / 2),
      ),
      hs,
      gapBetween,
      minTop,
    );
    inGap.forEach((s, i) => (s.y = tops[i] ?? s.wantY));
  }
}
