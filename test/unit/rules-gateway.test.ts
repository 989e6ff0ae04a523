/** The Gateway API attachment rules: parents, listeners, certificates, classes, BackendTLSPolicies. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, findingsOf, indexOf, uriOf } from './helpers';

const ns = (name: string, labels = ''): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels ? `  labels: {${labels}}\n` : ''}`;
const svc = (name: string, namespace: string, ports = '[{name: http, port: 80, targetPort: 8080}]'): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector: {app: ${name}}\n  ports: ${ports}\n`;

/** A Gateway `public` in namespace infra with the given listeners (block YAML, indented 4). */
const gateway = (listeners: string, extra = ''): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
${extra}spec:
  gatewayClassName: shared
  listeners:
${listeners}`;

const httpListener = `    - name: http
      port: 80
      protocol: HTTP
      hostname: "*.example.com"
`;

/** An HTTPRoute `web` in namespace `routeNs` with the given parentRef lines (indented 4) and hostnames. */
const route = (parent: string, routeNs = 'infra', hostnames = '[shop.example.com]'): string => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${routeNs}
spec:
  parentRefs:
${parent}  hostnames: ${hostnames}
  rules:
    - matches: [{path: {type: PathPrefix, value: /api}}]
      backendRefs:
        - name: web
          port: 80
`;

