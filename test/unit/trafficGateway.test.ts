/** The traffic path through the Gateway API: load balancer → listener → route, broken routes, mesh routes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import type { TrafficGraph } from '../../server/src/core/model/graph';
import { formatTraceText } from '../../server/src/cli/traceText';
import { indexOf } from './helpers';

const svc =
  'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n';
const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  gatewayClassName: envoy
  listeners:
    - name: https
      port: 443
      protocol: HTTPS
      hostname: "*.example.com"
      tls: {mode: Terminate, certificateRefs: [{name: shop-tls}]}
`;
const route = (parent: string, hostnames = '[shop.example.com]') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [${parent}]
  hostnames: ${hostnames}
  rules:
    - matches: [{path: {type: PathPrefix, value: /api}}]
      backendRefs: [{name: web, port: 80}]
`;

function graph(files: Record<string, string>): TrafficGraph {
  const g = buildTrafficGraph(indexOf(files), { namespace: 'shop', name: 'web' });
  assert.ok(g);
  return g;
}

function path(g: TrafficGraph): string[] {
  const label = new Map(g.nodes.map((n) => [n.id, `${n.kind}(${n.label})`]));
  return g.edges.map(
    (e) =>
      `${label.get(e.from)} -${e.status}${e.label ? ` ${e.label}` : ''}-> ${label.get(e.to)}${e.reason ? ` [${e.rule}: ${e.reason}]` : ''}`,
  );
}

describe('traffic path through a Gateway', () => {
  it('external client → the Gateway → its listener (port, protocol, hostname, TLS) → the route and its match → the Service port', () => {
    const g = graph({ 's.yaml': svc, 'gw.yaml': gw, 'r.yaml': route('{name: public}') });
    const p = path(g);
    assert.ok(p.includes('external-client(External client) -ok *.example.com-> load-balancer(Gateway shop/public)'), p.join('\n'));
    assert.ok(
      p.includes('load-balancer(Gateway shop/public) -ok :443-> gateway-listener(HTTPS :443 *.example.com (TLS terminate))'),
      p.join('\n'),
    );
    assert.ok(
      p.includes(
        'gateway-listener(HTTPS :443 *.example.com (TLS terminate)) -ok shop.example.com-> gateway-route(HTTPRoute web: PathPrefix /api)',
      ),
      p.join('\n'),
    );
    const listener = g.nodes.find((n) => n.kind === 'gateway-listener')!;
    assert.equal(listener.port, 443);
    assert.deepEqual(listener.detail, ['listener https', 'TLS terminate: shop-tls']);
    assert.equal(listener.source?.range.start.line, 6);
    // The CLI's text tree reads in that order.
    assert.match(
      formatTraceText(g),
      /Gateway shop\/public\n\s+└─ \[:443\] HTTPS :443 \*\.example\.com \(TLS terminate\)\n\s+└─ \[shop\.example\.com\] HTTPRoute web: PathPrefix \/api/,
    );
  });

  it('a route no listener accepts is drawn broken, with the reason', () => {
    const p = path(graph({ 's.yaml': svc, 'gw.yaml': gw, 'r.yaml': route('{name: public}', '[shop.example.org]') }));
    assert.ok(
      p.some((e) =>
        e.startsWith(
          'load-balancer(Gateway shop/public) -broken-> gateway-route(HTTPRoute web: PathPrefix /api) [route-not-accepted: Not accepted (NoMatchingListenerHostname): none of the hostnames shop.example.org intersects the listener hostname *.example.com]',
        ),
      ),
      p.join('\n'),
    );
  });

  it('a parentRef to a Gateway that is not there is broken; to one that may be elsewhere, a plain way in', () => {
    const missing = path(graph({ 's.yaml': svc, 'gw.yaml': gw, 'r.yaml': route('{name: pubic}') }));
    assert.ok(
      missing.some((e) =>
        /^external-client\(External client\) -broken via Gateway-> gateway-route.*\[route-parent-not-found: Gateway shop\/pubic does not exist/.test(
          e,
        ),
      ),
      missing.join('\n'),
    );
    const elsewhere = path(graph({ 's.yaml': svc, 'r.yaml': route('{name: edge, namespace: platform}') }));
    assert.ok(
      elsewhere.includes('external-client(External client) -ok via Gateway edge-> gateway-route(HTTPRoute web: PathPrefix /api)'),
      elsewhere.join('\n'),
    );
  });

  it('a mesh route (parentRef to a Service) is a way in from inside the cluster', () => {
    const p = path(graph({ 's.yaml': svc, 'r.yaml': route('{group: "", kind: Service, name: web}', '[]') }));
    assert.ok(
      p.includes('in-cluster-client(Mesh clients of Service shop/web) -ok mesh-> gateway-route(HTTPRoute web: PathPrefix /api)'),
      p.join('\n'),
    );
  });
});
