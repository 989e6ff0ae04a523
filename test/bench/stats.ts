/** Small helpers of the benchmark: timing, order statistics, a seeded random source. */
import { performance } from 'node:perf_hooks';

/** Milliseconds taken by `f` (sync or async), and its result. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

/** Milliseconds taken by a synchronous `f`. */
export function timeSync(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** The p-th percentile (0..100) by nearest rank; the median is p50. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounded for reports: 2 decimals under 10, 1 under 1000, else whole. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.abs(x) < 10 ? 100 : Math.abs(x) < 1000 ? 10 : 1;
  return Math.round(x * d) / d;
}

/** A seeded PRNG (mulberry32), so every run edits and probes the same places. */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]! };
}

/** Collect garbage when node runs with --expose-gc, so one measurement's garbage is not the next one's pause. */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
