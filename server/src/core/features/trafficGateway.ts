/**
 * The first hops of the traffic path through the Gateway API: external client → the Gateway
 * (its load balancer) → the listener (`:443 HTTPS *.example.com`, TLS terminate or
 * passthrough) → the route. A parentRef no listener accepts is drawn broken with the reason;
 * a mesh route (parentRef to a Service) is a way in from inside the cluster.
 */
import type { Lookup } from '../index/lookup';
import { attach, describeListener, effectiveHostnames } from '../links/gateways';
import type { EdgeStatus, GraphEdge, GraphNode, GraphNodeKind, GraphSource } from '../model/graph';
import { rangeOf } from '../model/positions';
import { realPlace, type Resource } from '../model/resource';
import type { Span } from '../model/ytree';

/** What the traffic-path builder offers: nodes made once per key, edges made once per pair. */
export interface GraphSink {
  node(key: string, kind: GraphNodeKind, label: string, extra?: Partial<GraphNode>): string;
  edge(from: string, to: string, status: EdgeStatus, extra?: Partial<GraphEdge>): void;
}

function source(r: Resource, span: Span): GraphSource {
  // A built object's place is in the file its value came from (core/units/built.ts).
  const at = realPlace(r.file, span);
  return { uri: at.file.uri, range: rangeOf(at.file, at.span) };
}

/** Draw the ways into a route node: through the Gateways and listeners it attaches to, or why not. */
export function addGatewayWaysIn(g: GraphSink, lookup: Lookup, route: Resource, routeNode: string, external: () => string): void {
  const refs = route.route?.parentRefs ?? [];
  if (refs.length === 0) {
    g.edge(external(), routeNode, 'unknown', {
      label: 'via Gateway',
      reason: `${route.kind} ${route.name} has no parentRefs: no Gateway serves it`,
    });
    return;
  }
  for (const ref of refs) {
    const a = attach(lookup, route, ref);
    const refSpan = (ref.nameAt ?? ref).span;
    switch (a.state) {
      case 'accepted': {
        for (const x of a.listeners) {
          const gw = x.owner;
          const lb = g.node(`gw:${gw.id}`, 'load-balancer', `${gw.kind} ${gw.namespace}/${gw.name}`, {
            detail: gw.gateway?.className ? [`class ${gw.gateway.className.value}`] : [],
            source: source(gw, gw.nameSpan),
          });
          const l = x.listener;
          const hosts = effectiveHostnames(l, route.route?.hostnames ?? []);
          const tls = l.tlsMode
            ? [
                `TLS ${l.tlsMode.toLowerCase()}${l.certificateRefs.length ? `: ${l.certificateRefs.map((c) => c.name.value).join(', ')}` : ''}`,
              ]
            : [];
          const ln = g.node(`gwl:${gw.id}:${l.name.value}`, 'gateway-listener', describeListener(l), {
            port: l.port?.value,
            protocol: l.protocol?.value,
            detail: [`listener ${l.name.value}`, ...tls],
            source: source(gw, l.name.span),
          });
          g.edge(external(), lb, 'ok', { label: l.hostname?.value ?? undefined });
          g.edge(lb, ln, 'ok', { label: `:${l.port?.value ?? '?'}` });
          g.edge(ln, routeNode, 'ok', { label: hosts.join(', ') });
        }
        break;
      }
      case 'rejected': {
        const gw = a.parent;
        const lb = g.node(`gw:${gw.id}`, 'load-balancer', `${gw.kind} ${gw.namespace}/${gw.name}`, {
          detail: gw.gateway?.className ? [`class ${gw.gateway.className.value}`] : [],
          source: source(gw, gw.nameSpan),
        });
        g.edge(external(), lb, 'ok');
        g.edge(lb, routeNode, 'broken', { reason: `Not accepted (${a.reason}): ${a.why}`, rule: 'route-not-accepted' });
        break;
      }
      case 'missing':
        g.edge(external(), routeNode, 'broken', {
          label: 'via Gateway',
          reason: `${a.kind} ${a.namespace}/${a.name} does not exist: the route attaches to nothing`,
          rule: 'route-parent-not-found',
        });
        break;
      case 'mesh': {
        const mesh = g.node(`mesh:${a.namespace}/${a.name}`, 'in-cluster-client', `Mesh clients of Service ${a.namespace}/${a.name}`, {
          detail: ['GAMMA: the mesh applies this route to in-cluster traffic sent to that Service'],
          source: source(route, refSpan),
        });
        g.edge(mesh, routeNode, 'ok', { label: 'mesh' });
        break;
      }
      case 'unknown':
        g.edge(external(), routeNode, 'ok', { label: `via ${ref.kind} ${ref.name}` });
        break;
    }
  }
}
