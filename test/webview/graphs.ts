/**
 * Sample traffic-path graphs for the render and panel tests, written by hand in the shape
 * of docs/cli-and-protocol.md so these tests do not depend on the analysis core.
 */
import type { GraphEdge, GraphNode, GraphSource, TrafficGraph } from '../../server/src/protocol';

const src = (file: string, line: number, character = 2, length = 10): GraphSource => ({
  uri: `file:///work/shop/${file}`,
  range: { start: { line, character }, end: { line, character: character + length } },
});

/**
 * A NodePort Service behind a LoadBalancer, an Ingress with TLS, an HTTPRoute, a DNS
 * reference, two ports and two pod templates; one targetPort that does not resolve
 * (broken), one hop denied by a NetworkPolicy (blocked) and one unknown.
 */
export function sampleGraph(): TrafficGraph {
  const nodes: GraphNode[] = [
    { id: 'client', kind: 'external-client', label: 'External client' },
    { id: 'lb', kind: 'load-balancer', label: 'cloud LB :80, :443', detail: ['externalTrafficPolicy: Local'], source: src('web.yaml', 6) },
    { id: 'np', kind: 'node-port', label: '<NodeIP>:30080 on every node', port: 30080, protocol: 'TCP', source: src('web.yaml', 11) },
    { id: 'np2', kind: 'node-port', label: '<NodeIP>:30443 on every node', port: 30443, protocol: 'TCP', source: src('web.yaml', 16) },
    { id: 'ing', kind: 'ingress', label: 'shop.example.com/ (TLS)', detail: ['TLS: shop-tls'], source: src('ingress.yaml', 9) },
    { id: 'route', kind: 'gateway-route', label: 'HTTPRoute web-route /api', source: src('route.yaml', 12) },
    { id: 'dns', kind: 'dns-reference', label: 'Deployment checkout env WEB_URL', source: src('checkout.yaml', 30) },
    { id: 'svc80', kind: 'cluster-ip', label: 'web.shop.svc.cluster.local:80', port: 80, protocol: 'TCP', source: src('web.yaml', 12) },
    { id: 'svc443', kind: 'cluster-ip', label: 'web.shop.svc.cluster.local:443', port: 443, protocol: 'TCP', source: src('web.yaml', 17) },
    { id: 'pods', kind: 'pod', label: 'Deployment web ×3', port: 8080, detail: ['app=web'], source: src('web-deploy.yaml', 20) },
    { id: 'canary', kind: 'pod', label: 'StatefulSet web-canary ×1', detail: ['app=web, track=canary'], source: src('canary.yaml', 18) },
    { id: 'nginx', kind: 'container', label: 'nginx :8080 (http)', port: 8080, protocol: 'TCP', source: src('web-deploy.yaml', 31) },
    { id: 'sidecar', kind: 'container', label: 'envoy :8443 (https)', port: 8443, protocol: 'TCP', source: src('web-deploy.yaml', 40) },
    { id: 'canary-c', kind: 'container', label: 'nginx :8080 (http)', port: 8080, protocol: 'TCP', source: src('canary.yaml', 27) },
    { id: 'netpol', kind: 'network-policy', label: 'shop/deny-from-other-ns', source: src('netpol.yaml', 4) },
  ];
  const edges: GraphEdge[] = [
    { from: 'client', to: 'lb', status: 'ok' },
    { from: 'client', to: 'ing', status: 'ok', label: 'HTTPS 443' },
    { from: 'client', to: 'route', status: 'unknown', reason: 'Gateway shop-gw is not in the workspace' },
    { from: 'lb', to: 'np', status: 'ok', label: '80' },
    { from: 'lb', to: 'np2', status: 'ok', label: '443' },
    { from: 'np', to: 'svc80', status: 'ok', label: 'kube-proxy' },
    { from: 'np2', to: 'svc443', status: 'ok', label: 'kube-proxy' },
    { from: 'ing', to: 'svc80', status: 'ok', label: 'service port 80' },
    { from: 'route', to: 'svc80', status: 'ok', label: 'backendRef :80' },
    {
      from: 'dns',
      to: 'svc80',
      status: 'blocked',
      policy: 'shop/deny-from-other-ns',
      reason: 'checkout runs in namespace payments; only namespace shop is allowed',
    },
    { from: 'svc80', to: 'pods', status: 'ok', label: 'targetPort 8080' },
    { from: 'svc443', to: 'pods', status: 'ok', label: 'targetPort https → 8443' },
    { from: 'svc80', to: 'canary', status: 'ok', label: 'targetPort 8080' },
    {
      from: 'svc443',
      to: 'canary',
      status: 'broken',
      rule: 'service-target-port-not-found',
      reason: "no container port named 'https' in StatefulSet web-canary",
    },
    { from: 'pods', to: 'nginx', status: 'ok' },
    { from: 'pods', to: 'sidecar', status: 'ok' },
    { from: 'canary', to: 'canary-c', status: 'ok' },
    { from: 'netpol', to: 'pods', status: 'ok', label: 'selects' },
  ];
  return {
    service: { namespace: 'shop', name: 'web', type: 'LoadBalancer', clusterIP: '10.96.12.40' },
    nodes,
    edges,
    diagnostics: [
      {
        rule: 'service-target-port-not-found',
        severity: 'error',
        message: "targetPort 'https' matches no container port of StatefulSet web-canary",
        source: src('web.yaml', 18),
      },
    ],
  };
}

