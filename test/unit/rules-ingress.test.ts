/** ingress-backend-service-not-found and ingress-backend-port-not-found. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, findingsOf, indexOf, uriOf, type Found } from './helpers';

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
      `new finding after the fix: ${x.rule} ${x.message}\n${next[f.file]}`,
    );
  return next;
}

const web = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
    - name: http
      port: 80
      targetPort: 8080
    - name: https
      port: 443
      targetPort: 8443
`;

const webDeploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          ports:
            - {containerPort: 8080, name: http}
            - {containerPort: 8443, name: https}
`;

/** An Ingress in shop with one rule path whose backend is `backend` (indented for the v1 form). */
const ingress = (backend: string, ns = 'shop', apiVersion = 'networking.k8s.io/v1'): string => `apiVersion: ${apiVersion}
kind: Ingress
metadata:
  name: shop
  namespace: ${ns}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
${backend}`;

const v1 = (name: string, port: string): string =>
  `              service:\n                name: ${name}\n                port:\n                  ${port}\n`;

describe('ingress-backend-service-not-found', () => {
  const rule = 'ingress-backend-service-not-found';

  it('reports a backend naming no Service, suggests the closest, and renames it', () => {
    const files = { 'web.yaml': web, 'ing.yaml': ingress(v1('wbe', 'number: 80')) };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 15);
    assert.equal(f!.text, 'wbe');
    assert.equal(f!.message, 'No Service "wbe" in namespace shop: did you mean "web"? The backend of shop.example.com/ names it.');
    assert.equal(f!.diagnostic.related[0]!.file.path, 'web.yaml');
    assert.equal(f!.diagnostic.fixes[0]!.preferred, true);
    const next = fixAndRecheck(files, f!, /Rename to "web"/);
    assert.match(next['ing.yaml']!, /name: web\n/);
  });

  it('reports the defaultBackend and the old serviceName form', () => {
    const files = {
      'web.yaml': web,
      'ing.yaml': `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n  namespace: shop\nspec:\n  backend:\n    serviceName: default-http\n    servicePort: 80\n  rules:\n    - http:\n        paths:\n          - backend:\n              serviceName: webb\n              servicePort: http\n`,
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => [f.line, f.text]),
      [
        [8, 'default-http'],
        [14, 'webb'],
      ],
    );
    assert.match(
      found[0]!.message,
      /^No Service "default-http" in namespace shop: fix the name or add the Service\. The default backend names it; the namespace's Services: web\./,
    );
    assert.match(found[1]!.message, /^No Service "webb" in namespace shop: did you mean "web"\? The backend of \*\/ names it\./);
  });

  it('never looks in another namespace: the Service must be in the Ingress namespace', () => {
    const found = check({ 'web.yaml': web, 'ing.yaml': ingress(v1('web', 'number: 80'), 'front') }, rule);
    assert.equal(found.length, 1);
    assert.match(
      found[0]!.message,
      /^Service "web" is only in namespace shop: move it here\. .*looks in namespace front, and backends do not cross namespaces by themselves\./,
    );
  });

  it('is silent for existing Services, resource backends and wrong types', () => {
    assert.deepEqual(check({ 'web.yaml': web, 'ing.yaml': ingress(v1('web', 'number: 80')) }, rule), []);
    const resource = ingress(
      '              resource:\n                apiGroup: k8s.example.com\n                kind: StorageBucket\n                name: assets\n',
    );
    assert.deepEqual(check({ 'ing.yaml': resource }, rule), []);
    const odd = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  rules: {http: 1}\n  defaultBackend: [a]\n';
    // Wrong types are field-type-invalid's finding (rules-field-types.test.ts), not a missing Service.
    assert.deepEqual(check({ 'ing.yaml': odd }, rule), []);
    const odd2 = ingress('              service: {name: [x], port: 80}\n');
    assert.deepEqual(check({ 'ing.yaml': odd2 }, rule), []);
  });

  it('is silent for placeholder names and for Services an operator makes from a custom resource', () => {
    assert.deepEqual(check({ 'web.yaml': web, 'ing.yaml': ingress(v1('__SERVICE__', 'number: 80')) }, rule), []);
    const ray = 'apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: rayllm\n  namespace: shop\nspec: {}\n';
    assert.deepEqual(check({ 'web.yaml': web, 'ray.yaml': ray, 'ing.yaml': ingress(v1('rayllm-head-svc', 'number: 8000')) }, rule), []);
    // Short Service names contained in the missing name are no suggestion.
    const ad = web.replace('name: web\n', 'name: ad\n');
    const [f] = check({ 'web.yaml': ad, 'ing.yaml': ingress(v1('rayllm-head-svc', 'number: 8000')) }, rule);
    assert.match(f!.message, /Services: ad\.$/);
    assert.deepEqual(f!.diagnostic.fixes, []);
  });

  it('re-checks incrementally when the Service appears, is renamed or loses the port', () => {
    // (Another Service of the namespace is in the workspace, so a missing one is news.)
    const index = indexOf({ 'ing.yaml': ingress(v1('web', 'number: 80')), 'db.yaml': web.replace(/name: web/g, 'name: postgres') });
    assert.equal(findingsOf(index, rule).length, 1);
    index.setFile(uriOf('web.yaml'), 'web.yaml', web, 2);
    index.check();
    assert.deepEqual(findingsOf(index, rule), []);
    index.setFile(uriOf('web.yaml'), 'web.yaml', web.replace('name: web\n', 'name: webapp\n'), 3);
    index.check();
    assert.match(findingsOf(index, rule)[0]!.message, /did you mean "webapp"\?/);
    index.setFile(uriOf('web.yaml'), 'web.yaml', web.replace('port: 80\n', 'port: 8000\n'), 4);
    index.check();
    assert.deepEqual(findingsOf(index, rule), []);
    assert.equal(findingsOf(index, 'ingress-backend-port-not-found').length, 1);
  });

  it('reads Services and Ingresses inside a List', () => {
    const indent = (t: string): string =>
      t
        .trimEnd()
        .split('\n')
        .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
        .join('\n');
    const list = `apiVersion: v1\nkind: List\nitems:\n${indent(web)}\n${indent(ingress(v1('wbe', 'number: 8080')))}\n`;
    const found = check({ 'list.yaml': list });
    assert.deepEqual(
      found.filter((f) => f.rule.startsWith('ingress-')).map((f) => [f.rule, f.text]),
      [['ingress-backend-service-not-found', 'wbe']],
    );
    const fixed = check({ 'list.yaml': list.replace('name: wbe', 'name: web') }, 'ingress-backend-port-not-found');
    assert.deepEqual(
      fixed.map((f) => f.text),
      ['8080'],
    );
  });

  it('follows the kustomization namespace of both files', () => {
    const files = {
      'k/kustomization.yaml': 'namespace: shop\nresources: [svc.yaml, ing.yaml]\n',
      'k/svc.yaml': web.replace('  namespace: shop\n', ''),
      'k/ing.yaml': ingress(v1('web', 'number: 80')).replace('  namespace: shop\n', ''),
    };
    assert.deepEqual(check(files, rule), []);
  });
});

