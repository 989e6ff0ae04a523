/** service-blocked-by-networkpolicy, and the NetworkPolicy helpers of links/network.ts behind it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ingressVerdict, policiesSelecting } from '../../server/src/core/links/network';
import { check, findingsOf, indexOf, uriOf } from './helpers';

const rule = 'service-blocked-by-networkpolicy';

const svc = (ports = '    - name: http\n      port: 80\n      targetPort: 8080\n', extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
${extra}  selector: {app: web}
  ports:
${ports}`;

const deploy = (
  name = 'web',
  labels = '{app: web}',
  ports = '            - {name: http, containerPort: 8080}\n',
): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: web
          ports:
${ports}`;

const policy = (name: string, spec: string, ns = 'shop'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}`;

const denyAll = policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress]\n');
/** A policy selecting app=web whose one ingress rule admits these `ports` entries. */
const allow = (ports: string, name = 'allow'): string =>
  policy(
    name,
    `  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {role: nobody-in-the-workspace}}\n      ports:\n${ports}`,
  );

const base = { 'svc.yaml': svc(), 'web.yaml': deploy() };

describe('service-blocked-by-networkpolicy', () => {
  it('reports a Service whose Pods a deny-all policy isolates, at the targetPort', () => {
    const [f, ...rest] = check({ ...base, 'deny.yaml': denyAll }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.file, 'svc.yaml');
    assert.equal(f!.line, 11);
    assert.equal(f!.text, '8080');
    assert.equal(
      f!.message,
      'NetworkPolicies block all traffic to port 8080: add an ingress rule that admits it. Service web port 80 can never answer: NetworkPolicy deny-all isolates the Pods of Deployment web for ingress, and no ingress rule admits port 8080 (admit it from the clients that should reach it).',
    );
    assert.deepEqual(
      f!.diagnostic.related.map((r) => [r.file.path, r.message]),
      [['deny.yaml', 'NetworkPolicy deny-all isolates these Pods and admits nothing on 8080']],
    );
  });

  it('is silent when any rule covers the port, whatever its peers select', () => {
    for (const ports of [
      '        - port: 8080\n',
      '        - {port: http}\n',
      '        - {port: 8000, endPort: 8100}\n',
      '        - {protocol: TCP}\n',
    ]) {
      assert.deepEqual(check({ ...base, 'deny.yaml': denyAll, 'allow.yaml': allow(ports) }, rule), [], ports);
    }
    const everything = policy('open', '  podSelector: {}\n  ingress:\n    - {}\n');
    assert.deepEqual(check({ ...base, 'deny.yaml': denyAll, 'open.yaml': everything }, rule), []);
    const noPorts = policy('from-ns', '  podSelector: {}\n  ingress:\n    - from: [{namespaceSelector: {matchLabels: {team: x}}}]\n');
    assert.deepEqual(check({ ...base, 'p.yaml': noPorts }, rule), []);
  });

  it('reports when the rules cover only other ports, names, ranges or protocols', () => {
    for (const ports of [
      '        - port: 9090\n',
      '        - port: metrics\n',
      '        - {port: 9000, endPort: 9100}\n',
      '        - {port: 8080, protocol: UDP}\n',
    ]) {
      const found = check({ ...base, 'allow.yaml': allow(ports) }, rule);
      assert.equal(found.length, 1, ports);
      assert.match(found[0]!.message, /NetworkPolicy allow isolates/);
    }
  });

  it('resolves a named policy port against the container port names of the Pods', () => {
    const named = deploy('web', '{app: web}', '            - {name: web, containerPort: 8080}\n');
    assert.deepEqual(check({ 'svc.yaml': svc(), 'web.yaml': named, 'allow.yaml': allow('        - port: web\n') }, rule), []);
    assert.equal(check({ 'svc.yaml': svc(), 'web.yaml': named, 'allow.yaml': allow('        - port: http\n') }, rule).length, 1);
  });

  it('knows that Ingress isolation applies without policyTypes, even with only egress rules', () => {
    const egressOnly = policy('egress', '  podSelector: {}\n  egress:\n    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n');
    assert.equal(check({ ...base, 'p.yaml': egressOnly }, rule).length, 1);
    const declared = policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n');
    assert.deepEqual(check({ ...base, 'p.yaml': declared }, rule), []);
  });

  it('needs every template behind the Service to be blocked, and names every policy', () => {
    const canary = deploy('web-canary', '{app: web, track: canary}');
    const onlyStable = policy(
      'stable',
      '  podSelector: {matchExpressions: [{key: track, operator: DoesNotExist}]}\n  policyTypes: [Ingress]\n',
    );
    assert.deepEqual(check({ ...base, 'canary.yaml': canary, 'p.yaml': onlyStable }, rule), []);
    const onlyCanary = policy('canary', '  podSelector: {matchLabels: {track: canary}}\n  policyTypes: [Ingress]\n');
    const [f] = check({ ...base, 'canary.yaml': canary, 'p.yaml': onlyStable, 'q.yaml': onlyCanary }, rule);
    assert.match(f!.message, /NetworkPolicies canary, stable isolate the Pods of Deployment web, Deployment web-canary for ingress/);
  });

  it('reports each blocked port only, and uses port when targetPort is absent', () => {
    const ports = '    - name: http\n      port: 8080\n    - name: admin\n      port: 9000\n      targetPort: "9001"\n';
    const found = check({ 'svc.yaml': svc(ports), 'web.yaml': deploy(), 'allow.yaml': allow('        - port: 8080\n') }, rule);
    assert.deepEqual(
      found.map((f) => [f.line, f.text]),
      [[13, '"9001"']],
    );
    assert.match(
      found[0]!.message,
      /^NetworkPolicies block all traffic to port 9001: add an ingress rule that admits it\. Service web port 9000 can never answer: .*admits port 9001 /,
    );
  });

  it('is silent when the Pods are not isolated or the port cannot be resolved', () => {
    assert.deepEqual(check(base, rule), []);
    assert.deepEqual(check({ ...base, 'deny.yaml': denyAll.replace('namespace: shop', 'namespace: other') }, rule), []);
    const unnamed = svc('    - port: 80\n      targetPort: grpc\n');
    assert.deepEqual(check({ 'svc.yaml': unnamed, 'web.yaml': deploy(), 'deny.yaml': denyAll }, rule), []);
  });

  it('is silent for Services without selector, ExternalName, or no matching Pods', () => {
    const noSel = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports: [{port: 80}]\n';
    const ext = svc(undefined, '  type: ExternalName\n  externalName: x.example.com\n');
    for (const s of [noSel, ext]) assert.deepEqual(check({ 'svc.yaml': s, 'web.yaml': deploy(), 'deny.yaml': denyAll }, rule), []);
    assert.deepEqual(check({ 'svc.yaml': svc(), 'deny.yaml': denyAll }, rule), []);
  });

  it('does not let unreadable policies isolate anything', () => {
    for (const spec of [
      '  podSelector: {app: web}\n',
      '  podSelector: {}\n  ingress: {from: []}\n',
      '  podSelector: {}\n  ingress: [allow]\n',
    ]) {
      assert.deepEqual(check({ ...base, 'p.yaml': policy('odd', spec) }, rule), [], spec);
    }
  });

  it('re-checks the Service incrementally when a policy or the Pods change', () => {
    const index = indexOf({ ...base, 'deny.yaml': denyAll });
    assert.equal(findingsOf(index, rule).length, 1);
    index.setFile(uriOf('allow.yaml'), 'allow.yaml', allow('        - port: http\n'), 2);
    index.check();
    assert.deepEqual(findingsOf(index, rule), []);
    index.setFile(uriOf('web.yaml'), 'web.yaml', deploy('web', '{app: web}', '            - {name: web, containerPort: 8080}\n'), 3);
    index.check();
    assert.equal(findingsOf(index, rule).length, 1);
    index.removeFile(uriOf('deny.yaml'));
    index.removeFile(uriOf('allow.yaml'));
    index.check();
    assert.deepEqual(findingsOf(index, rule), []);
  });

  it('leaves Pods on the host network alone: policies do not reach them', () => {
    const host = deploy().replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:');
    assert.deepEqual(check({ 'svc.yaml': svc(), 'web.yaml': host, 'deny.yaml': denyAll }, rule), []);
  });

  it('honours suppression on the Service', () => {
    const suppressed = svc(
      '    - name: http\n      port: 80\n      # podpath-ignore service-blocked-by-networkpolicy\n      targetPort: 8080\n',
    );
    assert.deepEqual(check({ 'svc.yaml': suppressed, 'web.yaml': deploy(), 'deny.yaml': denyAll }, rule), []);
  });
});

