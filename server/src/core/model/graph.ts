/**
 * The traffic-path graph of docs/cli-and-protocol.md. The server, the CLI
 * (`trace --format json|svg`) and the webview all speak this shape; it is plain JSON.
 */

/** A 0-based position, LSP convention. */
export interface Position {
  line: number;
  character: number;
}

/** A 0-based half-open range, LSP convention. */
export interface Range {
  start: Position;
  end: Position;
}

/** Where a node's YAML lives, so a click can reveal it. */
export interface GraphSource {
  uri: string;
  range: Range;
}

/** Every kind of node the path can hold; renderers group them into columns by kind. */
export type GraphNodeKind =
  | 'external-client'
  | 'load-balancer'
  | 'node-port'
  | 'ingress'
  | 'gateway-listener'
  | 'gateway-route'
  | 'in-cluster-client'
  | 'dns-reference'
  | 'cluster-ip'
  | 'headless'
  | 'external-name'
  | 'pod'
  | 'container'
  | 'host-port'
  | 'network-policy';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** Plain text. Renderers must never interpret it as markup. */
  label: string;
  port?: number;
  protocol?: string;
  /** Extra plain-text lines shown under the label or in the tooltip (e.g. "TLS: shop-tls"). */
  detail?: string[];
  source?: GraphSource;
}

export type EdgeStatus = 'ok' | 'broken' | 'blocked' | 'unknown';

export interface GraphEdge {
  from: string;
  to: string;
  status: EdgeStatus;
  /** Ports or mechanism on the hop, e.g. "30080 → 80 → 8080" or "kube-proxy". */
  label?: string;
  /** For broken/blocked/unknown: why, for a person. */
  reason?: string;
  /** For broken edges: the rule id that reports it. */
  rule?: string;
  /** For blocked edges: the NetworkPolicy (namespace/name) that denies it. */
  policy?: string;
}

export interface GraphDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: GraphSource;
}

export interface TrafficGraph {
  service: {
    namespace: string;
    name: string;
    type: string;
    clusterIP: string | null;
  };
  nodes: GraphNode[];
  edges: GraphEdge[];
  diagnostics: GraphDiagnostic[];
  /** When the workspace has several apply units: the one this path is in… */
  unit?: string;
  /** …and every unit the Service is in (ask for another with the `unit` parameter). */
  units?: string[];
}