describe('ingress-backend-port-not-found', () => {
  const rule = 'ingress-backend-port-not-found';

  it('explains the targetPort used instead of the Service port, and the preferred fix uses the Service port', () => {
    const files = { 'web.yaml': web, 'app.yaml': webDeploy, 'ing.yaml': ingress(v1('web', 'number: 8080')) };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 17);
    assert.equal(f!.text, '8080');
    assert.equal(
      f!.message,
      'Service web has no port 8080: use 80. 8080 is the targetPort of Service port 80 (http); an Ingress backend names the Service port, not the Pod\'s port — use 80 (or the name "http").',
    );
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [
        ['Change port to 80', true],
        ['Change port to "http"', false],
        ['Change port to 443', false],
        ['Change port to "https"', false],
      ],
    );
    assert.equal(f!.diagnostic.related.length, 2);
    const byNumber = fixAndRecheck(files, f!, /^Change port to 80$/);
    assert.match(byNumber['ing.yaml']!, / {18}number: 80\n/);
    const byName = fixAndRecheck(files, f!, /^Change port to "http"$/);
    assert.match(byName['ing.yaml']!, /port:\n {18}name: http\n/);
  });

  it('recognises the container port behind a named targetPort', () => {
    const named = web.replace('targetPort: 8080', 'targetPort: http');
    const [f] = check({ 'web.yaml': named, 'app.yaml': webDeploy, 'ing.yaml': ingress(v1('web', 'number: 8080')) }, rule);
    assert.match(
      f!.message,
      /^Service web has no port 8080: use 80\. 8080 is the container port behind targetPort "http" of Service port 80 \(http\); .*use 80/,
    );
  });

  it('reports a plain wrong number with the Service ports', () => {
    const [f] = check({ 'web.yaml': web, 'ing.yaml': ingress(v1('web', 'number: 8000')) }, rule);
    assert.equal(f!.message, 'Service web has no port 8000: use one of its ports. Its ports: 80 (http), 443 (https).');
    assert.equal(
      f!.diagnostic.fixes.some((x) => x.preferred),
      false,
    );
  });

  it('reports a wrong port name, and a targetPort name used in place of the Service port name', () => {
    const files = { 'web.yaml': web, 'ing.yaml': ingress(v1('web', 'name: htp')) };
    const [f] = check(files, rule);
    assert.equal(f!.text, 'htp');
    assert.equal(f!.message, 'Service web has no port named "htp": use one of its port names. Its ports: 80 (http), 443 (https).');
    const next = fixAndRecheck(files, f!, /^Change port to 80$/);
    assert.match(next['ing.yaml']!, /port:\n {18}number: 80\n/);
    const svc = web.replace('- name: http', '- name: web').replace('targetPort: 8080', 'targetPort: http');
    const [g] = check({ 'web.yaml': svc, 'ing.yaml': ingress(v1('web', 'name: http')) }, rule);
    assert.match(
      g!.message,
      /^Service web has no port named "http": use "web"\. "http" is the Pods' port name \(targetPort of Service port 80 \(web\)\); an Ingress backend must name the Service port — use "web" or number 80\./,
    );
    assert.equal(g!.diagnostic.fixes.find((x) => x.preferred)?.title, 'Change port to "web"');
  });

  it('fixes flow maps and the old servicePort form in place', () => {
    const flow = { 'web.yaml': web, 'ing.yaml': ingress('              service: {name: web, port: {number: 8080}}\n') };
    const [f] = check(flow, rule);
    assert.match(fixAndRecheck(flow, f!, /"http"/)['ing.yaml']!, /port: \{name: http\}/);
    const legacy = {
      'web.yaml': web,
      'ing.yaml': ingress('              serviceName: web\n              servicePort: 8443\n', 'shop', 'networking.k8s.io/v1beta1'),
    };
    const [g] = check(legacy, rule);
    assert.equal(g!.text, '8443');
    assert.match(g!.message, /8443 is the targetPort of Service port 443 \(https\)/);
    assert.match(fixAndRecheck(legacy, g!, /^Change port to 443$/)['ing.yaml']!, /servicePort: 443\n/);
    assert.match(fixAndRecheck(legacy, g!, /"https"/)['ing.yaml']!, /servicePort: https\n/);
  });

  it('accepts a port by number or by name, digit strings, and is silent without a Service', () => {
    for (const port of ['number: 80', 'name: https', 'number: "443"']) {
      assert.deepEqual(check({ 'web.yaml': web, 'ing.yaml': ingress(v1('web', port)) }, rule), [], port);
    }
    assert.deepEqual(check({ 'ing.yaml': ingress(v1('web', 'number: 8080')) }, rule), []);
  });

  it('checks an ExternalName Service that declares ports: the backend port must be one of them', () => {
    const external =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: ExternalName\n  externalName: web.example.com\n  ports:\n    - {name: https, port: 443}\n';
    const [f, ...rest] = check({ 'web.yaml': external, 'ing.yaml': ingress(v1('web', 'number: 8443')) }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.message, 'Service web has no port 8443: use 443. Its ports: 443 (https).');
    for (const port of ['number: 443', 'name: https'])
      assert.deepEqual(check({ 'web.yaml': external, 'ing.yaml': ingress(v1('web', port)) }, rule), [], port);
  });

  it('is silent for ExternalName Services without ports and Services whose ports cannot be read', () => {
    const external =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: ExternalName\n  externalName: web.example.com\n';
    const mapPorts = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports: {http: 80}\n';
    const badPort = web.replace('port: 443', 'port: "four-four-three"');
    for (const svc of [external, mapPorts, badPort])
      assert.deepEqual(check({ 'web.yaml': svc, 'ing.yaml': ingress(v1('web', 'number: 8080')) }, rule), []);
  });

  it('is silenced by a suppression comment', () => {
    const ing = ingress(v1('web', '# podpath-ignore ingress-backend-port-not-found\n                  number: 8080'));
    assert.deepEqual(check({ 'web.yaml': web, 'ing.yaml': ing }, rule), []);
  });
});

