/**
 * The boxes of the picture before they are placed: which layer each node sits in, and
 * how large its box and each edge label are (from the text they carry, see measure.ts).
 */
import type { ViewEdge, ViewNode } from './collapse';
import { BAND_WAYS_IN, bandOf, captionOf, type LabelLine } from './explain';
import type { EdgeLabel, LayoutNode } from './layout';
import { METRICS as M } from './metrics';
import { MONO_EM, SANS_EM, oneLine, textWidth, truncate, wrapAll } from './measure';

/** Column per node: ways in right-aligned by how many ways-in hops remain before the Service. */
export function assignColumns(nodes: ViewNode[], edges: ViewEdge[]): Map<string, number> {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const isWayIn = (id: string): boolean => bandOf(kindOf.get(id) ?? '') === BAND_WAYS_IN;
  const memo = new Map<string, number>();
  const height = (id: string, seen: Set<string>): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    seen.add(id);
    let h = 0;
    for (const e of edges) {
      if (e.from === id && isWayIn(e.to) && !seen.has(e.to)) h = Math.max(h, height(e.to, seen) + 1);
    }
    seen.delete(id);
    memo.set(id, h);
    return h;
  };
  const raw = new Map<string, number>();
  const waysIn = nodes.filter((n) => isWayIn(n.id));
  const width = waysIn.length ? Math.max(...waysIn.map((n) => height(n.id, new Set()))) + 1 : 0;
  for (const n of nodes) raw.set(n.id, isWayIn(n.id) ? width - 1 - height(n.id, new Set()) : width + bandOf(n.kind) - 1);
  const used = [...new Set(raw.values())].sort((a, b) => a - b);
  return new Map([...raw].map(([id, c]) => [id, used.indexOf(c)]));
}

export function measureNode(n: ViewNode, column: number, serviceType: string, where: string | undefined, distinct: boolean): LayoutNode {
  const caption = captionOf(n.kind, serviceType) + (n.group ? ' · collapsed' : '');
  const label = oneLine(n.label);
  const labelLines = wrapAll(label, M.maxLabelCells, M.maxLabelLines);
  const all = (n.detail ?? []).map(oneLine).filter((d) => d !== '');
  const details = all.length > 2 ? [all[0] ?? '', `+${all.length - 1} more (see tooltip)`] : all;
  const shown = details.map((d) => truncate(d, M.maxDetailCells));
  // Two nodes that would read the same say where each comes from.
  if (!distinct && where) shown.push(truncate(where, M.maxDetailCells));
  const inner = Math.max(
    textWidth(caption, M.captionSize, SANS_EM + 0.06),
    ...labelLines.map((l) => textWidth(l, M.labelSize, MONO_EM)),
    ...shown.map((d) => textWidth(d, M.detailSize, MONO_EM)),
  );
  const w = Math.max(M.minNodeW, M.padX + M.stripe + inner + M.padX);
  const h = M.padY + M.captionLine + M.labelLine * labelLines.length + M.detailLine * shown.length + M.padY - 2;
  const box: LayoutNode = {
    id: n.id,
    kind: n.kind,
    node: n,
    caption,
    label,
    labelLines,
    details: shown,
    column,
    band: bandOf(n.kind),
    x: 0,
    y: 0,
    w,
    h,
  };
  if (where) box.where = where;
  return box;
}

/** An edge label's box in layer coordinates (`tb` swaps its extents, see the file comment). */
export function labelBox(lines: LabelLine[], tb: boolean): EdgeLabel {
  const w = Math.max(...lines.map((l) => textWidth(l.text, M.edgeLabelSize, MONO_EM))) + 2 * M.edgeLabelPadX;
  const h = lines.length * M.edgeLabelLine + 2 * M.edgeLabelPadY;
  return { lines, x: 0, y: 0, w: tb ? h : w, h: tb ? w : h, shared: 1 };
}
