/** service-reference-not-found and service-reference-port-not-found. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and nothing new appears. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp): Record<string, string> {
  const before = check(files);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next);
  assert.equal(
    after.filter((x) => x.rule === f.rule).length,
    before.filter((x) => x.rule === f.rule).length - 1,
    `still reported after the fix:\n${next[f.file]}`,
  );
  for (const x of after)
    assert.ok(
      before.some((b) => b.rule === x.rule && b.message === x.message),
      `new finding after the fix: ${x.rule} ${x.message}`,
    );
  return next;
}

const service = (name: string, ns: string, ports: string, extra = '', selector = `{app: ${name}}`): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${extra}  selector: ${selector}
  ports:
${ports}`;

/** A Deployment `client` in `ns` whose container has these env values. */
const client = (values: string[], ns = 'shop', extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: client
  namespace: ${ns}
spec:
  template:
    metadata:
      labels: {app: client}
    spec:
      containers:
        - name: app
          env:
${values.map((v, i) => `            - name: URL${i}\n              value: ${v}\n`).join('')}${extra}`;

const backend = (name: string, ns: string, port: number, name2 = 'http'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          ports:
            - containerPort: ${port}
              name: ${name2}
`;

const api80to8080 = service('api', 'shop', '    - name: http\n      port: 80\n      targetPort: 8080\n');

describe('service-reference-not-found', () => {
  const rule = 'service-reference-not-found';

  it('reports a misspelt qualified name when its namespace is in the workspace, and renames it', () => {
    const files = { 'svc.yaml': api80to8080, 'client.yaml': client(['http://apii.shop.svc.cluster.local:80/v1']) };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 15);
    assert.equal(f!.text, 'apii.shop.svc.cluster.local');
    assert.match(
      f!.message,
      /^No Service "apii" in namespace shop: did you mean "api"\? apii\.shop\.svc\.cluster\.local names it \(env URL0 of container app\)\./,
    );
    assert.equal(f!.diagnostic.related[0]!.file.path, 'svc.yaml');
    assert.equal(f!.diagnostic.fixes[0]!.preferred, true);
    const next = fixAndRecheck(files, f!, /Rename to "api"/);
    assert.match(next['client.yaml']!, /value: http:\/\/api\.shop\.svc\.cluster\.local:80\/v1/);
  });

  it('reports in ConfigMap data and in another namespace named by the reference', () => {
    const files = {
      'pay.yaml': service('api', 'payments', '    - port: 80\n'),
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\n  namespace: shop\ndata:\n  upstream: |\n    server billing.payments.svc:80;\n',
    };
    const [f] = check(files, rule);
    assert.equal(f!.line, 8);
    assert.equal(f!.text, 'billing.payments.svc');
    assert.match(
      f!.message,
      /^No Service "billing" in namespace payments: fix the name or add the Service\. .*ConfigMap data key upstream.*Its Services: api\./,
    );
    assert.equal(f!.diagnostic.fixes.length, 0);
  });

  it('honours a custom clusterDomain', () => {
    const files = { 'svc.yaml': api80to8080, 'client.yaml': client(['apii.shop.svc.corp.internal']) };
    assert.equal(check(files, rule, { clusterDomain: 'corp.internal' }).length, 1);
    assert.equal(check(files, rule).length, 0);
  });

  it('is silent when the namespace has nothing in the workspace, or only the referring object', () => {
    assert.deepEqual(check({ 'svc.yaml': api80to8080, 'client.yaml': client(['db.payments.svc:5432']) }, rule), []);
    assert.deepEqual(check({ 'client.yaml': client(['redis.shop.svc.cluster.local:6379']) }, rule), []);
  });

  it('does not count the Namespace object: a workspace that only declares a namespace may deploy its apps by other means', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n';
    assert.deepEqual(check({ 'ns.yaml': ns, 'client.yaml': client(['db.payments.svc:5432']) }, rule), []);
    // One real object of the namespace in the workspace, and the missing Service is reported.
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: payments\n';
    assert.equal(check({ 'ns.yaml': ns, 'cm.yaml': cm, 'client.yaml': client(['db.payments.svc:5432']) }, rule).length, 1);
  });

  it('is silent for existing Services, short forms and hosts that are not Service names', () => {
    const files = {
      'svc.yaml': api80to8080,
      'client.yaml': client(['api.shop.svc:80', 'apii:80', 'apii.shop', 'https://apii.shop.svc.example.com', 'API.SHOP.SVC']),
    };
    assert.deepEqual(check(files, rule), []);
  });

  it('is silent for the Services every cluster has, and for Services an operator makes from a custom resource', () => {
    const files = {
      'svc.yaml': api80to8080.replace(/shop/g, 'default'),
      'dns.yaml': service('other', 'kube-system', '    - port: 1\n'),
      'client.yaml': client([
        'https://kubernetes.default.svc:443',
        'kube-dns.kube-system.svc.cluster.local:53',
        'kibana-kb-http.default.svc:5601',
      ]),
      'kibana.yaml':
        'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\n  namespace: default\nspec:\n  version: 8.0.0\n',
    };
    assert.deepEqual(check(files, rule), []);
    // A Certificate makes no Service: it explains nothing.
    const cert =
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: kibana\n  namespace: default\nspec:\n  secretName: x\n';
    assert.equal(check({ ...files, 'kibana.yaml': cert }, rule).length, 1);
  });

  it('is silenced by a suppression comment and by the ignore annotation', () => {
    const comment = client(['apii.shop.svc']).replace(
      '              value:',
      '              # podpath-ignore service-reference-not-found\n              value:',
    );
    assert.deepEqual(check({ 'svc.yaml': api80to8080, 'client.yaml': comment }, rule), []);
    const annotated = client(['apii.shop.svc']).replace(
      '  namespace: shop\n',
      '  namespace: shop\n  annotations:\n    podpath.dev/ignore: service-reference-not-found\n',
    );
    assert.deepEqual(check({ 'svc.yaml': api80to8080, 'client.yaml': annotated }, rule), []);
  });
});