describe('ingressVerdict and policiesSelecting', () => {
  it('reports isolation, the admitting rules and the blocking policies of a container port', () => {
    const withMetrics = deploy(
      'web',
      '{app: web}',
      '            - {name: http, containerPort: 8080}\n            - {name: metrics, containerPort: 9090}\n',
    );
    const index = indexOf({ 'web.yaml': withMetrics, 'deny.yaml': denyAll, 'allow.yaml': allow('        - port: metrics\n') });
    const pt = [...index.resources()].find((r) => r.kind === 'Deployment')!.podTemplate!;
    const lookup = index.lookup();
    assert.deepEqual(
      policiesSelecting(lookup, pt)
        .map((p) => p.name)
        .sort(),
      ['allow', 'deny-all'],
    );
    const [http, metrics] = pt.containers[0]!.ports;
    const v1 = ingressVerdict(lookup, pt, http!);
    assert.equal(v1.isolated, true);
    assert.equal(v1.allowedBy.length, 0);
    assert.deepEqual(v1.blockingPolicies.map((p) => p.name).sort(), ['allow', 'deny-all']);
    const v2 = ingressVerdict(lookup, pt, metrics!);
    assert.deepEqual(
      v2.allowedBy.map((a) => a.policy.name),
      ['allow'],
    );
    assert.deepEqual(v2.blockingPolicies, []);
    const open = ingressVerdict(indexOf({ 'web.yaml': withMetrics }).lookup(), pt, { port: 8080, protocol: 'TCP' });
    assert.deepEqual(open, { isolated: false, allowedBy: [], blockingPolicies: [] });
  });
});