describe('route-parent-not-found', () => {
  const rule = 'route-parent-not-found';

  it('reports a Gateway name that is not in a namespace that has Gateways, with the closest name as fix', () => {
    const files = {
      'gw.yaml': gateway(httpListener),
      'route.yaml': route('    - name: pubilc\n      namespace: infra\n'),
      'svc.yaml': svc('web', 'infra'),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.text, 'pubilc');
    assert.match(f!.message, /^No Gateway "pubilc" in namespace infra: did you mean "public"\? HTTPRoute \S+ attaches to nothing/);
    const fixed = applyFix(files, f!.diagnostic, /Change the parent to "public"/);
    assert.deepEqual(check(fixed, rule), []);
  });

  it('names the namespace where a Gateway of that name lives', () => {
    const files = { 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n', 'shop'), 'svc.yaml': svc('web', 'shop') };
    const [f] = check(files, rule);
    assert.match(
      f!.message,
      /^No Gateway "public" in namespace shop: set namespace: infra\. .*A Gateway of that name is in namespace infra: set parentRefs\[\]\.namespace/,
    );
  });

  it('is silent when the Gateway may be kept elsewhere: no Gateway in its namespace in the workspace, or a namespace with nothing here', () => {
    assert.deepEqual(check({ 'route.yaml': route('    - name: public\n', 'shop'), 'svc.yaml': svc('web', 'shop') }, rule), []);
    assert.deepEqual(
      check({ 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: edge\n      namespace: platform\n', 'infra') }, rule),
      [],
    );
  });

  it('is silent for mesh routes (parentRef kind Service)', () => {
    assert.deepEqual(
      check(
        {
          'gw.yaml': gateway(httpListener),
          'svc.yaml': svc('web', 'infra'),
          'route.yaml': route('    - {group: "", kind: Service, name: web}\n', 'infra', '[]'),
        },
        rule,
      ),
      [],
    );
  });
});

describe('route-not-accepted', () => {
  const rule = 'route-not-accepted';

  it('NoMatchingParent: an unknown sectionName, with the closest listener name as fix', () => {
    const files = { 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n      sectionName: htp\n') };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.text, 'htp');
    assert.match(
      f!.message,
      /^Gateway public rejects this route: fix sectionName or port\. .*not accepted \(NoMatchingParent\): Gateway public has no listener named "htp"/,
    );
    assert.deepEqual(check(applyFix(files, f!.diagnostic, /Change sectionName to "http"/), rule), []);
  });

  it('NoMatchingParent: no listener on the parentRef port', () => {
    const [f] = check({ 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n      port: 8080\n') }, rule);
    assert.match(f!.message, /has no listener on port 8080/);
    assert.equal(f!.text, '8080');
  });

  it('NotAllowedByListeners: a route from another namespace on a `Same` listener, fixed by admitting its namespace', () => {
    const files = {
      'gw.yaml': gateway(httpListener),
      'route.yaml': route('    - name: public\n      namespace: infra\n', 'shop'),
      'svc.yaml': svc('web', 'shop'),
      'ns.yaml': `${ns('shop')}---\n${ns('infra')}`,
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.match(
      f!.message,
      /\(NotAllowedByListeners\): listener "http" admits no routes from namespace shop \(allowedRoutes\.namespaces\.from is Same: only namespace infra\)/,
    );
    const fixed = applyFix(files, f!.diagnostic, /Admit routes from namespace shop on listener http/);
    assert.match(
      fixed['gw.yaml']!,
      /allowedRoutes:\n\s+namespaces:\n\s+from: Selector\n\s+selector:\n\s+matchExpressions:\n\s+- key: kubernetes\.io\/metadata\.name\n\s+operator: In\n\s+values: \[infra, shop\]/,
    );
    assert.deepEqual(check(fixed, rule), []);
  });

  it('NotAllowedByListeners: a Selector that does not match the Namespace labels; the automatic kubernetes.io/metadata.name counts', () => {
    const sel = (labels: string) =>
      `    - name: http\n      port: 80\n      protocol: HTTP\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector:\n            matchLabels: {${labels}}\n`;
    const files = { 'route.yaml': route('    - name: public\n      namespace: infra\n', 'shop'), 'ns.yaml': ns('shop', 'team: shop') };
    assert.equal(check({ ...files, 'gw.yaml': gateway(sel('expose: "true"')) }, rule).length, 1);
    assert.deepEqual(check({ ...files, 'gw.yaml': gateway(sel('team: shop')) }, rule), []);
    assert.deepEqual(check({ ...files, 'gw.yaml': gateway(sel('kubernetes.io/metadata.name: shop')) }, rule), []);
    // Without the Namespace object its labels are unknown: silent, except for the automatic label.
    assert.deepEqual(check({ 'route.yaml': files['route.yaml'], 'gw.yaml': gateway(sel('expose: "true"')) }, rule), []);
    assert.equal(check({ 'route.yaml': files['route.yaml'], 'gw.yaml': gateway(sel('kubernetes.io/metadata.name: web')) }, rule).length, 1);
  });

  it('NotAllowedByListeners: a route kind the listener does not take', () => {
    const tls = '    - name: tls\n      port: 443\n      protocol: TLS\n      tls: {mode: Passthrough}\n';
    const [f] = check({ 'gw.yaml': gateway(tls), 'route.yaml': route('    - name: public\n', 'infra', '[]') }, rule);
    assert.match(f!.message, /listener "tls" takes TLSRoute, not HTTPRoute/);
    const kinds = '    - name: http\n      port: 80\n      protocol: HTTP\n      allowedRoutes:\n        kinds: [{kind: GRPCRoute}]\n';
    assert.match(
      check({ 'gw.yaml': gateway(kinds), 'route.yaml': route('    - name: public\n', 'infra', '[]') }, rule)[0]!.message,
      /takes GRPCRoute, not HTTPRoute/,
    );
  });

  it('NoMatchingListenerHostname: no route hostname intersects the listener hostnames (wildcards are suffixes)', () => {
    const [f] = check(
      { 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n', 'infra', '[shop.example.org]') },
      rule,
    );
    assert.match(
      f!.message,
      /\(NoMatchingListenerHostname\): none of the hostnames shop\.example\.org intersects the listener hostname \*\.example\.com/,
    );
    assert.equal(f!.text, 'shop.example.org');
    for (const ok of ['[a.b.example.com]', '["*.example.com"]', '["*.shop.example.com"]', '[]']) {
      assert.deepEqual(check({ 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n', 'infra', ok) }, rule), [], ok);
    }
    assert.equal(
      check({ 'gw.yaml': gateway(httpListener), 'route.yaml': route('    - name: public\n', 'infra', '[example.com]') }, rule).length,
      1,
    );
  });
});

describe('gateway-listener-conflict', () => {
  const rule = 'gateway-listener-conflict';

  it('reports two listeners of one Gateway whose protocols cannot share a port', () => {
    const [a, b, ...rest] = check(
      {
        'gw.yaml': gateway(
          `${httpListener}    - name: https\n      port: 80\n      protocol: HTTPS\n      tls: {certificateRefs: [{name: cert}]}\n`,
        ),
      },
      rule,
    );
    assert.equal(rest.length, 0);
    assert.match(
      a!.message,
      /^Listener "http" clashes with another on port 80: change its protocol or port\. It conflicts with listener "https" \(ProtocolConflict\): HTTP and HTTPS cannot share port 80/,
    );
    assert.match(
      b!.message,
      /^Listener "https" clashes with another on port 80: change its protocol or port\. It conflicts with listener "http"/,
    );
  });

  it('reports a ListenerSet listener that takes a port and hostname of its Gateway; the Gateway keeps it', () => {
    const ls = `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: team
  namespace: infra
spec:
  parentRef: {name: public}
  listeners:
    - name: mine
      port: 80
      protocol: HTTP
      hostname: "*.example.com"
`;
    const gw = gateway(httpListener).replace('spec:\n', 'spec:\n  allowedListeners:\n    namespaces: {from: Same}\n');
    const fs = check({ 'gw.yaml': gw, 'ls.yaml': ls }, rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.file, 'ls.yaml');
    assert.match(
      fs[0]!.message,
      /^Listener "mine" clashes with another on port 80: change its hostname or port\. It conflicts with listener "http" of Gateway public \(HostnameConflict\)/,
    );
    // A ListenerSet the Gateway does not admit is no listener of it.
    assert.deepEqual(check({ 'gw.yaml': gateway(httpListener), 'ls.yaml': ls }, rule), []);
  });

  it('is silent for TCP and UDP on one port, and for distinct hostnames', () => {
    const dns = '    - {name: dns-tcp, port: 53, protocol: TCP}\n    - {name: dns-udp, port: 53, protocol: UDP}\n';
    const hosts = `${httpListener}    - {name: other, port: 80, protocol: HTTP, hostname: shop.example.org}\n`;
    assert.deepEqual(check({ 'gw.yaml': gateway(dns + hosts) }, rule), []);
  });
});

describe('gateway-tls-secret-not-found and gateway-tls-secret-not-permitted', () => {
  const https = (ref: string) =>
    `    - name: https\n      port: 443\n      protocol: HTTPS\n      tls:\n        certificateRefs:\n          - ${ref}\n`;
  const secret = (name: string, namespace: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ntype: kubernetes.io/tls\n`;

  it('not-found: info when the Secret is not in the workspace; silent with it, or with cert-manager', () => {
    const [f, ...rest] = check({ 'gw.yaml': gateway(https('{name: shop-tls}')) }, 'gateway-tls-secret-not-found');
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'info');
    assert.equal(f!.text, 'shop-tls');
    assert.deepEqual(
      check({ 'gw.yaml': gateway(https('{name: shop-tls}')), 's.yaml': secret('shop-tls', 'infra') }, 'gateway-tls-secret-not-found'),
      [],
    );
    assert.deepEqual(
      check(
        { 'gw.yaml': gateway(https('{name: shop-tls}'), '  annotations: {cert-manager.io/cluster-issuer: le}\n') },
        'gateway-tls-secret-not-found',
      ),
      [],
    );
  });

  it('not-permitted: a Secret in another namespace needs a ReferenceGrant there', () => {
    const files = { 'gw.yaml': gateway(https('{name: shop-tls, namespace: certs}')), 's.yaml': secret('shop-tls', 'certs') };
    const [f, ...rest] = check(files, 'gateway-tls-secret-not-permitted');
    assert.equal(rest.length, 0);
    assert.equal(f!.text, 'certs');
    assert.match(
      f!.message,
      /Listener "https" may not use Secret certs\/shop-tls: no ReferenceGrant in namespace certs lets Gateways of namespace infra use Secret shop-tls/,
    );
    const grant =
      'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: gw-certs, namespace: certs}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]\n  to: [{group: "", kind: Secret}]\n';
    assert.deepEqual(check({ ...files, 'grant.yaml': grant }, 'gateway-tls-secret-not-permitted'), []);
    // A namespace with nothing in the workspace may hold its grants elsewhere.
    assert.deepEqual(check({ 'gw.yaml': files['gw.yaml'] }, 'gateway-tls-secret-not-permitted'), []);
  });
});

describe('gateway-class-not-found', () => {
  const rule = 'gateway-class-not-found';
  const cls = (name: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: ${name}\nspec:\n  controllerName: example.com/gateway\n`;

  it('reports a class not in the workspace a few edits from a declared one, with it as fix; silent without any class or a close one', () => {
    const files = { 'gw.yaml': gateway(httpListener), 'cls.yaml': cls('sahred') };
    const [f] = check(files, rule);
    assert.equal(f!.text, 'shared');
    assert.match(f!.message, /^GatewayClass "shared" is not in the workspace: did you mean "sahred"\? Its GatewayClasses: sahred\./);
    assert.deepEqual(check(applyFix(files, f!.diagnostic, /Change gatewayClassName to "sahred"/), rule), []);
    // A name unlike every declared class is most likely installed by the controller (istio, gke-l7-…).
    assert.deepEqual(check({ 'gw.yaml': gateway(httpListener), 'cls.yaml': cls('conformance-test') }, rule), []);
    assert.deepEqual(check({ 'gw.yaml': gateway(httpListener) }, rule), []);
    assert.deepEqual(check({ 'gw.yaml': gateway(httpListener), 'cls.yaml': cls('shared') }, rule), []);
  });
});

describe('backendtlspolicy-target-not-found', () => {
  const rule = 'backendtlspolicy-target-not-found';
  const policy = (target: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: web-tls
  namespace: shop
spec:
  targetRefs:
    - ${target}
  validation:
    hostname: web.shop.svc
    wellKnownCACertificates: System
`;

  it('reports a missing Service, and a sectionName that is no port name; fixes the name', () => {
    const files = { 'svc.yaml': svc('web', 'shop', '[{name: https, port: 443, targetPort: 8443}]') };
    const [a] = check({ ...files, 'p.yaml': policy('{group: "", kind: Service, name: wbe}') }, rule);
    assert.match(a!.message, /^No Service "wbe" in namespace shop: did you mean "web"\? BackendTLSPolicy \S+ applies to nothing/);
    const withSection = { ...files, 'p.yaml': policy('{group: "", kind: Service, name: web, sectionName: htps}') };
    const [b] = check(withSection, rule);
    assert.match(
      b!.message,
      /^Service web has no port named "htps": use "https"\. Its port names: https; BackendTLSPolicy web-tls applies to nothing\./,
    );
    assert.deepEqual(check(applyFix(withSection, b!.diagnostic, /Change sectionName to "https"/), rule), []);
    assert.deepEqual(check({ ...files, 'p.yaml': policy('{group: "", kind: Service, name: web, sectionName: https}') }, rule), []);
  });
});

describe('route-backend-port-missing', () => {
  const rule = 'route-backend-port-missing';

  it('reports a Service backendRef without port (the API rejects the route) and adds the only port', () => {
    const files = {
      'svc.yaml': svc('web', 'infra'),
      'route.yaml': route('    - name: public\n').replace('        - name: web\n          port: 80\n', '        - name: web\n'),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.match(
      f!.message,
      /^This backendRef to a Service has no port: add port: 80\. .*the API rejects the route \("Must have port for Service reference"\)/,
    );
    const fixed = applyFix(files, f!.diagnostic, /Add port: 80/);
    assert.match(fixed['route.yaml']!, /- name: web\n\s+port: 80\n/);
    assert.deepEqual(check(fixed, rule), []);
    assert.deepEqual(check({ 'svc.yaml': svc('web', 'infra'), 'route.yaml': route('    - name: public\n') }, rule), []);
  });
});

describe('Gateway API findings after edits', () => {
  /** The findings of an index after each edit equal those of a fresh index of the same texts. */
  it('follow edits of the Gateway, the Namespace labels and ListenerSets, in the files that did not change', () => {
    const selector =
      '    - name: http\n      port: 80\n      protocol: HTTP\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector: {matchLabels: {expose: "yes"}}\n';
    const files: Record<string, string> = {
      'gw.yaml': gateway(selector),
      'route.yaml': route('    - name: public\n      namespace: infra\n      sectionName: http\n', 'shop', '[]'),
      'ns.yaml': ns('shop', 'expose: "no"'),
    };
    const index = indexOf(files);
    const all = (): string[] =>
      findingsOf(index)
        .filter((f) => f.rule.startsWith('route-') || f.rule.startsWith('gateway-'))
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)
        .sort();
    const fresh = (): string[] =>
      check(files)
        .filter((f) => f.rule.startsWith('route-') || f.rule.startsWith('gateway-'))
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)
        .sort();
    const edit = (path: string, text: string): void => {
      files[path] = text;
      index.setFile(uriOf(path), path, text, 2);
      index.check();
      assert.deepEqual(all(), fresh(), `after editing ${path}`);
    };
    assert.equal(all().length, 1);
    edit('ns.yaml', ns('shop', 'expose: "yes"'));
    assert.deepEqual(all(), []);
    edit('gw.yaml', gateway(selector.replace('name: http', 'name: web')));
    assert.match(all()[0]!, /has no listener named "http"/);
    edit('gw.yaml', gateway(selector));
    assert.deepEqual(all(), []);
    // A ListenerSet of the Gateway that takes the same port and hostname conflicts; removing it clears it.
    const ls =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata: {name: extra, namespace: infra}\nspec:\n  parentRef: {name: public}\n  listeners:\n    - {name: more, port: 80, protocol: HTTP}\n';
    edit('gw.yaml', gateway(selector).replace('spec:\n', 'spec:\n  allowedListeners: {namespaces: {from: Same}}\n'));
    edit('ls.yaml', ls);
    assert.ok(all().some((f) => f.startsWith('ls.yaml') && f.includes('gateway-listener-conflict')));
    delete files['ls.yaml'];
    index.removeFile(uriOf('ls.yaml'));
    index.check();
    assert.deepEqual(all(), fresh());
  });
});
