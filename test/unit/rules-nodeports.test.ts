/** node-port-out-of-range, node-port-conflict, node-port-not-allowed, host-port-conflict, host-port-scheduling. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and no rule reports more than before. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp, opts = {}): Record<string, string> {
  const before = check(files, undefined, opts);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next, undefined, opts);
  assert.equal(
    after.filter((x) => x.rule === f.rule && x.file === f.file && x.line === f.line).length,
    0,
    `still reported after the fix:\n${next[f.file]}`,
  );
  const count = (fs: Found[], rule: string): number => fs.filter((x) => x.rule === rule).length;
  for (const rule of new Set(after.map((x) => x.rule))) assert.ok(count(after, rule) <= count(before, rule), `new ${rule} after the fix`);
  return next;
}

const svc = (name: string, ports: string, type = 'NodePort', ns = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns}spec:\n${type ? `  type: ${type}\n` : ''}  ports:\n${ports}`;

describe('node-port-out-of-range', () => {
  const rule = 'node-port-out-of-range';

  it('reports a nodePort below the range and suggests a free one near lo+port', () => {
    const files = {
      'a.yaml': svc('web', '    - port: 80\n      nodePort: 80\n'),
      'b.yaml': svc('other', '    - port: 81\n      nodePort: 30080\n'),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 9);
    assert.equal(f!.text, '80');
    assert.match(f!.message, /^nodePort 80 is outside the range 30000-32767: use 30081, or remove it to get one allocated\./);
    // 30080 is taken by Service other: the nearest free port is next to it.
    assert.equal(f!.diagnostic.fixes[0]!.title, 'Replace nodePort with 30081 (free)');
    fixAndRecheck(files, f!, /30081/);
  });

  it('follows the nodePortRange setting and gives two bad ports two different suggestions', () => {
    const files = { 'a.yaml': svc('web', '    - {name: a, port: 80, nodePort: 30080}\n    - {name: b, port: 81, nodePort: 30081}\n') };
    const found = check(files, rule, { nodePortRange: [20000, 20010] });
    assert.deepEqual(
      found.map((f) => f.text),
      ['30080', '30081'],
    );
    const titles = found.map((f) => f.diagnostic.fixes[0]!.title);
    assert.notEqual(titles[0], titles[1]);
    assert.deepEqual(check(files, rule), []);
  });

  it('is silent in range and for nodePort 0 (allocate)', () => {
    assert.deepEqual(
      check({ 'a.yaml': svc('web', '    - {name: a, port: 80, nodePort: 32767}\n    - {name: b, port: 81, nodePort: 0}\n') }, rule),
      [],
    );
  });
});

describe('node-port-conflict', () => {
  const rule = 'node-port-conflict';

  it('reports at every place involved, across namespaces and protocols, each with a free port', () => {
    const files = {
      'a.yaml': svc('web', '    - port: 80\n      nodePort: 30080\n'),
      'b.yaml': svc('api', '    - port: 53\n      protocol: UDP\n      nodePort: 30080\n', 'LoadBalancer', '  namespace: shop\n'),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.severity, f.text]),
      [
        ['a.yaml', 'error', '30080'],
        ['b.yaml', 'error', '30080'],
      ],
    );
    assert.match(
      found[0]!.message,
      /^nodePort 30080 is also used by Service api: use 30081, or remove it to get a free one\. Node ports are cluster-wide, .*also used by Service shop\/api\./,
    );
    assert.equal(found[0]!.diagnostic.related[0]!.file.path, 'b.yaml');
    assert.equal(found[1]!.diagnostic.related[0]!.file.path, 'a.yaml');
    assert.equal(found[0]!.diagnostic.fixes[0]!.title, 'Replace nodePort with 30081 (free)');
    const next = fixAndRecheck(files, found[0]!, /30081/);
    assert.deepEqual(check(next, rule), []);
  });

  it('reports two ports of one Service with the same protocol', () => {
    const found = check(
      { 'a.yaml': svc('web', '    - {name: a, port: 80, nodePort: 30080}\n    - {name: b, port: 81, nodePort: 30080}\n') },
      rule,
    );
    assert.equal(found.length, 2);
    assert.match(found[0]!.message, /port #2 of this Service/);
  });

  it('reports staging/web and prod/web with one nodePort: two objects in one cluster, not copies of one', () => {
    const files = {
      'staging/web.yaml': svc('web', '    - {port: 80, nodePort: 30080}\n', 'NodePort', '  namespace: staging\n'),
      'prod/web.yaml': svc('web', '    - {port: 80, nodePort: 30080}\n', 'NodePort', '  namespace: prod\n'),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.text]),
      [
        ['staging/web.yaml', '30080'],
        ['prod/web.yaml', '30080'],
      ],
    );
    assert.match(found[0]!.message, /also used by Service prod\/web/);
  });

  it('allows one Service to share a nodePort across protocols (DNS), and ignores copies of the same Service', () => {
    const dns = svc(
      'dns',
      '    - {name: udp, port: 53, protocol: UDP, nodePort: 30053}\n    - {name: tcp, port: 53, protocol: TCP, nodePort: 30053}\n',
    );
    assert.deepEqual(check({ 'a.yaml': dns, 'overlays/prod/dns.yaml': dns }, rule), []);
    // A copy that names no namespace goes wherever it is applied (a Helm chart next to the plain manifests).
    const placed = svc('dns', '    - {name: udp, port: 53, protocol: UDP, nodePort: 30053}\n', 'NodePort', '  namespace: kube-dns\n');
    assert.deepEqual(check({ 'chart/templates/dns.yaml': dns, 'manifests/dns.yaml': placed }, rule), []);
  });
});

describe('node-port-not-allowed', () => {
  const rule = 'node-port-not-allowed';

  it('reports a nodePort on a Service without a type; removing it or changing the type fixes it', () => {
    const files = { 'a.yaml': svc('web', '    - port: 80\n      nodePort: 30080\n', '') };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 8);
    assert.match(f!.message, /nodePort 30080 is set on Service web of no type \(so ClusterIP\)/);
    const a = fixAndRecheck(files, f!, /Remove nodePort/);
    assert.equal(a['a.yaml'], svc('web', '    - port: 80\n', ''));
    const b = fixAndRecheck(files, f!, /Change type to NodePort/);
    assert.match(b['a.yaml']!, /spec:\n  ports:\n    - port: 80\n      nodePort: 30080\n  type: NodePort/);
  });

  it('reports ClusterIP and ExternalName, replacing the written type', () => {
    const files = {
      'a.yaml': svc('web', '    - {port: 80, nodePort: 30080}\n', 'ClusterIP'),
      'b.yaml': svc('ext', '    - {port: 80, nodePort: 30081}\n', 'ExternalName'),
    };
    const found = check(files, rule);
    assert.equal(found.length, 2);
    assert.deepEqual(
      found[0]!.diagnostic.fixes.map((x) => x.title),
      ['Change type to NodePort'],
      'no line deletion inside a flow map',
    );
    const next = fixAndRecheck(files, found[0]!, /Change type/);
    assert.match(next['a.yaml']!, /type: NodePort/);
  });

  it('is silent for NodePort and LoadBalancer, and for nodePort 0', () => {
    const files = {
      'a.yaml': svc('a', '    - {port: 80, nodePort: 30080}\n'),
      'b.yaml': svc('b', '    - {port: 80, nodePort: 30081}\n', 'LoadBalancer'),
      'c.yaml': svc('c', '    - {port: 80, nodePort: 0}\n', 'ClusterIP'),
    };
    assert.deepEqual(check(files, rule), []);
  });
});

const workload = (kind: string, name: string, ports: string, replicas = '', ns = ''): string =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns}spec:\n${replicas}  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n        - name: app\n          image: nginx\n          ports:\n${ports}`;

describe('host-port-conflict', () => {
  const rule = 'host-port-conflict';

  it('warns when two templates (any namespaces) take the same hostPort+protocol', () => {
    const files = {
      'a.yaml': workload('DaemonSet', 'proxy', '            - containerPort: 80\n              hostPort: 80\n'),
      'b.yaml': workload('DaemonSet', 'ingress', '            - {containerPort: 8080, hostPort: 80}\n', '', '  namespace: edge\n'),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.severity, f.line, f.text]),
      [
        ['a.yaml', 'warning', 15, '80'],
        ['b.yaml', 'warning', 15, '80'],
      ],
    );
    assert.match(found[0]!.message, /DaemonSet edge\/ingress also uses hostPort 80\/TCP: a Pod of each cannot run on the same node/);
    assert.equal(found[0]!.diagnostic.related[0]!.file.path, 'b.yaml');
  });

  it('is an error when one template declares it twice', () => {
    const ports =
      '            - {containerPort: 80, hostPort: 80}\n        - name: side\n          image: side\n          ports: [{containerPort: 81, hostPort: 80}]\n';
    const found = check({ 'a.yaml': workload('DaemonSet', 'proxy', ports) }, rule);
    assert.deepEqual(
      found.map((f) => f.severity),
      ['error', 'error'],
    );
    assert.match(found[0]!.message, /declares hostPort 80\/TCP 2 times \(container app, container side\)/);
  });

  it('is silent for other protocols, disjoint hostIPs, copies of one workload, and hostPort 0', () => {
    const files = {
      'a.yaml': workload(
        'DaemonSet',
        'dns',
        '            - {containerPort: 53, hostPort: 53, protocol: UDP, hostIP: 10.0.0.1}\n            - {containerPort: 54, hostPort: 0}\n',
      ),
      'b.yaml': workload(
        'DaemonSet',
        'dns2',
        '            - {containerPort: 53, hostPort: 53}\n            - {containerPort: 55, hostPort: 53, protocol: UDP, hostIP: 10.0.0.2}\n',
      ),
      'c/dns.yaml': workload('DaemonSet', 'dns', '            - {containerPort: 53, hostPort: 53, protocol: UDP, hostIP: 10.0.0.1}\n'),
      'd.yaml': workload('Deployment', 'zero', '            - {containerPort: 54, hostPort: 0}\n'),
    };
    assert.deepEqual(check(files, rule), []);
  });

  it('counts the container ports of hostNetwork Pods as host ports (the API defaults hostPort to containerPort)', () => {
    const hostNet = (name: string, ns = ''): string =>
      workload('DaemonSet', name, '            - {containerPort: 9100, name: metrics}\n', '', ns).replace(
        '    spec:\n      containers:',
        '    spec:\n      hostNetwork: true\n      containers:',
      );
    const found = check({ 'a.yaml': hostNet('node-exporter'), 'b.yaml': hostNet('other-exporter', '  namespace: monitoring\n') }, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.severity, f.text]),
      [
        ['a.yaml', 'warning', '9100'],
        ['b.yaml', 'warning', '9100'],
      ],
    );
    assert.match(
      found[0]!.message,
      /^hostNetwork port 9100\/TCP is also used by DaemonSet other-exporter: use another port\. containerPort 9100 \(hostNetwork: true, so a port of the node\): DaemonSet monitoring\/other-exporter also uses hostPort 9100\/TCP/,
    );
    // Without hostNetwork the same two templates do not touch the node's ports.
    const plain = (name: string): string => workload('DaemonSet', name, '            - {containerPort: 9100, name: metrics}\n');
    assert.deepEqual(check({ 'a.yaml': plain('node-exporter'), 'b.yaml': plain('other-exporter') }, rule), []);
  });

  it('treats an empty hostIP as every address', () => {
    const files = {
      'a.yaml': workload('DaemonSet', 'a', '            - {containerPort: 53, hostPort: 53, hostIP: 10.0.0.1}\n'),
      'b.yaml': workload('DaemonSet', 'b', '            - {containerPort: 53, hostPort: 53}\n'),
    };
    assert.equal(check(files, rule).length, 2);
  });
});

describe('host-port-scheduling', () => {
  const rule = 'host-port-scheduling';

  it('informs about a hostPort in a Deployment with replicas > 1', () => {
    const [f, ...rest] = check(
      { 'a.yaml': workload('Deployment', 'web', '            - {containerPort: 80, hostPort: 8080}\n', '  replicas: 3\n') },
      rule,
    );
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'info');
    assert.equal(f!.text, '8080');
    assert.match(
      f!.message,
      /^hostPort 8080 fits one Pod per node, but replicas is 3: prefer a NodePort Service\. hostPort 8080 in Deployment web with replicas: 3: at most one of its Pods fits on a node/,
    );
    assert.equal(f!.diagnostic.related[0]!.message, 'replicas: 3');
  });

  it('informs about a replicated hostNetwork workload (its container ports are host ports), ReplicationControllers too', () => {
    const rc = workload('ReplicationController', 'web', '            - {containerPort: 80}\n', '  replicas: 2\n')
      .replace('apps/v1', 'v1')
      .replace('{matchLabels: {app: web}}', '{app: web}')
      .replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:');
    const [f, ...rest] = check({ 'a.yaml': rc }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.text, '80');
    assert.match(
      f!.message,
      /^hostNetwork port 80 fits one Pod per node, but replicas is 2: prefer a NodePort Service\. containerPort 80 \(hostNetwork: true, so a port of the node\) in ReplicationController web with replicas: 2/,
    );
  });

  it('is silent for one replica, unset replicas, DaemonSets, and no hostPort', () => {
    const files = {
      'a.yaml': workload('Deployment', 'a', '            - {containerPort: 80, hostPort: 8080}\n', '  replicas: 1\n'),
      'b.yaml': workload('StatefulSet', 'b', '            - {containerPort: 80, hostPort: 8081}\n'),
      'c.yaml': workload('DaemonSet', 'c', '            - {containerPort: 80, hostPort: 8082}\n'),
      'd.yaml': workload('ReplicaSet', 'd', '            - {containerPort: 80}\n', '  replicas: 5\n'),
    };
    assert.deepEqual(check(files, rule), []);
  });
});

describe('node-port-conflict: let the cluster choose', () => {
  it('offers removing the nodePort, which leaves the cluster to assign a free one', () => {
    const files = {
      'a.yaml': svc('web', '    - port: 80\n      nodePort: 30080\n'),
      'b.yaml': svc('api', '    - port: 81\n      nodePort: 30080\n'),
    };
    const found = check(files, 'node-port-conflict');
    assert.equal(found.length, 2);
    const f = found.find((x) => x.file === 'b.yaml')!;
    assert.ok(f.diagnostic.fixes.some((x) => x.title === 'Remove nodePort (the cluster assigns a free one)'));
    const next = fixAndRecheck(files, f, /Remove nodePort/);
    assert.equal(next['b.yaml'], svc('api', '    - port: 81\n'));
  });
});
