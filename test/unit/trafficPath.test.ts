/**
 * The traffic path (cli-and-protocol.md): every hop a finding says is refused must be
 * `broken` with that rule, a hop that depends on what is outside the workspace `unknown`,
 * and a NetworkPolicy that shuts a way in `blocked`, whichever way in it is.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import type { GraphEdge, TrafficGraph } from '../../server/src/core/model/graph';
import { check, indexOf } from './helpers';

function graph(files: Record<string, string>, namespace: string, name: string): TrafficGraph {
  const g = buildTrafficGraph(indexOf(files), { namespace, name });
  assert.ok(g, `no graph for ${namespace}/${name}`);
  return g;
}

/** The edges into nodes of `kind`, from nodes of `fromKind`. */
function edges(g: TrafficGraph, fromKind: string, kind: string): GraphEdge[] {
  const kindOf = new Map(g.nodes.map((n) => [n.id, n.kind]));
  return g.edges.filter((e) => kindOf.get(e.from) === fromKind && kindOf.get(e.to) === kind);
}

const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - {name: http, containerPort: 8080}
            - {name: admin, containerPort: 9000, hostPort: 9000}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;

const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: public, namespace: edge}
spec:
  parentRefs: [{name: gw}]
  rules:
    - backendRefs: [{name: web, namespace: shop, port: 80}]
`;

const grant = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-edge, namespace: shop}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: edge}]
  to: [{group: "", kind: Service}]
`;

