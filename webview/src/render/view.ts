/**
 * Where the panel looks: the whole path when it fits at a readable size, else a readable
 * zoom centred on what matters (the broken or blocked hops, else the Service), the rest a
 * drag away — the panel never shrinks the picture below READABLE_SCALE by itself. Which way
 * the layers run (left to right or top to bottom) is chosen here too, for the panel's shape.
 * Pure, so it is tested under plain node; main.ts applies the result with d3-zoom.
 */

/** Node labels are 12 px: below this scale they would be under 11 px on screen. */
export const READABLE_SCALE = 11 / 12;
/** Space kept free around the picture, in screen px. */
const PAD = 8;

export interface Size {
  w: number;
  h: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A d3-zoom transform: screen = picture × k + (x, y). */
export interface View {
  k: number;
  x: number;
  y: number;
}

/** The whole picture, scaled down to the viewport (never above 100%) and centred. */
export function fitView(picture: Size, viewport: Size): View {
  const k = Math.max(0.05, Math.min(1, (viewport.w - 2 * PAD) / picture.w, (viewport.h - 2 * PAD) / picture.h));
  return { k, x: (viewport.w - picture.w * k) / 2, y: Math.max(PAD, (viewport.h - picture.h * k) / 2) };
}

/** One axis: centre `focus` in `view`, but never show blank space beyond the picture's ends. */
function axis(picture: number, view: number, k: number, focusStart: number, focusLen: number): number {
  if (picture * k + 2 * PAD <= view) return (view - picture * k) / 2;
  const centred = view / 2 - (focusStart + focusLen / 2) * k;
  return Math.min(PAD, Math.max(view - PAD - picture * k, centred));
}

/** `picture` at scale `k`, centred on `focus` (the picture's centre when there is none). */
export function viewAt(k: number, picture: Size, viewport: Size, focus: Rect | undefined): View {
  const f = focus ?? { x: 0, y: 0, w: picture.w, h: picture.h };
  return { k, x: axis(picture.w, viewport.w, k, f.x, f.w), y: axis(picture.h, viewport.h, k, f.y, f.h) };
}

/**
 * The view the panel chooses (on open, Fit, resize and expand): `fitView` when that keeps
 * labels readable; else the readable scale, centred on `focus`.
 */
export function initialView(picture: Size, viewport: Size, focus: Rect | undefined): View {
  const fit = fitView(picture, viewport);
  if (fit.k >= READABLE_SCALE) return fit;
  return viewAt(READABLE_SCALE, picture, viewport, focus);
}

/** Whether the whole picture is on screen at a readable size (else the panel says how to see the rest). */
export function fitsReadably(picture: Size, viewport: Size): boolean {
  return fitView(picture, viewport).k >= READABLE_SCALE;
}

/**
 * Left to right for a wide panel, top to bottom for a tall or narrow one — unless only the
 * other way shows the whole path readably (or, when neither does, shows it much larger).
 */
export function chooseDirection(lr: Size, tb: Size, viewport: Size): 'lr' | 'tb' {
  const a = fitView(lr, viewport).k;
  const b = fitView(tb, viewport).k;
  const tall = viewport.h > viewport.w || viewport.w < 640;
  if (tall) return a >= READABLE_SCALE && b < READABLE_SCALE ? 'lr' : 'tb';
  if (a >= READABLE_SCALE) return 'lr';
  return b >= READABLE_SCALE || b > a * 1.25 ? 'tb' : 'lr';
}

/** How many of `boxes` are not wholly on screen under `view`. */
export function hiddenCount(boxes: readonly Rect[], view: View, viewport: Size): number {
  let n = 0;
  for (const r of boxes) {
    const x0 = r.x * view.k + view.x;
    const y0 = r.y * view.k + view.y;
    if (x0 < -0.5 || y0 < -0.5 || x0 + r.w * view.k > viewport.w + 0.5 || y0 + r.h * view.k > viewport.h + 0.5) n++;
  }
  return n;
}

/** The smallest rectangle holding every box (undefined for none). */
export function unionOf(boxes: readonly Rect[]): Rect | undefined {
  if (!boxes.length) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
