/** ingress-tls-secret-not-found, ingress-tls-host-not-covered and the Gateway API route rules. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and no rule reports more than before. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp): Record<string, string> {
  const before = check(files);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next);
  assert.equal(
    after.filter((x) => x.rule === f.rule).length,
    before.filter((x) => x.rule === f.rule).length - 1,
    `still reported after the fix:\n${next[f.file]}`,
  );
  // Other rules may word their findings differently (the host list grew), but none reports more.
  const count = (fs: Found[], rule: string): number => fs.filter((x) => x.rule === rule).length;
  for (const x of after)
    assert.ok(count(after, x.rule) <= count(before, x.rule), `new finding after the fix: ${x.rule} ${x.message}\n${next[f.file]}`);
  return next;
}

const svc = (name: string, ns: string, port = 80): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - port: ${port}\n      targetPort: 8080\n`;

/** An Ingress in shop with `tls` and rules for `hosts`, all to Service web:80. */
const tlsIngress = (tls: string, hosts: string[], annotations = ''): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
${annotations}spec:
  tls:
${tls}  rules:
${hosts.map((h) => `    - host: ${h}\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n`).join('')}`;

const oneTls = '    - hosts:\n        - shop.example.com\n      secretName: shop-tls\n';

describe('ingress-tls-secret-not-found', () => {
  const rule = 'ingress-tls-secret-not-found';

  it('reports a TLS Secret that nothing in the workspace provides', () => {
    const [f, ...rest] = check({ 'ing.yaml': tlsIngress(oneTls, ['shop.example.com']) }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'info');
    assert.equal(f!.line, 10);
    assert.equal(f!.text, 'shop-tls');
    assert.match(
      f!.message,
      /^Secret "shop-tls" is not in the workspace: add it or let cert-manager issue it\. No Secret shop-tls is in namespace shop.*shop\.example\.com gets the controller's default certificate.*cert-manager\.io\/cluster-issuer/,
    );
  });

  it('is silent with the Secret, a Certificate for it, or a sealed/external secret of that name, in the namespace', () => {
    const ing = tlsIngress(oneTls, ['shop.example.com']);
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-tls\n  namespace: shop\ntype: kubernetes.io/tls\n';
    const cert =
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  secretName: shop-tls\n  issuerRef: {name: le, kind: ClusterIssuer}\n';
    const sealed =
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-tls\n  namespace: shop\nspec:\n  encryptedData: {}\n';
    for (const other of [secret, cert, sealed]) assert.deepEqual(check({ 'ing.yaml': ing, 'other.yaml': other }, rule), [], other);
    // In another namespace they do not count.
    assert.equal(check({ 'ing.yaml': ing, 'other.yaml': secret.replace('namespace: shop', 'namespace: web') }, rule).length, 1);
  });

  it('is silent with cert-manager annotations', () => {
    for (const a of ['cert-manager.io/cluster-issuer: letsencrypt', 'cert-manager.io/issuer: local', 'kubernetes.io/tls-acme: "true"']) {
      assert.deepEqual(check({ 'ing.yaml': tlsIngress(oneTls, ['shop.example.com'], `  annotations:\n    ${a}\n`) }, rule), [], a);
    }
  });

  it('is silent for TLS entries without secretName', () => {
    assert.deepEqual(check({ 'ing.yaml': tlsIngress('    - hosts: [shop.example.com]\n', ['shop.example.com']) }, rule), []);
    assert.deepEqual(
      check({ 'ing.yaml': tlsIngress('    - hosts: [shop.example.com]\n      secretName: __TLS_SECRET__\n', ['shop.example.com']) }, rule),
      [],
    );
  });
});

describe('ingress-tls-host-not-covered', () => {
  const rule = 'ingress-tls-host-not-covered';

  it('reports a rule host outside every TLS entry and adds it to the TLS hosts', () => {
    const files = { 'ing.yaml': tlsIngress(oneTls, ['shop.example.com', 'api.example.com']) };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 19);
    assert.equal(f!.text, 'api.example.com');
    assert.match(
      f!.message,
      /^Host api\.example\.com is in no TLS entry: add it to the TLS hosts and the certificate\. .*\(TLS hosts: shop\.example\.com\)/,
    );
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [['Add api.example.com to TLS hosts (shop-tls)', true]],
    );
    const next = fixAndRecheck(files, f!, /Add api/);
    assert.match(next['ing.yaml']!, / {8}- shop\.example\.com\n {8}- api\.example\.com\n {6}secretName: shop-tls\n/);
  });

  it('matches wildcards one label deep only', () => {
    const wild = '    - hosts: ["*.example.com"]\n      secretName: wild\n';
    const found = check(
      { 'ing.yaml': tlsIngress(wild, ['a.example.com', 'a.b.example.com', 'example.com', '*.example.com', 'A.Example.COM']) },
      rule,
    );
    assert.deepEqual(
      found.map((f) => f.text),
      ['a.b.example.com', 'example.com'],
    );
  });

  it('adds to a flow list and offers every TLS entry when there are several', () => {
    const tls = '    - hosts: [a.example.com]\n      secretName: a\n    - hosts:\n        - b.example.com  # b\n      secretName: b\n';
    const files = { 'ing.yaml': tlsIngress(tls, ['a.example.com', 'c.example.com']) };
    const [f] = check(files, rule);
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [
        ['Add c.example.com to TLS hosts (a)', false],
        ['Add c.example.com to TLS hosts (b)', false],
      ],
    );
    assert.match(fixAndRecheck(files, f!, /\(a\)/)['ing.yaml']!, /hosts: \[a\.example\.com, c\.example\.com\]/);
    assert.match(fixAndRecheck(files, f!, /\(b\)/)['ing.yaml']!, /- b\.example\.com {2}# b\n {8}- c\.example\.com\n/);
  });

  it('is silent without tls, with a TLS entry without hosts, and for rules without host', () => {
    const noTls = tlsIngress('', ['a.example.com']).replace('  tls:\n', '');
    assert.deepEqual(check({ 'ing.yaml': noTls }, rule), []);
    assert.deepEqual(check({ 'ing.yaml': tlsIngress('    - secretName: default-cert\n', ['a.example.com']) }, rule), []);
    assert.deepEqual(
      check(
        {
          'ing.yaml': tlsIngress('    - hosts: [a.example.com]\n      secretName: a\n', ['a.example.com'])
            .replace('    - host: a.example.com\n', '    - http:\n')
            .replace('      http:\n', ''),
        },
        rule,
      ),
      [],
    );
    assert.deepEqual(check({ 'ing.yaml': tlsIngress('    - hosts: shop.example.com\n', ['a.example.com']) }, rule), []);
  });
});

/** An HTTPRoute in shop with one backendRef. */
const route = (ref: string, kind = 'HTTPRoute'): string => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: web
  namespace: shop
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules:
    - backendRefs:
        - ${ref}
`;