describe('service-reference-port-not-found', () => {
  const rule = 'service-reference-port-not-found';

  it('reports the targetPort used instead of the Service port, names the Service port, and fixes it', () => {
    const files = {
      'svc.yaml': api80to8080,
      'api.yaml': backend('api', 'shop', 8080),
      'client.yaml': client(['http://api.shop.svc.cluster.local:8080/v1']),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 15);
    assert.equal(f!.text, '8080');
    assert.match(
      f!.message,
      /^Service api has no port 8080: use api\.shop\.svc\.cluster\.local:80\. 8080 is the targetPort of Service port 80 \(http\) \(env URL0 of container app\); in-cluster clients must use the Service port, not the Pod's port\.$/,
    );
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [['Change port to 80', true]],
    );
    const next = fixAndRecheck(files, f!, /Change port to 80/);
    assert.match(next['client.yaml']!, /api\.shop\.svc\.cluster\.local:80\/v1/);
  });

  it('recognises the container port behind a named targetPort, for a short-form reference', () => {
    const files = {
      'svc.yaml': service('api', 'shop', '    - name: web\n      port: 80\n      targetPort: http\n    - name: admin\n      port: 9000\n'),
      'api.yaml': backend('api', 'shop', 8080),
      'client.yaml': client(['api:8080']),
    };
    const [f] = check(files, rule);
    assert.equal(f!.text, '8080');
    assert.match(
      f!.message,
      /^Service api has no port 8080: use api:80\. 8080 is the container port behind targetPort "http" of Service port 80 \(web\)/,
    );
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [
        ['Change port to 80', true],
        ['Change port to 9000', false],
      ],
    );
    fixAndRecheck(files, f!, /Change port to 80$/);
  });

  it('reports a plain wrong port with the list of ports, in a --flag argument and another namespace', () => {
    const files = {
      'svc.yaml': service('api', 'payments', '    - name: http\n      port: 80\n'),
      'client.yaml': client([], 'shop', '          args: ["--api=http://api.payments:81"]\n'),
    };
    const [f] = check(files, rule);
    assert.equal(f!.line, 14);
    assert.equal(f!.text, '81');
    assert.match(f!.message, /^Service api has no port 81: use api\.payments:80\. Its ports: 80 \(http\) \(args of container app\)\./);
    const next = fixAndRecheck(files, f!, /Change port to 80/);
    assert.match(next['client.yaml']!, /"--api=http:\/\/api\.payments:80"/);
  });

  it('is silent when the port is a Service port, or no port is written', () => {
    const files = { 'svc.yaml': api80to8080, 'client.yaml': client(['api:80', 'http://api.shop.svc', 'api.shop.svc.cluster.local:80']) };
    assert.deepEqual(check(files, rule), []);
  });

  it('is silent for short forms with no such Service, and for other namespaces of a short name', () => {
    const files = { 'svc.yaml': api80to8080, 'client.yaml': client(['web:8080', 'api:8080'], 'other') };
    assert.deepEqual(check(files, rule), []);
  });

  it('is silent for headless and ExternalName Services, and when the ports cannot be read', () => {
    const headless = service('api', 'shop', '    - port: 80\n      targetPort: 8080\n', '  clusterIP: None\n');
    const external = service('api', 'shop', '    - port: 80\n', '  type: ExternalName\n  externalName: api.example.com\n');
    const broken = service('api', 'shop', '    - port: eighty\n');
    const mapPorts = service('api', 'shop', '    http: 80\n');
    for (const svc of [headless, external, broken, mapPorts]) {
      assert.deepEqual(
        check({ 'svc.yaml': svc, 'client.yaml': client(['web-0.api.shop.svc.cluster.local:8080', 'api:8080']) }, rule),
        [],
        svc,
      );
    }
  });

  it('checks a Service in a kustomization namespace and a CronJob client', () => {
    const files = {
      // The client is applied with the Service (one apply unit): links resolve only inside a unit.
      'base/kustomization.yaml': 'namespace: shop\nresources:\n  - svc.yaml\n  - job.yaml\n',
      'base/svc.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n    - port: 80\n      targetPort: 8080\n',
      'base/job.yaml':
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ping\n  namespace: shop\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              args: ["api.shop.svc:8080"]\n',
    };
    const [f] = check(files, rule);
    assert.equal(f!.file, 'base/job.yaml');
    assert.match(f!.message, /8080 is the targetPort of Service port 80/);
  });
});