describe('ingress-backend-invalid', () => {
  const rule = 'ingress-backend-invalid';

  it('reports the old serviceName/servicePort in networking.k8s.io/v1 and rewrites them into service.name/port', () => {
    const files = { 'web.yaml': web, 'ing.yaml': ingress('              serviceName: web\n              servicePort: 443\n') };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.text, 'serviceName');
    assert.match(
      f!.message,
      /^serviceName\/servicePort are gone in networking\.k8s\.io\/v1: use service\.name and service\.port\.number\. spec\.rules\[0\]\.http\.paths\[0\]\.backend uses the fields of the old .*networking\.k8s\.io\/v1 reads service\.name and service\.port\.number/,
    );
    const next = fixAndRecheck(files, f!, /Rewrite as service/);
    assert.match(
      next['ing.yaml']!,
      /backend:\n              service:\n                name: web\n                port:\n                  number: 443\n/,
    );
    assert.deepEqual(check(next, rule), []);
    // The old APIs have exactly these fields.
    assert.deepEqual(
      check(
        {
          'web.yaml': web,
          'ing.yaml': ingress('              serviceName: web\n              servicePort: 443\n', 'shop', 'networking.k8s.io/v1beta1'),
        },
        rule,
      ),
      [],
    );
  });

  it('reports a v1 backend with neither service nor resource, a service without port, and spec.backend', () => {
    const noTarget = ingress('              {}\n');
    assert.match(check({ 'ing.yaml': noTarget }, rule)[0]!.message, /names neither service nor resource/);
    const noPort = ingress('              service: {name: web}\n');
    const [p] = check({ 'web.yaml': web, 'ing.yaml': noPort }, rule);
    assert.match(
      p!.message,
      /^This backend's service has no port: add port\.number or port\.name\. .*\.service has no port, which networking\.k8s\.io\/v1 requires/,
    );
    const both = ingress(v1('web', 'number: 443\n                  name: https'));
    assert.match(check({ 'web.yaml': web, 'ing.yaml': both }, rule)[0]!.message, /has both number and name/);
    const oldDefault =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  backend:\n    service: {name: web, port: {number: 443}}\n';
    const [d] = check({ 'web.yaml': web, 'ing.yaml': oldDefault }, rule);
    assert.match(d!.message, /^spec\.backend is called defaultBackend in networking\.k8s\.io\/v1: rename it\./);
    assert.match(fixAndRecheck({ 'web.yaml': web, 'ing.yaml': oldDefault }, d!, /defaultBackend/)['ing.yaml']!, /\n  defaultBackend:\n/);
  });

  it('is silent for valid v1 backends (service with port, resource)', () => {
    const resource = ingress('              resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}\n');
    for (const ing of [ingress(v1('web', 'number: 443')), ingress(v1('web', 'name: https')), resource])
      assert.deepEqual(check({ 'web.yaml': web, 'ing.yaml': ing }, rule), []);
  });
});