const grant = (from: string, to = '    - group: ""\n      kind: Service\n'): string =>
  `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow\n  namespace: payments\nspec:\n  from:\n${from}  to:\n${to}`;

describe('route-backend-service-not-found', () => {
  const rule = 'route-backend-service-not-found';

  it('reports a missing Service in the route namespace and renames it', () => {
    const files = { 'web.yaml': svc('web', 'shop'), 'route.yaml': route('name: wbe\n          port: 80') };
    const [f] = check(files, rule);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 10);
    assert.equal(f!.text, 'wbe');
    assert.equal(f!.message, 'No Service "wbe" in namespace shop: did you mean "web"? HTTPRoute web names it.');
    fixAndRecheck(files, f!, /Rename to "web"/);
  });

  it('looks in the namespace the backendRef names, when that namespace is in the workspace', () => {
    const ref = 'name: api\n          namespace: payments\n          port: 80';
    assert.equal(check({ 'web.yaml': svc('web', 'payments'), 'route.yaml': route(ref, 'GRPCRoute') }, rule).length, 1);
    assert.deepEqual(check({ 'api.yaml': svc('api', 'payments'), 'route.yaml': route(ref) }, rule), []);
    // Nothing of namespace payments in the workspace: it is managed elsewhere, even when
    // another namespace here has a Service of that name.
    assert.deepEqual(check({ 'route.yaml': route(ref) }, rule), []);
    assert.deepEqual(check({ 'api.yaml': svc('api', 'shop'), 'route.yaml': route(ref) }, rule), []);
  });

  it('ignores backendRefs of other kinds', () => {
    assert.deepEqual(check({ 'route.yaml': route('{group: example.com, kind: Bucket, name: x}') }, rule), []);
  });
});

