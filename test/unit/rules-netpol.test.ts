/** networkpolicy-selector-no-match, networkpolicy-peer-no-match and networkpolicy-port-not-found. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

/** A Deployment in shop with template labels and container ports (`name:number` items). */
const deploy = (name: string, labels: string, ports: string[] = [], kind = 'Deployment'): string => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: shop
  labels: {app: ${name}-not-a-pod-label}
spec:
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: ${name}
          ports:
${ports.map((p) => `            - {name: ${p.split(':')[0]}, containerPort: ${p.split(':')[1]}}\n`).join('')}`;

const policy = (spec: string, ns = 'shop'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: pol
  namespace: ${ns}
spec:
${spec}`;

const web = deploy('web', '{app: web, tier: front}', ['http:8080', 'metrics:9090']);

describe('networkpolicy-selector-no-match', () => {
  const rule = 'networkpolicy-selector-no-match';

  it('reports a podSelector that matches no template, naming the closest', () => {
    const [f, ...rest] = check({ 'web.yaml': web, 'pol.yaml': policy('  podSelector:\n    matchLabels:\n      app: wbe\n') }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 9);
    assert.equal(f!.text, 'app: wbe');
    assert.equal(
      f!.message,
      'This policy selects no Pod: fix its podSelector (closest: Deployment web). NetworkPolicy pol selects app=wbe, but no Pod template in namespace shop has those labels, so it applies to nothing; closest: Deployment web (app=web, tier=front).',
    );
    assert.equal(f!.diagnostic.related[0]!.file.path, 'web.yaml');
    assert.equal(f!.diagnostic.fixes.length, 0);
  });

  it('treats a partial match as no match, and covers every pair in the span', () => {
    const [f] = check(
      { 'web.yaml': web, 'pol.yaml': policy('  podSelector:\n    matchLabels:\n      app: web\n      tier: back\n') },
      rule,
    );
    assert.equal(f!.text, 'app: web\n      tier: back');
  });

  it('follows matchExpressions', () => {
    const expr = (op: string, values = ''): string =>
      policy(`  podSelector:\n    matchExpressions:\n      - {key: tier, operator: ${op}${values}}\n`);
    assert.deepEqual(check({ 'web.yaml': web, 'pol.yaml': expr('In', ', values: [front, back]') }, rule), []);
    assert.deepEqual(check({ 'web.yaml': web, 'pol.yaml': expr('Exists') }, rule), []);
    const [f] = check({ 'web.yaml': web, 'pol.yaml': expr('NotIn', ', values: [front]') }, rule);
    assert.match(f!.message, /selects tier notin \(front\), but no Pod template/);
    assert.equal(check({ 'web.yaml': web, 'pol.yaml': expr('DoesNotExist') }, rule).length, 1);
  });

  it('uses template labels (never the workload labels), in CronJobs and Rollout-like kinds too', () => {
    const sel = (v: string): string => policy(`  podSelector:\n    matchLabels: {app: ${v}}\n`);
    assert.equal(check({ 'web.yaml': web, 'pol.yaml': sel('web-not-a-pod-label') }, rule).length, 1);
    const cron =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: job\n  namespace: shop\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: {app: job}\n        spec:\n          containers: [{name: c}]\n';
    assert.deepEqual(check({ 'cron.yaml': cron, 'pol.yaml': sel('job') }, rule), []);
    const rollout = deploy('canary', '{app: canary}', [], 'Rollout').replace('apps/v1', 'argoproj.io/v1alpha1');
    assert.deepEqual(check({ 'r.yaml': rollout, 'pol.yaml': sel('canary') }, rule), []);
  });

  it('is silent when a custom resource named like a selector value (or of that kind) may make the Pods', () => {
    const prom = 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\n  namespace: shop\nspec: {}\n';
    const sel = (labels: string): string => policy(`  podSelector:\n    matchLabels: {${labels}}\n`);
    assert.deepEqual(check({ 'p.yaml': prom, 'pol.yaml': sel('app.kubernetes.io/instance: k8s') }, rule), []);
    assert.deepEqual(check({ 'p.yaml': prom, 'pol.yaml': sel('app.kubernetes.io/name: prometheus') }, rule), []);
    // With some Pods of the namespace in the workspace, the others are expected there too.
    const other = deploy('db', '{app: db}');
    assert.equal(check({ 'p.yaml': prom, 'db.yaml': other, 'pol.yaml': sel('app.kubernetes.io/name: grafana') }, rule).length, 1);
    const monitor = prom.replace('kind: Prometheus', 'kind: ServiceMonitor');
    assert.equal(check({ 'p.yaml': monitor, 'db.yaml': other, 'pol.yaml': sel('app.kubernetes.io/instance: k8s') }, rule).length, 1);
    const peer = policy(
      '  podSelector: {}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}}]\n',
    );
    assert.deepEqual(check({ 'p.yaml': prom, 'pol.yaml': peer }), []);
  });

  it('is silent when the namespace has no Pod template in the workspace (its Pods are deployed from elsewhere)', () => {
    assert.deepEqual(check({ 'pol.yaml': policy('  podSelector:\n    matchLabels: {app: web}\n') }, rule), []);
    // kube-system is filled by the cluster (static Pods, add-ons), whatever the workspace holds.
    const sys = deploy('dns', '{app: dns}').replace('namespace: shop', 'namespace: kube-system');
    assert.deepEqual(
      check({ 'pol.yaml': policy('  podSelector:\n    matchLabels: {component: etcd}\n', 'kube-system'), 'dns.yaml': sys }, rule),
      [],
    );
    // ...unless the labels are on a template of another namespace: a namespace mix-up.
    assert.equal(check({ 'pol.yaml': policy('  podSelector:\n    matchLabels: {app: web}\n', 'front'), 'w.yaml': web }, rule).length, 1);
  });

  it('is silent for empty or unreadable selectors, and other namespaces do not count', () => {
    assert.deepEqual(check({ 'pol.yaml': policy('  podSelector: {}\n') }, rule), []);
    assert.deepEqual(check({ 'pol.yaml': policy('  podSelector: {app: web}\n') }, rule), []);
    assert.deepEqual(check({ 'pol.yaml': policy('  podSelector: [app]\n') }, rule), []);
    assert.equal(check({ 'web.yaml': web, 'pol.yaml': policy('  podSelector:\n    matchLabels: {app: web}\n', 'other') }, rule).length, 1);
  });
});

