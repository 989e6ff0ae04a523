/** `podpath trace --format text`: the graph as an indented tree readable in a terminal. */
import type { GraphEdge, TrafficGraph } from '../core/model/graph';
import { printable } from './printable';

const mark = { ok: '', broken: '✗ ', blocked: '⛔ ', unknown: '? ' } as const;

export function formatTraceText(g: TrafficGraph): string {
  const out: string[] = [
    `Service ${g.service.namespace}/${g.service.name} (${g.service.type}${g.service.clusterIP === 'None' ? ', headless' : ''})`,
  ];
  // Which apply unit, when the Service is in several (each may reach it differently).
  const others = (g.units ?? []).filter((u) => u !== g.unit);
  if (g.unit !== undefined && others.length)
    out.push(`in unit ${printable(g.unit)} (also in ${others.map(printable).join(', ')}: --unit NAME)`);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Set<string>();
  for (const e of g.edges) {
    outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
    incoming.add(e.to);
  }
  const printed = new Set<string>();
  const walk = (id: string, prefix: string, edge: GraphEdge | undefined, last: boolean, depth: number): void => {
    const n = byId.get(id);
    if (!n) return;
    const branch = depth === 0 ? '' : last ? '└─ ' : '├─ ';
    const via = edge ? `${mark[edge.status]}${edge.label ? `[${edge.label}] ` : ''}` : '';
    const again = printed.has(id) && (outgoing.get(id)?.length ?? 0) > 0;
    out.push(`${prefix}${branch}${via}${n.label}${again ? ' (continues above)' : ''}`);
    const childPrefix = prefix + (depth === 0 ? '' : last ? '   ' : '│  ');
    if (edge && edge.status !== 'ok' && edge.reason)
      out.push(`${childPrefix}   ${edge.status}: ${edge.reason}${edge.rule ? ` [${edge.rule}]` : ''}`);
    if (again) return;
    printed.add(id);
    const kids = outgoing.get(id) ?? [];
    kids.forEach((e, i) => walk(e.to, childPrefix, e, i === kids.length - 1, depth + 1));
  };
  const roots = g.nodes.filter((n) => !incoming.has(n.id));
  for (const r of roots) walk(r.id, '', undefined, true, 0);
  if (g.diagnostics.length) {
    out.push('', 'Findings on this path:');
    for (const d of g.diagnostics) out.push(`  ${d.severity}  ${d.message}  [${d.rule}]`);
  }
  return out.map(printable).join('\n') + '\n';
}
