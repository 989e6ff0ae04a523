/**
 * The words of the picture: what each node kind is called, which column band it sits in,
 * the tooltip that explains each hop, and the text carried on each edge. Kept apart from
 * the geometry so that layout (which measures these strings) and draw (which shows them)
 * cannot disagree.
 */
import type { GraphEdge, GraphNode, TrafficGraph } from '../../../server/src/protocol';
import { oneLine, wrap } from './measure';

/** Column bands, left to right. */
export const BAND_WAYS_IN = 0;
export const BAND_SERVICE = 1;
export const BAND_PODS = 2;
export const BAND_CONTAINERS = 3;
export const BAND_TITLES = ['Ways in', 'Service', 'Pods', 'Containers'] as const;

/** Colour family of a node, named by the CSS class `cat-<name>`. */
export type Category = 'wayin' | 'service' | 'pod' | 'container' | 'policy';

interface KindInfo {
  band: number;
  category: Category;
  caption: string;
  plural: string;
  explain: string;
}

const KINDS: Record<string, KindInfo> = {
  'external-client': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'Client',
    plural: 'clients',
    explain: 'A client outside the cluster.',
  },
  'load-balancer': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'LoadBalancer',
    plural: 'load balancers',
    explain:
      "The load balancer in front of the cluster: provisioned for a Service of type LoadBalancer (it forwards to the nodePort on the nodes), or by a Gateway implementation for a Gateway (it forwards to the Gateway's listeners).",
  },
  'node-port': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'NodePort',
    plural: 'node ports',
    explain: 'A nodePort opens this port on every node of the cluster; kube-proxy on each node forwards it to the Service.',
  },
  ingress: {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'Ingress',
    plural: 'ingress rules',
    explain:
      'An Ingress rule: the ingress controller terminates HTTP (and TLS when a secret is listed) and proxies matching requests to the Service port.',
  },
  'gateway-listener': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'Gateway listener',
    plural: 'Gateway listeners',
    explain:
      'A listener of a Gateway: the port, protocol and hostnames it accepts, and whether it terminates TLS or passes it through. Routes attach to it through their parentRefs.',
  },
  'gateway-route': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'Gateway route',
    plural: 'routes',
    explain: 'A Gateway API route: the Gateway implementation proxies matching requests to the Service port named in backendRefs.',
  },
  'in-cluster-client': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'In-cluster client',
    plural: 'in-cluster clients',
    explain: 'A Pod in the cluster reaching the Service by its DNS name or ClusterIP.',
  },
  'dns-reference': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'DNS reference',
    plural: 'DNS references',
    explain:
      'A workload in the workspace names this Service (env, args or ConfigMap); cluster DNS resolves <service>.<namespace>.svc.cluster.local.',
  },
  'host-port': {
    band: BAND_WAYS_IN,
    category: 'wayin',
    caption: 'hostPort',
    plural: 'host ports',
    explain: 'A hostPort maps a port on the node that runs the Pod straight to the container, bypassing the Service.',
  },
  'cluster-ip': {
    band: BAND_SERVICE,
    category: 'service',
    caption: 'Service · ClusterIP',
    plural: 'Service ports',
    explain:
      'A virtual ClusterIP allocated by the API server. No process listens on it: kube-proxy on every node programs iptables/IPVS rules that send each connection to a ready Pod endpoint.',
  },
  headless: {
    band: BAND_SERVICE,
    category: 'service',
    caption: 'Service · headless',
    plural: 'Service ports',
    explain:
      'A headless Service (clusterIP: None): no virtual IP and no kube-proxy. Cluster DNS returns the Pod IPs themselves, and clients connect to the Pods directly.',
  },
  'external-name': {
    band: BAND_SERVICE,
    category: 'service',
    caption: 'Service · ExternalName',
    plural: 'Service ports',
    explain: 'An ExternalName Service is a DNS CNAME to the external name: no proxying, no selector, and ports are not remapped.',
  },
  pod: {
    band: BAND_PODS,
    category: 'pod',
    caption: 'Pods',
    plural: 'pod templates',
    explain: 'Pods of this template. The Service selects them by label, and traffic goes to the targetPort on each ready Pod IP.',
  },
  'network-policy': {
    band: BAND_PODS,
    category: 'policy',
    caption: 'NetworkPolicy',
    plural: 'NetworkPolicies',
    explain:
      'A NetworkPolicy that selects these Pods. Once any policy selects a Pod for ingress, only the traffic some policy allows gets in.',
  },
  container: {
    band: BAND_CONTAINERS,
    category: 'container',
    caption: 'Container',
    plural: 'containers',
    explain: 'A container port. The process must really listen on it; containerPort itself is informational.',
  },
};

/** Unknown kinds (a newer server) still draw, as ways in with their raw kind as caption. */
function info(kind: string): KindInfo {
  return KINDS[kind] ?? { band: BAND_WAYS_IN, category: 'wayin', caption: kind, plural: `${kind} nodes`, explain: '' };
}

export const bandOf = (kind: string): number => info(kind).band;
export const categoryOf = (kind: string): Category => info(kind).category;
/** The caption; the Service's own node names its type ("Service · LoadBalancer"). */
export const captionOf = (kind: string, serviceType?: string): string =>
  kind === 'cluster-ip' && serviceType && serviceType !== 'ClusterIP' ? `Service · ${serviceType}` : info(kind).caption;
export const pluralOf = (kind: string): string => info(kind).plural;