describe('route-backend-port-not-found', () => {
  const rule = 'route-backend-port-not-found';

  it('reports the Pod port used instead of the Service port, and fixes it', () => {
    const files = { 'web.yaml': svc('web', 'shop'), 'route.yaml': route('name: web\n          port: 8080') };
    const [f] = check(files, rule);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 11);
    assert.equal(f!.text, '8080');
    assert.equal(
      f!.message,
      "Service web has no port 8080: use 80. 8080 is the targetPort of Service port 80; a backendRef names the Service port, not the Pod's port — use 80.",
    );
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [['Change port to 80', true]],
    );
    fixAndRecheck(files, f!, /Change port to 80/);
  });

  it('checks the Service in the backendRef namespace, and is silent when the port exists or is absent', () => {
    const ref = (port: number): string => `name: api\n          namespace: payments\n          port: ${port}`;
    assert.equal(
      check({ 'api.yaml': svc('api', 'payments', 9090), 'route.yaml': route(ref(90)) }, rule)[0]!.message,
      'Service api has no port 90: use 9090. Its ports: 9090.',
    );
    assert.deepEqual(check({ 'api.yaml': svc('api', 'payments', 9090), 'route.yaml': route(ref(9090)) }, rule), []);
    assert.deepEqual(check({ 'web.yaml': svc('web', 'shop'), 'route.yaml': route('name: web') }, rule), []);
  });
});

describe('route-backend-port-not-found: ExternalName', () => {
  const rule = 'route-backend-port-not-found';
  const external = (ports: string): string =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: ExternalName\n  externalName: web.example.com\n${ports}`;

  it('reports a port the ExternalName Service does not declare; without ports any number passes', () => {
    const [f] = check({ 'web.yaml': external('  ports: [{port: 443}]\n'), 'route.yaml': route('name: web\n          port: 8443') }, rule);
    assert.equal(f!.message, 'Service web has no port 8443: use 443. Its ports: 443.');
    assert.deepEqual(
      check({ 'web.yaml': external('  ports: [{port: 443}]\n'), 'route.yaml': route('name: web\n          port: 443') }, rule),
      [],
    );
    assert.deepEqual(check({ 'web.yaml': external(''), 'route.yaml': route('name: web\n          port: 8443') }, rule), []);
  });
});

describe('route-backend-not-permitted', () => {
  const rule = 'route-backend-not-permitted';
  const ref = 'name: api\n          namespace: payments\n          port: 80';
  const api = svc('api', 'payments');

  it('reports a cross-namespace backendRef without a ReferenceGrant', () => {
    const [f] = check({ 'api.yaml': api, 'route.yaml': route(ref) }, rule);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 11);
    assert.equal(f!.text, 'payments');
    assert.match(
      f!.message,
      /HTTPRoute web \(namespace shop\) may not use Service payments\/api: no ReferenceGrant in namespace payments allows HTTPRoute from namespace shop/,
    );
  });

  it('is satisfied by a matching ReferenceGrant, for all Services or that one', () => {
    const from = '    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      namespace: shop\n';
    assert.deepEqual(check({ 'api.yaml': api, 'route.yaml': route(ref), 'grant.yaml': grant(from) }, rule), []);
    assert.deepEqual(
      check(
        { 'api.yaml': api, 'route.yaml': route(ref), 'grant.yaml': grant(from, '    - group: ""\n      kind: Service\n      name: api\n') },
        rule,
      ),
      [],
    );
  });

  it('is not satisfied by a grant for another kind, namespace or Service name', () => {
    const wrong = [
      grant('    - group: gateway.networking.k8s.io\n      kind: GRPCRoute\n      namespace: shop\n'),
      grant('    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      namespace: other\n'),
      grant(
        '    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      namespace: shop\n',
        '    - group: ""\n      kind: Service\n      name: db\n',
      ),
    ];
    for (const g of wrong) {
      const [f] = check({ 'api.yaml': api, 'route.yaml': route(ref), 'grant.yaml': g }, rule);
      assert.equal(f?.diagnostic.related[0]?.file.path, 'grant.yaml', g);
    }
  });

  it('is silent for a mesh consumer route to the Service it is attached to', () => {
    const consumer = route(ref).replace(
      '  parentRefs: [{name: gw, namespace: infra}]',
      '  parentRefs: [{group: "", kind: Service, name: api, namespace: payments}]',
    );
    assert.deepEqual(check({ 'api.yaml': api, 'route.yaml': consumer }, rule), []);
    const other = consumer.replace('name: api, namespace: payments}', 'name: db, namespace: payments}');
    assert.equal(check({ 'api.yaml': api, 'route.yaml': other }, rule).length, 1);
  });

  it('is silent for same-namespace refs and when the target namespace has nothing in the workspace', () => {
    assert.deepEqual(check({ 'route.yaml': route(ref) }, rule), []);
    assert.deepEqual(
      check({ 'route.yaml': route('name: web\n          namespace: shop\n          port: 80'), 'web.yaml': svc('web', 'shop') }, rule),
      [],
    );
  });
});