/** The spec's minimal NodePort example with one broken targetPort hop. */
export function brokenGraph(): TrafficGraph {
  return {
    service: { namespace: 'shop', name: 'api', type: 'NodePort', clusterIP: null },
    nodes: [
      { id: 'n1', kind: 'external-client', label: 'External client' },
      { id: 'n2', kind: 'node-port', label: '<NodeIP>:30080 on every node', port: 30080, protocol: 'TCP', source: src('api.yaml', 9) },
      { id: 'n3', kind: 'cluster-ip', label: 'api.shop.svc.cluster.local:80', port: 80, protocol: 'TCP', source: src('api.yaml', 10) },
      { id: 'n4', kind: 'pod', label: 'Deployment api ×2', source: src('api-deploy.yaml', 14) },
      { id: 'n5', kind: 'container', label: 'api :9090 (metrics)', port: 9090, source: src('api-deploy.yaml', 25) },
    ],
    edges: [
      { from: 'n1', to: 'n2', status: 'ok' },
      { from: 'n2', to: 'n3', status: 'ok', label: 'kube-proxy' },
      {
        from: 'n3',
        to: 'n4',
        status: 'broken',
        label: 'targetPort 8080',
        rule: 'service-target-port-not-found',
        reason: 'no container of Deployment api listens on 8080',
      },
      { from: 'n4', to: 'n5', status: 'ok' },
    ],
    diagnostics: [{ rule: 'service-target-port-not-found', severity: 'error', message: 'targetPort 8080 matches no container port' }],
  };
}

/** A Service behind a Gateway: load balancer → listener → route, one route the listener does not accept, and a mesh route. */
export function gatewayGraph(): TrafficGraph {
  return {
    service: { namespace: 'shop', name: 'web', type: 'ClusterIP', clusterIP: null },
    nodes: [
      { id: 'n1', kind: 'external-client', label: 'External client' },
      { id: 'n2', kind: 'load-balancer', label: 'Gateway edge/public', detail: ['class envoy'], source: src('gateway.yaml', 3) },
      {
        id: 'n3',
        kind: 'gateway-listener',
        label: 'HTTPS :443 *.example.com (TLS terminate)',
        port: 443,
        protocol: 'HTTPS',
        detail: ['listener https', 'TLS terminate: public-tls'],
        source: src('gateway.yaml', 9),
      },
      { id: 'n4', kind: 'gateway-route', label: 'HTTPRoute web: PathPrefix /api', source: src('route.yaml', 4) },
      { id: 'n5', kind: 'gateway-route', label: 'HTTPRoute legacy: PathPrefix /old', source: src('legacy.yaml', 4) },
      { id: 'n6', kind: 'in-cluster-client', label: 'Mesh clients of Service shop/web', source: src('mesh.yaml', 7) },
      { id: 'n7', kind: 'gateway-route', label: 'HTTPRoute web-mesh', source: src('mesh.yaml', 4) },
      { id: 'n8', kind: 'cluster-ip', label: 'web.shop.svc.cluster.local:80', port: 80, protocol: 'TCP', source: src('web.yaml', 10) },
      { id: 'n9', kind: 'pod', label: 'Deployment web ×3', source: src('web.yaml', 30) },
    ],
    edges: [
      { from: 'n1', to: 'n2', status: 'ok', label: '*.example.com' },
      { from: 'n2', to: 'n3', status: 'ok', label: ':443' },
      { from: 'n3', to: 'n4', status: 'ok', label: 'shop.example.com' },
      {
        from: 'n2',
        to: 'n5',
        status: 'broken',
        rule: 'route-not-accepted',
        reason:
          'Not accepted (NoMatchingListenerHostname): none of the hostnames old.example.org intersects the listener hostname *.example.com',
      },
      { from: 'n6', to: 'n7', status: 'ok', label: 'mesh' },
      { from: 'n4', to: 'n8', status: 'ok', label: 'port 80' },
      { from: 'n5', to: 'n8', status: 'ok', label: 'port 80' },
      { from: 'n7', to: 'n8', status: 'ok', label: 'port 80' },
      { from: 'n8', to: 'n9', status: 'ok', label: 'targetPort 8080' },
    ],
    diagnostics: [],
  };
}

