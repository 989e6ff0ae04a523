/**
 * Where the panel first looks: the whole path when it fits at a readable size, else a
 * readable zoom centred on the Service (the subject of the picture), the rest a drag away.
 * Pure, so it is tested under plain node; main.ts applies the result with d3-zoom.
 */

/** Below this the 12 px labels shrink under 9 px: fit would show a picture nobody can read. */
export const READABLE_SCALE = 0.75;
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

/**
 * The first view of a picture: `fitView` when that keeps labels readable; else the
 * readable scale, centred on `focus` (as much of the path around it as fits).
 */
export function initialView(picture: Size, viewport: Size, focus: Rect | undefined): View {
  const fit = fitView(picture, viewport);
  if (fit.k >= READABLE_SCALE || !focus) return fit;
  const k = READABLE_SCALE;
  return { k, x: axis(picture.w, viewport.w, k, focus.x, focus.w), y: axis(picture.h, viewport.h, k, focus.y, focus.h) };
}

/** Whether the whole picture is on screen at a readable size (else the panel says how to see the rest). */
export function fitsReadably(picture: Size, viewport: Size): boolean {
  return fitView(picture, viewport).k >= READABLE_SCALE;
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
