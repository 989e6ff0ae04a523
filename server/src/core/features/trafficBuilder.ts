/** The traffic graph under construction: nodes made once per key, edges once per pair. */
import type { EdgeStatus, GraphEdge, GraphNode, GraphNodeKind, GraphSource } from '../model/graph';
import { rangeOf } from '../model/positions';
import { realPlace, type Resource } from '../model/resource';
import type { Span } from '../model/ytree';

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly byKey = new Map<string, string>();

  /** A node, made once per key. */
  node(key: string, kind: GraphNodeKind, label: string, extra: Partial<GraphNode> = {}): string {
    const have = this.byKey.get(key);
    if (have) return have;
    const id = `n${this.nodes.length + 1}`;
    this.byKey.set(key, id);
    this.nodes.push({ id, kind, label, ...extra });
    return id;
  }

  edge(from: string, to: string, status: EdgeStatus, extra: Partial<GraphEdge> = {}): void {
    if (this.edges.some((e) => e.from === from && e.to === to)) return;
    this.edges.push({ from, to, status, ...extra });
  }
}

export function source(r: Resource, span: Span): GraphSource {
  // A built object's place is in the file its value came from (core/units/built.ts).
  const at = realPlace(r.file, span);
  return { uri: at.file.uri, range: rangeOf(at.file, at.span) };
}