/** An in-cluster client denied by a NetworkPolicy that selects the pods. */
export function blockedGraph(): TrafficGraph {
  return {
    service: { namespace: 'db', name: 'postgres', type: 'ClusterIP', clusterIP: '10.96.0.53' },
    nodes: [
      { id: 'c', kind: 'in-cluster-client', label: 'Pods in namespace web' },
      { id: 's', kind: 'cluster-ip', label: 'postgres.db.svc.cluster.local:5432', port: 5432, source: src('pg.yaml', 8) },
      { id: 'p', kind: 'pod', label: 'StatefulSet postgres ×1', port: 5432, source: src('pg.yaml', 30) },
      { id: 'k', kind: 'container', label: 'postgres :5432 (pg)', port: 5432, source: src('pg.yaml', 44) },
      { id: 'np', kind: 'network-policy', label: 'db/default-deny', source: src('netpol.yaml', 3) },
    ],
    edges: [
      { from: 'c', to: 's', status: 'ok' },
      { from: 's', to: 'p', status: 'blocked', policy: 'db/default-deny', reason: 'no ingress rule allows namespace web' },
      { from: 'p', to: 'k', status: 'ok' },
      { from: 'np', to: 'p', status: 'ok', label: 'selects' },
    ],
    diagnostics: [],
  };
}

/** A headless Service: DNS returns Pod IPs. */
export function headlessGraph(): TrafficGraph {
  return {
    service: { namespace: 'data', name: 'kafka', type: 'ClusterIP', clusterIP: 'None' },
    nodes: [
      { id: 'd', kind: 'dns-reference', label: 'StatefulSet consumer env BROKERS', source: src('consumer.yaml', 22) },
      { id: 'h', kind: 'headless', label: 'kafka.data.svc.cluster.local:9092', port: 9092, source: src('kafka.yaml', 5) },
      { id: 'p', kind: 'pod', label: 'StatefulSet kafka ×3', port: 9092, source: src('kafka.yaml', 40) },
      { id: 'k', kind: 'container', label: 'kafka :9092 (broker)', port: 9092, source: src('kafka.yaml', 60) },
    ],
    edges: [
      { from: 'd', to: 'h', status: 'ok', label: 'DNS A records' },
      { from: 'h', to: 'p', status: 'ok', label: 'Pod IPs' },
      { from: 'p', to: 'k', status: 'ok' },
    ],
    diagnostics: [],
  };
}

/** An ExternalName Service: a CNAME, nothing behind it in the workspace. */
export function externalNameGraph(): TrafficGraph {
  return {
    service: { namespace: 'shop', name: 'payments', type: 'ExternalName', clusterIP: null },
    nodes: [
      { id: 'c', kind: 'in-cluster-client', label: 'Pods in namespace shop' },
      { id: 'x', kind: 'external-name', label: 'payments → api.stripe.com (CNAME)', source: src('payments.yaml', 6) },
    ],
    edges: [{ from: 'c', to: 'x', status: 'unknown', label: 'DNS CNAME', reason: 'the external host is outside the cluster' }],
    diagnostics: [],
  };
}

