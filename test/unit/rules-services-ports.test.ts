/** service-port-name-missing, service-port-duplicate, port-name-invalid, port-number-invalid. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and no rule reports more than before. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp): Record<string, string> {
  const before = check(files);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next);
  assert.equal(
    after.filter((x) => x.rule === f.rule && x.line === f.line && x.file === f.file).length,
    0,
    `still reported after the fix:\n${next[f.file]}`,
  );
  const count = (fs: Found[], rule: string): number => fs.filter((x) => x.rule === rule).length;
  for (const rule of new Set(after.map((x) => x.rule))) assert.ok(count(after, rule) <= count(before, rule), `new ${rule} after the fix`);
  return next;
}

const svc = (ports: string, extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${extra}  ports:
${ports}`;

const pod = (ports: string, probes = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      ports:
${ports}${probes}`;

describe('service-port-name-missing', () => {
  const rule = 'service-port-name-missing';

  it('reports each unnamed port of a multi-port Service and names it from the targetPort or the port', () => {
    const files = { 's.yaml': svc('    - port: 80\n      targetPort: web\n    - port: 443\n    - name: metrics\n      port: 9090\n') };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.severity, f.line, f.text]),
      [
        ['error', 7, '80'],
        ['error', 9, '443'],
      ],
    );
    assert.match(found[0]!.message, /^Port 80 needs a name: add name: \S+\. Service web has 3 ports, so each needs a name/);
    const a = fixAndRecheck(files, found[0]!, /Add name "web"/);
    assert.match(a['s.yaml']!, /- port: 80\n      targetPort: web\n      name: web\n/);
    const b = fixAndRecheck(files, found[1]!, /Add name "https"/);
    assert.match(b['s.yaml']!, /- port: 443\n      name: https\n/);
  });

  it('fills an empty name, keeps names unique, and works in flow maps', () => {
    const files = { 's.yaml': svc('    - {port: 53, protocol: UDP, name: ""}\n    - {port: 53, name: dns}\n') };
    const [f] = check(files, rule);
    assert.equal(f!.text, '""');
    const next = fixAndRecheck(files, f!, /Add name "dns-udp"/);
    assert.match(next['s.yaml']!, /\{port: 53, protocol: UDP, name: dns-udp\}/);
  });

  it('is silent for one port, or when every port has a name', () => {
    assert.deepEqual(
      check(
        {
          'a.yaml': svc('    - port: 80\n'),
          'b.yaml': svc('    - {name: a, port: 80}\n    - {name: b, port: 81}\n').replace('name: web', 'name: web2'),
        },
        rule,
      ),
      [],
    );
  });
});

describe('service-port-duplicate', () => {
  const rule = 'service-port-duplicate';

  it('reports a repeated port+protocol and a repeated name at the later port', () => {
    const files = {
      's.yaml': svc('    - {name: http, port: 80}\n    - {name: http, port: 8080}\n    - {name: alt, port: 80, protocol: TCP}\n'),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.severity, f.line, f.text]),
      [
        ['error', 8, 'http'],
        ['error', 9, '80'],
      ],
    );
    assert.match(found[0]!.message, /^Port name "http" is used twice: rename one of them\. Service web names ports #1 and #2 "http"/);
    assert.match(
      found[1]!.message,
      /^Port 80\/TCP is declared twice: remove one or change its port or protocol\. Service web declares it as ports #1 and #3/,
    );
    assert.equal(found[1]!.diagnostic.related[0]!.message, 'port 80/TCP first declared here');
  });

  it('is silent for the same port with different protocols (DNS)', () => {
    assert.deepEqual(
      check({ 's.yaml': svc('    - {name: dns, port: 53, protocol: UDP}\n    - {name: dns-tcp, port: 53, protocol: TCP}\n') }, rule),
      [],
    );
  });
});

describe('port-name-invalid', () => {
  const rule = 'port-name-invalid';

  it('reports an upper-case container port name and renames it with the probes that use it', () => {
    const files = {
      'p.yaml': pod(
        '        - containerPort: 80\n          name: HTTP\n',
        '      readinessProbe:\n        httpGet: {path: /, port: HTTP}\n',
      ),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.text, 'HTTP');
    assert.match(
      f!.message,
      /^"HTTP" is not a valid port name: rename it to "http"\. Port name in container app "HTTP" must contain only lower-case letters/,
    );
    const next = fixAndRecheck(files, f!, /Rename to "http"/);
    assert.match(next['p.yaml']!, /name: http\n/);
    assert.match(next['p.yaml']!, /port: http\}/);
  });

  it('shortens a long name at a hyphen when unambiguous; no fix when shortening cannot help', () => {
    const files = {
      'p.yaml': pod('        - {containerPort: 80, name: http-metrics-endpoint}\n        - {containerPort: 81, name: "123456"}\n'),
    };
    const [long, digits] = check(files, rule);
    assert.match(long!.message, /must be no more than 15 characters/);
    fixAndRecheck(files, long!, /Rename to "http-metrics"/);
    assert.match(digits!.message, /at least one letter/);
    assert.deepEqual(digits!.diagnostic.fixes, []);
  });

  it('checks named targetPorts (IANA) and Service port names (DNS label)', () => {
    const files = {
      's.yaml': svc('    - {name: Web_1, port: 80, targetPort: my--port}\n    - {name: 8080-tcp, port: 8080, targetPort: 8080}\n'),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => f.text),
      ['Web_1', 'my--port'],
    );
    assert.match(found[0]!.message, /Service port name "Web_1"/);
    assert.match(found[1]!.message, /consecutive hyphens/);
    assert.deepEqual(found[0]!.diagnostic.fixes, [], 'lower-casing alone does not make Web_1 valid');
  });

  it('reports a quoted number where a port may be a name (targetPort, probe, NetworkPolicy): to the API a name of digits only', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx
          ports: [{containerPort: 8080}]
          readinessProbe: {httpGet: {port: "8080", path: /}}
`;
    const np =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: "8080"}]}]\n';
    const files = {
      's.yaml': svc('    - {name: http, port: 80, targetPort: "8080"}\n', '  selector: {app: web}\n'),
      'd.yaml': deploy,
      'np.yaml': np,
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.severity, f.text]),
      [
        ['s.yaml', 'error', '"8080"'],
        ['d.yaml', 'error', '"8080"'],
        ['np.yaml', 'error', '"8080"'],
      ],
    );
    assert.match(
      found[0]!.message,
      /^targetPort "8080" in quotes is an invalid port name: remove the quotes\. Without them it means port 8080; in quotes the API reads it as a port name, and a name of digits only is invalid \(it must contain at least one letter\)/,
    );
    assert.match(found[1]!.message, /^readinessProbe httpGet port "8080" in quotes is an invalid port name: remove the quotes\./);
    // The link resolves as the number meant: nothing else is reported on the way to the Pods.
    assert.deepEqual(
      check(files)
        .filter((f) => f.rule !== rule)
        .map((f) => f.rule),
      [],
    );
    const next = fixAndRecheck(files, found[0]!, /Remove the quotes/);
    assert.match(next['s.yaml']!, /targetPort: 8080\}/);
  });

  it('is silent for valid names, native sidecar ports and placeholders', () => {
    const files = {
      's.yaml': svc(
        '    - {name: http, port: 80, targetPort: n-3456789012345}\n    - {name: grpc, port: 81, targetPort: "${GRPC_PORT}"}\n',
      ),
      'p.yaml': pod('        - {containerPort: 80, name: web-1}\n'),
    };
    assert.deepEqual(check(files, rule), []);
  });
});

describe('port-number-invalid', () => {
  const rule = 'port-number-invalid';

  it('reports out-of-range numbers in all five fields', () => {
    const s = svc('    - {name: a, port: 70000, targetPort: 123456, nodePort: 99999}\n', '  type: NodePort\n');
    const p = pod('        - {containerPort: -1, hostPort: 65536}\n');
    const found = check({ 's.yaml': s, 'p.yaml': p }, rule);
    assert.deepEqual(
      found.map((f) => [f.file, f.text]),
      [
        ['s.yaml', '70000'],
        ['s.yaml', '123456'],
        ['s.yaml', '99999'],
        ['p.yaml', '-1'],
        ['p.yaml', '65536'],
      ],
    );
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[1]!.message, /^targetPort 123456 is out of range: use a number from 1 to 65535\. The API rejects the Service/);
  });

  it('reports values that are not numbers: "eighty", 80.5, true, a map (a quoted "80" is field-type-invalid)', () => {
    const s = svc(
      '    - {name: a, port: eighty}\n    - {name: b, port: 80.5}\n    - {name: c, port: "80"}\n    - {name: d, port: 81, nodePort: true}\n    - {name: e, port: {n: 1}}\n',
    );
    const found = check({ 's.yaml': s }, rule);
    assert.deepEqual(
      found.map((f) => f.text),
      ['eighty', '80.5', 'true', '{n: 1}'],
    );
    assert.match(found[0]!.message, /^port "eighty" is not a number: use a number from 1 to 65535\./);
  });

  it('reports containerPort 0 and port 0, but not 0 where it means unset', () => {
    const found = check(
      {
        's.yaml': svc('    - {name: a, port: 0, targetPort: 0, nodePort: 0}\n'),
        'p.yaml': pod('        - {containerPort: 0, hostPort: 0}\n'),
      },
      rule,
    );
    assert.deepEqual(
      found.map((f) => [f.file, f.line]),
      [
        ['s.yaml', 7],
        ['p.yaml', 10],
      ],
    );
    assert.match(found[1]!.message, /containerPort 0 is not a valid port/);
  });

  it('checks regular init containers too, and is silent for valid ports, names, unset values and placeholders', () => {
    const init = pod('        - {containerPort: 80}\n').replace(
      '  containers:',
      '  initContainers:\n    - name: init\n      image: busybox\n      ports: [{containerPort: 0}]\n  containers:',
    );
    assert.deepEqual(
      check({ 'p.yaml': init }, rule).map((f) => f.text),
      ['0'],
    );
    const ok = svc(
      '    - {name: a, port: 80, targetPort: http}\n    - {name: b, port: 81, targetPort: "8080", nodePort: 30001}\n    - {name: c, port: 82, targetPort: ~}\n    - {name: d, port: "${PORT}"}\n',
    );
    assert.deepEqual(
      check({ 's.yaml': ok, 'p.yaml': pod('        - {containerPort: 65535, hostPort: 1}\n        - {containerPort: }\n') }, rule),
      [],
    );
  });
});

describe('wrong types everywhere', () => {
  it('never throws, and reports only what the rules are about', () => {
    const files = {
      'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: 7\nspec:\n  selector: [a]\n  ports: {port: 80}\n',
      'b.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: [x]\n  selector: {app: a}\n  ports: [7, null, {port: [1], targetPort: {a: 1}, name: 5, protocol: [u]}, {port: eighty, targetPort: true}]\n',
      'c.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: "3"\n  selector: {matchLabels: [1], matchExpressions: 5}\n  template: null\n',
      'd.yaml':
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: f}\nspec:\n  serviceName: [x]\n  template:\n    metadata: {labels: [a]}\n    spec:\n      containers:\n        - 7\n        - name: [x]\n          ports: [1, {containerPort: x, name: {a: 1}}]\n          livenessProbe: {httpGet: {port: [1]}, tcpSocket: 5}\n      initContainers: 5\n',
      'e.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec: [1]\n',
    };
    // Other groups' rules may have their say on these files too: compare only this group's.
    const ours = /^(service-|port-|workload-|statefulset-|probe-|node-port-|host-port-)/;
    const found = check(files).filter((f) => ours.test(f.rule));
    assert.deepEqual(
      found.map((f) => [f.rule, f.text]),
      [
        // A Pod whose spec is a list is no pod template: nothing has app=a.
        ['service-selector-no-match', 'app: a'],
        ['port-number-invalid', '[1]'],
        ['port-number-invalid', '{a: 1}'],
        ['port-number-invalid', 'eighty'],
        ['service-port-name-missing', 'eighty'],
        ['port-number-invalid', 'true'],
        ['port-number-invalid', 'x'],
      ],
    );
  });
});
