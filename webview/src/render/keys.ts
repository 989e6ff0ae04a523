/**
 * Keyboard walking of the picture: an arrow key moves to the node that way, preferring
 * the nodes connected to this one (so Right follows the traffic in a left-to-right
 * picture, Down in a top-to-bottom one). Pure, tested under plain node.
 */
import type { Layout } from './layout';

export type Arrow = 'left' | 'right' | 'up' | 'down';

const centre = (b: { x: number; y: number; w: number; h: number }): { x: number; y: number } => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** The id of the node to move to from `id` with `arrow`, or undefined at the edge. */
export function neighbourInDirection(layout: Layout, id: string, arrow: Arrow): string | undefined {
  const from = layout.nodes.find((n) => n.id === id);
  if (!from) return undefined;
  const c = centre(from);
  const linked = new Set<string>();
  for (const e of layout.edges) {
    if (e.from === id) linked.add(e.to);
    if (e.to === id) linked.add(e.from);
  }
  const along = (dx: number, dy: number): number => (arrow === 'left' ? -dx : arrow === 'right' ? dx : arrow === 'up' ? -dy : dy);
  const across = (dx: number, dy: number): number => (arrow === 'left' || arrow === 'right' ? Math.abs(dy) : Math.abs(dx));
  let best: { id: string; score: number } | undefined;
  for (const n of layout.nodes) {
    if (n.id === id) continue;
    const p = centre(n);
    const dx = p.x - c.x;
    const dy = p.y - c.y;
    const a = along(dx, dy);
    if (a <= 1) continue;
    // Connected nodes first; then the nearest, counting sideways distance double.
    const score = (linked.has(n.id) ? 0 : 1e9) + a + 2 * across(dx, dy);
    if (!best || score < best.score) best = { id: n.id, score };
  }
  return best?.id;
}