/** A stress graph: `pods` pod templates with a container each, `routes` routes, `ports` Service ports. */
export function hugeGraph(pods = 50, routes = 20, ports = 3): TrafficGraph {
  const nodes: GraphNode[] = [{ id: 'client', kind: 'external-client', label: 'External client' }];
  const edges: GraphEdge[] = [];
  for (let p = 0; p < ports; p++) {
    nodes.push({
      id: `svc${p}`,
      kind: 'cluster-ip',
      label: `big.shop.svc.cluster.local:${8000 + p}`,
      port: 8000 + p,
      source: src('big.yaml', 10 + p),
    });
    nodes.push({
      id: `np${p}`,
      kind: 'node-port',
      label: `<NodeIP>:${30000 + p} on every node`,
      port: 30000 + p,
      source: src('big.yaml', 20 + p),
    });
    edges.push({ from: 'client', to: `np${p}`, status: 'ok' }, { from: `np${p}`, to: `svc${p}`, status: 'ok', label: 'kube-proxy' });
  }
  for (let r = 0; r < routes; r++) {
    nodes.push({ id: `route${r}`, kind: 'gateway-route', label: `HTTPRoute r${r} /path/${r}`, source: src('routes.yaml', r * 10) });
    edges.push(
      { from: 'client', to: `route${r}`, status: 'ok' },
      { from: `route${r}`, to: `svc${r % ports}`, status: 'ok', label: `backendRef :${8000 + (r % ports)}` },
    );
  }
  for (let i = 0; i < pods; i++) {
    nodes.push({ id: `pod${i}`, kind: 'pod', label: `Deployment worker-${i} ×2`, port: 9000, source: src(`w${i}.yaml`, 5) });
    nodes.push({ id: `c${i}`, kind: 'container', label: `app :9000 (http)`, port: 9000, source: src(`w${i}.yaml`, 20) });
    edges.push({ from: `pod${i}`, to: `c${i}`, status: 'ok' });
    for (let p = 0; p < ports; p++) {
      const broken = i === 42 && p === 1;
      edges.push(
        broken
          ? { from: `svc${p}`, to: `pod${i}`, status: 'broken', rule: 'service-target-port-not-found', reason: 'no port 9000 on worker-42' }
          : { from: `svc${p}`, to: `pod${i}`, status: 'ok', label: 'targetPort 9000' },
      );
    }
  }
  return { service: { namespace: 'shop', name: 'big', type: 'NodePort', clusterIP: '10.96.1.1' }, nodes, edges, diagnostics: [] };
}

/** Labels that would run as markup if a renderer ever interpreted them. */
export const HOSTILE_LABELS = [
  '<img src=x onerror="window.__pwned=1">',
  '</svg><script>window.__pwned=1</script>',
  'Tom & "Jerry" \'quoted\' <b>bold</b>',
  ']]><!-- <![CDATA[ x',
];

/** Every text field carries hostile markup. */
export function hostileGraph(): TrafficGraph {
  const [img = '', script = '', amp = '', cdata = ''] = HOSTILE_LABELS;
  return {
    service: { namespace: 'evil"ns', name: script, type: amp, clusterIP: img },
    nodes: [
      { id: 'a', kind: 'external-client', label: img, detail: [cdata] },
      { id: 'b" onclick="x', kind: 'cluster-ip', label: script, port: 80, source: src('evil.yaml', 1) },
      { id: 'c', kind: 'pod', label: amp, detail: ['ctrl\u0000char\u0007s and \ud800 lone surrogate'], source: src('evil.yaml', 9) },
    ],
    edges: [
      { from: 'a', to: 'b" onclick="x', status: 'ok', label: img },
      { from: 'b" onclick="x', to: 'c', status: 'broken', rule: '<rule>&', reason: script },
    ],
    diagnostics: [{ rule: '<x>', severity: 'error', message: script }],
  };
}

/**
 * Nodes that read the same: three workloads in different files calling the Service by the
 * same DNS name in the same env variable, two routes of one name in two folders.
 */
export function duplicateLabelGraph(): TrafficGraph {
  const dns = (id: string, file: string): GraphNode => ({
    id,
    kind: 'dns-reference',
    label: 'DNS reference Deployment loadgenerator (env FRONTEND_ADDR frontend.shop.svc.cluster.local:80)',
    source: src(file, 14),
  });
  const nodes: GraphNode[] = [
    dns('dns-a', 'base/loadgen.yaml'),
    dns('dns-b', 'overlays/dev/loadgen.yaml'),
    dns('dns-c', 'overlays/prod/loadgen.yaml'),
    { id: 'route-a', kind: 'gateway-route', label: 'HTTPRoute frontend /', source: src('gw/a/route.yaml', 3) },
    { id: 'route-b', kind: 'gateway-route', label: 'HTTPRoute frontend /', source: src('gw/b/route.yaml', 3) },
    { id: 'svc', kind: 'cluster-ip', label: 'frontend.shop.svc.cluster.local:80', port: 80, source: src('frontend.yaml', 5) },
    { id: 'pods', kind: 'pod', label: 'Deployment frontend ×1', port: 8080, source: src('frontend.yaml', 20) },
    { id: 'c', kind: 'container', label: 'server :8080 (http)', port: 8080, source: src('frontend.yaml', 30) },
  ];
  const edges: GraphEdge[] = [
    ...['dns-a', 'dns-b', 'dns-c', 'route-a', 'route-b'].map((from): GraphEdge => ({ from, to: 'svc', status: 'ok' })),
    { from: 'svc', to: 'pods', status: 'ok', label: 'targetPort 8080' },
    { from: 'pods', to: 'c', status: 'ok' },
  ];
  return { service: { namespace: 'shop', name: 'frontend', type: 'LoadBalancer', clusterIP: '10.96.0.9' }, nodes, edges, diagnostics: [] };
}