describe('networkpolicy-peer-no-match', () => {
  const rule = 'networkpolicy-peer-no-match';

  it('reports ingress and egress podSelector peers that match nothing in the namespace', () => {
    const spec = `  podSelector: {}
  ingress:
    - from:
        - podSelector:
            matchLabels: {app: frontend}
  egress:
    - to:
        - podSelector:
            matchLabels: {app: db}
`;
    const found = check({ 'web.yaml': web, 'pol.yaml': policy(spec) }, rule);
    assert.deepEqual(
      found.map((f) => [f.severity, f.line, f.text]),
      [
        ['info', 11, 'app: frontend'],
        ['info', 15, 'app: db'],
      ],
    );
    // web (app=web) shares only the key: no lead, so no "closest" (that named a random workload).
    assert.equal(
      found[0]!.message,
      'This ingress source matches no Pod: fix the selector. Ingress source podSelector app=frontend matches no Pod template in namespace shop.',
    );
    assert.match(
      found[1]!.message,
      /^This egress destination matches no Pod: fix the selector \(closest: Deployment web\)\. Egress destination podSelector app=db matches no Pod template/,
    );
    // A peer that matches nothing does nothing: the editor shows it faded.
    assert.deepEqual(
      found.map((f) => f.diagnostic.tags),
      [['unnecessary'], ['unnecessary']],
    );
  });

  it('names the closest template when a key is shared', () => {
    const [f] = check(
      {
        'web.yaml': web,
        'pol.yaml': policy('  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {tier: fronted}}\n'),
      },
      rule,
    );
    assert.match(f!.message, /closest: Deployment web \(app=web, tier=front\)/);
  });

  it('is silent with a namespaceSelector, for ipBlocks, empty selectors and matching peers', () => {
    const spec = `  podSelector: {}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: frontend}}
          namespaceSelector: {matchLabels: {team: a}}
        - ipBlock: {cidr: 10.0.0.0/8}
        - podSelector: {}
        - podSelector: {matchLabels: {app: web}}
`;
    assert.deepEqual(check({ 'web.yaml': web, 'pol.yaml': policy(spec) }, rule), []);
  });
});