describe('traffic path', () => {
  it('a cross-namespace route without a ReferenceGrant is broken, as route-backend-not-permitted says; with one it is ok', () => {
    const files = { 'web.yaml': web, 'route.yaml': route };
    assert.equal(check(files, 'route-backend-not-permitted').length, 1);
    const [e, ...rest] = edges(graph(files, 'shop', 'web'), 'gateway-route', 'cluster-ip');
    assert.equal(rest.length, 0);
    assert.equal(e!.status, 'broken');
    assert.equal(e!.rule, 'route-backend-not-permitted');
    assert.match(e!.reason!, /No ReferenceGrant in namespace shop allows HTTPRoute from namespace edge/);
    const granted = { ...files, 'grant.yaml': grant };
    assert.deepEqual(check(granted, 'route-backend-not-permitted'), []);
    assert.deepEqual(
      edges(graph(granted, 'shop', 'web'), 'gateway-route', 'cluster-ip').map((x) => x.status),
      ['ok'],
    );
  });

  it('a networking.k8s.io/v1 Ingress in the old backend form is broken, as ingress-backend-invalid says; in v1beta1 it is ok', () => {
    const ing = (apiVersion: string): string =>
      `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata: {name: shop, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            backend:\n              serviceName: web\n              servicePort: 80\n`;
    const files = { 'web.yaml': web, 'ing.yaml': ing('networking.k8s.io/v1') };
    assert.equal(check(files, 'ingress-backend-invalid').length, 1);
    const [e] = edges(graph(files, 'shop', 'web'), 'ingress', 'cluster-ip');
    assert.equal(e!.status, 'broken');
    assert.equal(e!.rule, 'ingress-backend-invalid');
    assert.deepEqual(
      edges(graph({ ...files, 'ing.yaml': ing('networking.k8s.io/v1beta1') }, 'shop', 'web'), 'ingress', 'cluster-ip').map((x) => x.status),
      ['ok'],
    );
  });

  it('Pods that come from outside the workspace are unknown, not broken, where service-selector-no-match is silent', () => {
    const svc = (ns: string, sel: string): string =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ${ns}}\nspec:\n  selector: {${sel}}\n  ports: [{port: 80}]\n`;
    const operator = 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: mon}\nspec: {}\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: mon, labels: {app: p}}\nspec:\n  containers: [{name: c, image: c}]\n';
    for (const [files, ns] of [
      [{ 's.yaml': svc('solo', 'app: db') }, 'solo'],
      [{ 's.yaml': svc('mon', 'app.kubernetes.io/instance: k8s'), 'p.yaml': operator, 'pod.yaml': pod }, 'mon'],
    ] as const) {
      assert.deepEqual(check(files, 'service-selector-no-match'), []);
      const [e] = edges(graph(files, ns, 's'), 'cluster-ip', 'pod');
      assert.equal(e!.status, 'unknown');
      assert.equal(e!.rule, undefined);
      assert.match(e!.reason!, /may come from elsewhere/);
    }
    // A real miss next to a template stays broken.
    const miss = { 's.yaml': svc('mon', 'app: q'), 'pod.yaml': pod };
    assert.equal(check(miss, 'service-selector-no-match').length, 1);
    assert.deepEqual(
      edges(graph(miss, 'mon', 's'), 'cluster-ip', 'pod').map((x) => [x.status, x.rule]),
      [['broken', 'service-selector-no-match']],
    );
  });

  it("a hostPort the Pods' NetworkPolicy does not admit is blocked, naming the policy; an admitted one is ok", () => {
    const policy = (ports: string): string =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-http, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - ports: [${ports}]\n`;
    const g = graph({ 'web.yaml': web, 'np.yaml': policy('{port: http}') }, 'shop', 'web');
    const [e] = edges(g, 'host-port', 'pod');
    assert.equal(e!.status, 'blocked');
    assert.equal(e!.policy, 'shop/only-http');
    assert.match(e!.reason!, /NetworkPolicy only-http isolates Deployment web and admits no traffic on port 9000/);
    const pod = e!.to;
    assert.ok(
      g.edges.some((x) => x.to === pod && x.label === 'selects' && x.status === 'blocked'),
      'the policy is drawn selecting the Pod',
    );
    const open = graph({ 'web.yaml': web, 'np.yaml': policy('{port: http}, {port: 9000}') }, 'shop', 'web');
    assert.deepEqual(
      edges(open, 'host-port', 'pod').map((x) => x.status),
      ['ok'],
    );
  });

  it('every node that stands for YAML carries its source, the LoadBalancer too', () => {
    const lb = web.replace('  selector: {app: web}\n  ports:', '  type: LoadBalancer\n  selector: {app: web}\n  ports:');
    const g = graph({ 'web.yaml': lb, 'route.yaml': route, 'grant.yaml': grant }, 'shop', 'web');
    const kinds = new Set(g.nodes.map((n) => n.kind));
    for (const k of ['load-balancer', 'node-port', 'gateway-route', 'cluster-ip', 'pod', 'container', 'host-port'])
      assert.ok(kinds.has(k as never), `no ${k} node`);
    const bare = g.nodes.filter((n) => !n.source).map((n) => n.kind);
    assert.deepEqual(bare.sort(), ['external-client', 'in-cluster-client']);
    const at = g.nodes.find((n) => n.kind === 'load-balancer')!.source!;
    assert.equal(lb.split('\n')[at.range.start.line]!.slice(at.range.start.character, at.range.end.character), 'LoadBalancer');
  });

  it('an Ingress path is drawn as HTTPS only for a host its TLS entries cover', () => {
    const ing = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com, "*.apps.example.com"], secretName: shop-tls}]
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
    - host: web.apps.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
    - host: legacy.example.org
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`;
    const g = graph({ 'web.yaml': web, 'ing.yaml': ing }, 'shop', 'web');
    const ways = edges(g, 'external-client', 'ingress')
      .map((e) => `${g.nodes.find((n) => n.id === e.to)!.label} ${e.label}`)
      .sort();
    assert.deepEqual(ways, [
      'Ingress front: legacy.example.org/ HTTP',
      'Ingress front: shop.example.com/ (TLS) HTTPS',
      'Ingress front: web.apps.example.com/ (TLS) HTTPS',
    ]);
  });
});