const LOCAL_POLICY = /externalTrafficPolicy\W*Local/i;

/** The node's tooltip: what it is, what this hop does, and where its YAML lives. */
export function nodeTooltip(node: GraphNode, groupCount?: number): string {
  const k = info(node.kind);
  const lines = [`${k.caption}: ${oneLine(node.label)}`];
  if (node.port !== undefined) lines.push(`Port ${node.port}${node.protocol ? `/${node.protocol}` : ''}`);
  for (const d of node.detail ?? []) lines.push(oneLine(d));
  if (groupCount !== undefined) {
    lines.push(`${groupCount} ${k.plural} collapsed to keep the picture readable; click to expand.`);
  } else if (k.explain) {
    lines.push('', k.explain);
  }
  const text = [node.label, ...(node.detail ?? [])].join(' ');
  if (LOCAL_POLICY.test(text)) {
    lines.push(
      'externalTrafficPolicy: Local keeps the client source IP, and only nodes that run a ready Pod answer: the others fail the load balancer health check.',
    );
  }
  const where = whereOf(node);
  if (where) lines.push('', `${where} (click to open)`);
  return lines.join('\n');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Ports travelled on a hop, "30080 → 80", when both ends know theirs and they differ. */
export function portChain(from: GraphNode | undefined, to: GraphNode | undefined): string {
  if (from?.port === undefined || to?.port === undefined || from.port === to.port) return '';
  return `${from.port} → ${to.port}`;
}

/** One line of an edge label, with its role (styled differently). */
export interface LabelLine {
  text: string;
  role: 'main' | 'status' | 'reason';
}

const MAX_LABEL_CELLS = 28;

/** The text drawn on an edge: its ports/mechanism, then for a non-ok hop the rule/policy and reason. */
export function edgeLabelLines(edge: GraphEdge, from?: GraphNode, to?: GraphNode): LabelLine[] {
  const lines: LabelLine[] = [];
  const label = oneLine(edge.label ?? '');
  // Pod → container: the container's own label names its port; a chain would mislead.
  const chain = from?.kind === 'pod' ? '' : portChain(from, to);
  // A label with digits already names its ports, and the server knows them better.
  const main = [label, /\d/.test(label) ? '' : chain].filter((s) => s !== '').join(' · ');
  if (main) lines.push(...wrap(main, MAX_LABEL_CELLS, 1).map((text) => ({ text, role: 'main' as const })));
  let status = '';
  if (edge.status === 'broken') status = `✗ ${edge.rule ?? 'broken'}`;
  else if (edge.status === 'blocked') status = `⊘ blocked${edge.policy ? ` by ${edge.policy}` : ''}`;
  else if (edge.status === 'unknown') status = '? unknown';
  // Rule ids and policy names must read in full: they are what a reader searches for.
  if (status) lines.push(...wrap(status, 40, 2).map((text) => ({ text, role: 'status' as const })));
  if (edge.status !== 'ok' && edge.reason) {
    lines.push(...wrap(edge.reason, MAX_LABEL_CELLS, 3).map((text) => ({ text, role: 'reason' as const })));
  }
  return lines;
}

const STATUS_EXPLAIN: Record<string, string> = {
  ok: 'This hop resolves in the workspace.',
  broken: 'Broken: this link does not resolve, so traffic stops here.',
  blocked: 'Blocked: a NetworkPolicy denies this traffic.',
  unknown: 'Unknown: this hop depends on something outside the workspace.',
};

/** The edge's tooltip: both ends, the ports, and for a non-ok hop why (rule, policy, reason). */
export function edgeTooltip(edge: GraphEdge, from?: GraphNode, to?: GraphNode, merged = 1): string {
  const lines = [`${oneLine(from?.label ?? edge.from)} → ${oneLine(to?.label ?? edge.to)}`];
  if (edge.label) lines.push(oneLine(edge.label));
  const chain = portChain(from, to);
  if (chain) lines.push(`Ports: ${chain}`);
  if (merged > 1) lines.push(`${merged} links drawn as one.`);
  lines.push(STATUS_EXPLAIN[edge.status] ?? edge.status);
  if (edge.policy) lines.push(`NetworkPolicy: ${edge.policy}`);
  if (edge.rule) lines.push(`Rule: ${edge.rule}`);
  if (edge.reason) lines.push(`Reason: ${oneLine(edge.reason)}`);
  return lines.join('\n');
}

/** Title line above the picture: "Service shop/web". */
export function graphTitle(graph: TrafficGraph): string {
  return `Service ${graph.service.namespace}/${graph.service.name}`;
}

/** Subtitle: type and ClusterIP. */
export function graphSubtitle(graph: TrafficGraph): string {
  const parts = [graph.service.type];
  if (graph.service.clusterIP) parts.push(`ClusterIP ${graph.service.clusterIP}`);
  return parts.join(' · ');
}

/** "shop/web.yaml:12": the last two path segments of the node's YAML and its line. */
export function whereOf(n: { source?: GraphNode['source']; group?: unknown }): string | undefined {
  const src = n.group ? undefined : n.source;
  if (!src) return undefined;
  const path = src.uri
    .replace(/^[a-z][a-z0-9+.-]*:\/*/i, '')
    .split('/')
    .filter((p) => p !== '');
  const tail = path.slice(-2).map(decodeURIComponentSafe).join('/');
  return `${tail}:${src.range.start.line + 1}`;
}