describe('networkpolicy-port-not-found', () => {
  const rule = 'networkpolicy-port-not-found';
  const withPorts = (ports: string, selector = '{matchLabels: {app: web}}'): string =>
    policy(`  podSelector: ${selector}\n  ingress:\n    - ports:\n${ports}`);

  it('reports a port name that none of the selected Pods declares', () => {
    const [f, ...rest] = check({ 'web.yaml': web, 'pol.yaml': withPorts('        - port: metric\n        - port: http\n') }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 10);
    assert.equal(f!.text, 'metric');
    assert.equal(
      f!.message,
      'No selected Pod declares port "metric": use a declared port name or number. None of the Pods this policy selects declares it, so this rule admits nothing on it (Deployment web: 8080 (http), 9090 (metrics)).',
    );
    assert.deepEqual(f!.diagnostic.tags, ['unnecessary']);
    assert.equal(f!.diagnostic.related[0]!.file.path, 'web.yaml');
    assert.deepEqual(f!.diagnostic.tags, ['unnecessary']);
  });

  it('finds names on native sidecars, and on any one of several selected templates', () => {
    const sidecar = web.replace(
      '      containers:',
      '      initContainers:\n        - name: proxy\n          restartPolicy: Always\n          ports: [{name: proxy, containerPort: 15001}]\n      containers:',
    );
    assert.deepEqual(check({ 'web.yaml': sidecar, 'pol.yaml': withPorts('        - port: proxy\n') }, rule), []);
    const plainInit = sidecar.replace('          restartPolicy: Always\n', '');
    assert.equal(check({ 'web.yaml': plainInit, 'pol.yaml': withPorts('        - port: proxy\n') }, rule).length, 1);
    const other = deploy('worker', '{app: worker, tier: front}', ['jobs:7000']);
    assert.deepEqual(
      check({ 'web.yaml': web, 'w.yaml': other, 'pol.yaml': withPorts('        - port: jobs\n', '{matchLabels: {tier: front}}') }, rule),
      [],
    );
  });

  it('is silent for numbers, egress ports, and when the policy selects nothing', () => {
    assert.deepEqual(check({ 'web.yaml': web, 'pol.yaml': withPorts('        - port: 1234\n        - port: "5678"\n') }, rule), []);
    const egress = policy('  podSelector: {matchLabels: {app: web}}\n  egress:\n    - ports:\n        - port: dns\n');
    assert.deepEqual(check({ 'web.yaml': web, 'pol.yaml': egress }, rule), []);
    assert.deepEqual(
      check({ 'web.yaml': web, 'pol.yaml': withPorts('        - port: metric\n', '{matchLabels: {app: nothing}}') }, rule),
      [],
    );
  });

  it('never throws on wrong types', () => {
    for (const spec of [
      '  podSelector: 7\n  ingress: {ports: 1}\n',
      '  ingress: [7, {from: 3, ports: [{port: [1]}]}]\n',
      '  podSelector: {}\n  ingress:\n    - ports: {port: http}\n',
    ]) {
      check({ 'web.yaml': web, 'pol.yaml': policy(spec) });
    }
  });
});
