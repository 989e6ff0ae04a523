/**
 * The traffic path's known clients (a workload that names the Service by DNS) under the
 * NetworkPolicies of the Pods behind it: each way in is allowed, blocked (naming the
 * policy) or unknown, decided from the client's own namespace and Pod labels.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import type { GraphEdge } from '../../server/src/core/model/graph';
import { indexOf } from './helpers';

const db = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432, targetPort: pg}]
`;

/** Ingress to db only from Pods labelled role=api in namespaces labelled team=shop. */
const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-api, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: shop}}
          podSelector: {matchLabels: {role: api}}
      ports: [{port: pg}]
`;

const ns = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {${labels}}}\n`;

const client = (name: string, namespace: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {${labels}}}
  template:
    metadata: {labels: {${labels}}}
    spec:
      containers:
        - name: c
          image: c
          env: [{name: DB, value: "db.data.svc.cluster.local:5432"}]
`;

/** The edge from the DNS reference of workload `name` to the Service. */
function clientEdge(files: Record<string, string>, name: string): GraphEdge {
  const g = buildTrafficGraph(indexOf(files), { namespace: 'data', name: 'db' });
  assert.ok(g);
  const node = g.nodes.find((n) => n.kind === 'dns-reference' && n.label.startsWith(`Deployment ${name} `));
  assert.ok(node, `no DNS reference from ${name}: ${g.nodes.map((n) => n.label).join(' | ')}`);
  const e = g.edges.find((x) => x.from === node.id);
  assert.ok(e);
  return e;
}

describe('traffic path: known clients under NetworkPolicies', () => {
  const base = { 'db.yaml': db, 'policy.yaml': policy, 'ns.yaml': `${ns('shop', 'team: shop')}---\n${ns('tools', 'team: ops')}` };

  it('a client the policy admits is ok', () => {
    const e = clientEdge({ ...base, 'api.yaml': client('api', 'shop', 'role: api') }, 'api');
    assert.equal(e.status, 'ok');
  });

  it('a client from a namespace the policy does not select is blocked, naming the policy', () => {
    const e = clientEdge({ ...base, 'job.yaml': client('report', 'tools', 'role: api') }, 'report');
    assert.equal(e.status, 'blocked');
    assert.equal(e.policy, 'data/db-from-api');
    assert.match(e.reason ?? '', /NetworkPolicy db-from-api admits no traffic from Deployment report \(namespace tools\) on port pg/);
  });

  it('a client in an admitted namespace without the Pod label is blocked', () => {
    assert.equal(clientEdge({ ...base, 'web.yaml': client('web', 'shop', 'role: web') }, 'web').status, 'blocked');
  });

  it('a namespace the workspace does not declare leaves the answer unknown (its labels are not known)', () => {
    const files = { 'db.yaml': db, 'policy.yaml': policy, 'api.yaml': client('api', 'shop', 'role: api') };
    const e = clientEdge(files, 'api');
    assert.equal(e.status, 'unknown');
    assert.match(e.reason ?? '', /depends on labels the workspace does not show/);
  });

  it('the automatic kubernetes.io/metadata.name label decides without a Namespace object', () => {
    const byName = policy.replace('{matchLabels: {team: shop}}', '{matchLabels: {kubernetes.io/metadata.name: shop}}');
    const files = {
      'db.yaml': db,
      'policy.yaml': byName,
      'api.yaml': client('api', 'shop', 'role: api'),
      'other.yaml': client('other', 'tools', 'role: api'),
    };
    assert.equal(clientEdge(files, 'api').status, 'ok');
    assert.equal(clientEdge(files, 'other').status, 'blocked');
  });

  it('with no isolating policy every client is ok', () => {
    assert.equal(clientEdge({ 'db.yaml': db, 'job.yaml': client('report', 'tools', 'role: x') }, 'report').status, 'ok');
  });
});
