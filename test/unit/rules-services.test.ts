/** service-selector-no-match, service-target-port-not-found, service-port-protocol-mismatch. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, findingsOf, indexOf, uriOf, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and no rule reports more than before. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp): Record<string, string> {
  const before = check(files);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next);
  assert.equal(
    after.filter((x) => x.rule === f.rule && x.message === f.message).length,
    0,
    `still reported after the fix:\n${next[f.file]}`,
  );
  const count = (fs: Found[], rule: string): number => fs.filter((x) => x.rule === rule).length;
  for (const rule of new Set(after.map((x) => x.rule)))
    assert.ok(
      count(after, rule) <= count(before, rule),
      `new ${rule} after the fix: ${after
        .filter((x) => x.rule === rule)
        .map((x) => x.message)
        .join(' / ')}`,
    );
  return next;
}

const deploy = (name: string, labels: string, ports = '', extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels:
${labels}
    spec:
      containers:
        - name: app
          image: nginx
${ports}${extra}`;

const svc = (name: string, selector: string, ports: string, extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra}spec:
  selector:
${selector}
  ports:
${ports}`;

const webDeploy = deploy(
  'web',
  '        app: web',
  `          ports:
            - containerPort: 80
              name: http
`,
);

describe('service-selector-no-match', () => {
  const rule = 'service-selector-no-match';

  it('reports a selector value typo, names the closest template, and both fixes work', () => {
    const files = { 'svc.yaml': svc('web', '    app: wbe', '    - port: 80\n      targetPort: http\n'), 'apps/web.yaml': webDeploy };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 7);
    assert.equal(f!.text, 'wbe');
    assert.match(f!.message, /Service web selects app=wbe.*namespace default.*closest: Deployment web \(app=web\)/);
    assert.equal(f!.diagnostic.related[0]!.file.path, 'apps/web.yaml');
    // Only the selector fix: changing the template's app label would break its own selector.
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => x.title),
      ['Change selector to app=web'],
    );
    assert.equal(f!.diagnostic.fixes[0]!.preferred, true);
    const next = fixAndRecheck(files, f!, /Change selector/);
    assert.match(next['svc.yaml']!, /selector:\n    app: web\n/);
  });

  it('names no "closest" template when none has a matching pair or a near value', () => {
    const files = { 'svc.yaml': svc('web', '    app: payments', '    - port: 80\n'), 'apps/web.yaml': webDeploy };
    const [f] = check(files, rule);
    assert.doesNotMatch(f!.message, /closest/);
    assert.match(f!.message, /no template there shares any of these labels/);
    assert.deepEqual(f!.diagnostic.related, []);
  });

  it('offers to add a missing label to the template', () => {
    const files = {
      'svc.yaml': svc('web', '    app: web\n    tier: frontend', '    - port: 80\n'),
      'apps/web.yaml': deploy('web', '        app: web'),
    };
    const [f] = check(files, rule);
    assert.equal(f!.text, 'tier: frontend');
    assert.match(f!.message, /no label tier/);
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => x.title),
      ['Change selector to app=web', 'Add label tier=frontend to Deployment web'],
    );
    const next = fixAndRecheck(files, f!, /Add label/);
    assert.match(next['apps/web.yaml']!, / {8}app: web\n {8}tier: frontend\n/);
    fixAndRecheck(files, f!, /Change selector/);
  });

  it('adds metadata.labels to a template that has none, in a flow selector', () => {
    const files = {
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web, tier: fe}\n  ports: [{port: 80}]\n',
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
    };
    const [f] = check(files, rule);
    assert.equal(f!.line, 5);
    fixAndRecheck(files, f!, /Add label/);
    const next = fixAndRecheck(files, f!, /Change selector/);
    assert.match(next['svc.yaml']!, /selector: \{app: web\}/);
  });

  it('is silent on a full match, a superset of labels, and ExternalName / selector-less / empty-selector Services', () => {
    const many = deploy('web', '        app: web\n        tier: fe\n        version: v1');
    assert.deepEqual(check({ 's.yaml': svc('web', '    app: web\n    tier: fe', '    - port: 80\n'), 'd.yaml': many }, rule), []);
    const ext =
      'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: example.com\n  selector: {app: nothing}\n';
    const none = 'apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec:\n  ports: [{port: 80}]\n';
    const empty = 'apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  selector: {}\n  ports: [{port: 80}]\n';
    const wrong = 'apiVersion: v1\nkind: Service\nmetadata: {name: odd}\nspec:\n  selector: [app, web]\n  ports: 7\n';
    assert.deepEqual(check({ 'a.yaml': ext, 'b.yaml': none, 'c.yaml': empty, 'd.yaml': wrong }, rule), []);
  });

  it('matches only in the Service namespace; kustomization namespaces count', () => {
    const other = deploy('web', '        app: web').replace('  name: web\n', '  name: web\n  namespace: shop\n');
    const [f] = check({ 's.yaml': svc('web', '    app: web', '    - port: 80\n'), 'd.yaml': other }, rule);
    assert.match(
      f!.message,
      /no Pod template in namespace default has that label; Deployment web in namespace shop has them, but a Service selects Pods in its own namespace only\./,
    );
    const files = {
      'shop/kustomization.yaml': 'namespace: shop\nresources:\n  - svc.yaml\n',
      'shop/svc.yaml': svc('web', '    app: web', '    - port: 80\n'),
      'd.yaml': other,
    };
    assert.deepEqual(check(files, rule), []);
  });

  it('names the template in another namespace that has every pair over one here that has only a key in common', () => {
    const there = deploy('web', '        app: web').replace('  name: web\n', '  name: web\n  namespace: shop\n');
    const here = deploy('worker', '        app: worker');
    const [f] = check({ 's.yaml': svc('web', '    app: web', '    - port: 80\n'), 'shop.yaml': there, 'd.yaml': here }, rule);
    assert.match(f!.message, /Deployment web in namespace shop has them, but a Service selects Pods in its own namespace only\./);
    // One matching pair here is a closer lead than a full match elsewhere.
    const near = deploy('api', '        app: web\n        tier: back');
    const [g] = check(
      {
        's.yaml': svc('web', '    app: web\n    tier: front', '    - port: 80\n'),
        'shop.yaml': there
          .replace('app: web}', 'app: web, tier: front}')
          .replace('        app: web\n', '        app: web\n        tier: front\n'),
        'd.yaml': near,
      },
      rule,
    );
    assert.match(g!.message, /closest: Deployment api \(tier=back\)/);
  });

  it('reports a partial match; checks headless Services; ignores workload top-level labels', () => {
    const d = deploy('web', '        app: web').replace('  name: web\n', '  name: web\n  labels: {app: web, tier: fe}\n');
    const [f] = check(
      {
        's.yaml': svc('web', '    app: web\n    tier: fe', '    - port: 80\n', '').replace('spec:\n', 'spec:\n  clusterIP: None\n'),
        'd.yaml': d,
      },
      rule,
    );
    assert.equal(f!.rule, rule);
    assert.equal(f!.text, 'tier: fe');
  });

  it('matches CronJob, Job and Rollout-like templates and List items', () => {
    const cron =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: cron}}\n        spec:\n          containers: [{name: c, image: busybox}]\n';
    const rollout =
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    metadata: {labels: {app: ro}}\n    spec:\n      containers: [{name: c, image: nginx}]\n';
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec: {selector: {app: cron}, ports: [{port: 80}]}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n    spec: {selector: {app: ro}, ports: [{port: 80}]}\n`;
    assert.deepEqual(check({ 'c.yaml': cron, 'r.yaml': rollout, 'l.yaml': list }, rule), []);
  });

  it("indexes the items of typed lists (ServiceList, DeploymentList) like List, items without a kind taking the list's", () => {
    const deployments =
      'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: {name: web}\n    spec:\n      selector: {matchLabels: {app: web}}\n      template:\n        metadata: {labels: {app: web}}\n        spec: {containers: [{name: c, image: nginx}]}\n';
    const services =
      'apiVersion: v1\nkind: ServiceList\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: web}\n    spec: {selector: {app: web}, ports: [{port: 80}]}\n  - metadata: {name: api}\n    spec: {selector: {app: api}, ports: [{port: 80}]}\n';
    const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n---\n`;
    const index = indexOf({ 'd.yaml': deployments, 's.yaml': cm('a') + services });
    assert.deepEqual(
      [...index.resources()]
        .filter((r) => r.kind !== 'ConfigMap')
        .map((r) => `${r.kind} ${r.name}`)
        .sort(),
      ['Deployment web', 'Service api', 'Service web'],
    );
    // api selects nothing; web finds the Deployment of the other list.
    assert.deepEqual(
      findingsOf(index, rule).map((f) => f.text),
      ['app: api'],
    );
    // An edit of the document above moves the list: its items keep the kind they inherited.
    index.setFile(uriOf('s.yaml'), 's.yaml', cm('a-longer-name') + services, 2);
    index.check();
    assert.deepEqual(
      [...index.resources()]
        .filter((r) => r.kind !== 'ConfigMap')
        .map((r) => `${r.kind} ${r.name}`)
        .sort(),
      ['Deployment web', 'Service api', 'Service web'],
    );
    assert.deepEqual(
      findingsOf(index, rule).map((f) => [f.line, f.text]),
      [[13, 'app: api']],
    );
  });

  it('stays silent when the Pods come from elsewhere: runtime labels, operators, Helm templates', () => {
    const perPod = svc('redis-0', '    statefulset.kubernetes.io/pod-name: redis-0', '    - port: 6379\n');
    const prom =
      'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {replicas: 2}\n';
    const promSvc = svc(
      'prometheus-k8s',
      '    app.kubernetes.io/name: prometheus\n    app.kubernetes.io/instance: k8s',
      '    - port: 9090\n',
      '  namespace: monitoring\n',
    );
    const chart = svc('cart', '    service: cart', '    - port: 8080\n');
    assert.deepEqual(check({ 'a.yaml': perPod, 'p.yaml': prom, 'ps.yaml': promSvc, 'chart/templates/cart-svc.yaml': chart }, rule), []);
    // The same selector with no such custom resource is reported.
    const grafana = deploy('grafana', '        app: grafana').replace(
      'metadata:\n  name: grafana\n',
      'metadata:\n  name: grafana\n  namespace: monitoring\n',
    );
    assert.equal(check({ 'ps.yaml': promSvc, 'g.yaml': grafana }, rule).length, 1);
    // A namespace without any Pod template in the workspace gets its Pods from elsewhere.
    assert.deepEqual(check({ 'ps.yaml': promSvc }, rule), []);
  });

  it('honours suppression comments', () => {
    const s = svc('web', '    # podpath-ignore service-selector-no-match\n    app: wbe', '    - port: 80\n');
    assert.deepEqual(check({ 's.yaml': s, 'd.yaml': webDeploy }, rule), []);
  });
});

describe('service-target-port-not-found', () => {
  const rule = 'service-target-port-not-found';

  it('reports a named targetPort no container declares (error) with change and add fixes', () => {
    const files = { 'svc.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: htp\n'), 'web.yaml': webDeploy };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.text, 'htp');
    assert.equal(f!.line, 10);
    assert.match(
      f!.message,
      /^No selected Pod declares port "htp": use targetPort "http"\. For Service web, targetPort "htp" is not a port of the Pods it selects: Deployment web declares 80 \(http\)/,
    );
    // Port 80 is declared already, named "http": the fix reuses it; adding a second
    // containerPort 80 would only draw the API's duplicate-port warning.
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => x.title),
      ['Change targetPort to 80', 'Change targetPort to "http"'],
    );
    assert.equal(f!.diagnostic.fixes.find((x) => x.preferred)?.title, 'Change targetPort to "http"');
    fixAndRecheck(files, f!, /to 80$/);
    fixAndRecheck(files, f!, /to "http"/);
  });

  it('prefers the one container port name close to a typo, among several ports', () => {
    const ports = '          ports:\n            - {name: http, containerPort: 8080}\n            - {name: metrics, containerPort: 9090}\n';
    const files = {
      'svc.yaml': svc('web', '    app: web', '    - port: 9090\n      targetPort: metric\n'),
      'web.yaml': deploy('web', '        app: web', ports),
    };
    const [f] = check(files, rule);
    assert.deepEqual(
      f!.diagnostic.fixes.filter((x) => x.preferred).map((x) => x.title),
      ['Change targetPort to "metrics"'],
    );
    fixAndRecheck(files, f!, /"metrics"/);
    // No close name: no fix is obvious.
    const far = { ...files, 'svc.yaml': svc('web', '    app: web', '    - port: 9090\n      targetPort: admin\n') };
    assert.deepEqual(
      check(far, rule)[0]!.diagnostic.fixes.filter((x) => x.preferred),
      [],
    );
  });

  it('offers no change to a container port name the API rejects: it would only trade one error for another', () => {
    const upper = webDeploy.replace('name: http', 'name: HTTP');
    const files = { 'svc.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: htp\n'), 'web.yaml': upper };
    const [f] = check(files, rule);
    assert.deepEqual(
      f!.diagnostic.fixes.filter((x) => x.title.startsWith('Change')).map((x) => [x.title, x.preferred ?? false]),
      [['Change targetPort to 80', true]],
    );
    fixAndRecheck(files, f!, /to 80$/);
  });

  it('reports a number (warning) and adds targetPort when the port has none', () => {
    const files = { 'svc.yaml': svc('web', '    app: web', '    - port: 8080\n'), 'web.yaml': webDeploy };
    const [f] = check(files, rule);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.text, '8080');
    assert.match(
      f!.message,
      /^No selected Pod declares port 8080: use targetPort 80\. For Service web, port 8080 \(no targetPort, so the Pods must listen on 8080\)/,
    );
    const next = fixAndRecheck(files, f!, /Change targetPort to 80$/);
    assert.match(next['svc.yaml']!, /- port: 8080\n      targetPort: 80\n/);
    fixAndRecheck(files, f!, /Add containerPort 8080/);
  });

  it('says targetPort: 0 as written, not as "no targetPort"', () => {
    const [f] = check({ 'svc.yaml': svc('web', '    app: web', '    - port: 8080\n      targetPort: 0\n'), 'web.yaml': webDeploy }, rule);
    assert.match(
      f!.message,
      /^No selected Pod declares port 8080: use targetPort 80\. For Service web, targetPort 0 \(which the API reads as unset, so the Pods must listen on port 8080\) is not a port/,
    );
  });

  it('names the one template that lacks the port (warning) among several', () => {
    const canary = deploy('web-canary', '        app: web\n        track: canary', '          ports:\n            - containerPort: 8080\n');
    const files = {
      'svc.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: http\n'),
      'web.yaml': webDeploy,
      'canary.yaml': canary,
    };
    const [f] = check(files, rule);
    assert.equal(f!.severity, 'warning');
    assert.match(
      f!.message,
      /^Port "http" is missing in 1 of 2 selected workloads: declare it there or narrow the selector\. .*missing in Deployment web-canary:/,
    );
    assert.ok(!f!.diagnostic.fixes.some((x) => x.title.startsWith('Change')), 'changing the targetPort would break the other template');
    const next = fixAndRecheck(files, f!, /Add containerPort 80 "http"/);
    assert.match(next['canary.yaml']!, /- containerPort: 8080\n {12}- containerPort: 80\n {14}name: http\n/);
  });

  it('names an unnamed container port instead of adding a duplicate', () => {
    const d = deploy('web', '        app: web', '          ports:\n            - containerPort: 80\n');
    const files = { 's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: http\n'), 'd.yaml': d };
    const [f] = check(files, rule);
    const next = fixAndRecheck(files, f!, /Name containerPort 80 "http"/);
    assert.match(next['d.yaml']!, /- containerPort: 80\n {14}name: http\n/);
  });

  it('adds a ports: list to a container without one (named target)', () => {
    const files = {
      's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: http\n'),
      'd.yaml': deploy('web', '        app: web'),
    };
    const [f] = check(files, rule);
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /declares no ports/);
    const next = fixAndRecheck(files, f!, /Add containerPort/);
    assert.match(next['d.yaml']!, / {10}image: nginx\n {10}ports:\n {12}- containerPort: 80\n {14}name: http\n/);
  });

  it('is silent for resolvable targets: names on sidecars and native sidecars, digit strings, defaults', () => {
    const d = deploy(
      'web',
      '        app: web',
      `          ports: [{containerPort: 8080}]
        - name: proxy
          image: envoy
          ports: [{containerPort: 9901, name: admin}]
      initContainers:
        - name: mesh
          image: mesh
          restartPolicy: Always
          ports: [{containerPort: 15001, name: mesh}]
`,
    );
    const s = svc(
      'web',
      '    app: web',
      '    - {name: a, port: 80, targetPort: admin}\n    - {name: b, port: 81, targetPort: mesh}\n    - {name: c, port: 82, targetPort: "8080"}\n    - {name: d, port: 8080}\n    - {name: e, port: 9901, targetPort: 0}\n',
    );
    assert.deepEqual(
      check({ 's.yaml': s, 'd.yaml': d }, rule).map((f) => f.message),
      [],
    );
  });

  it('ignores init containers that are not native sidecars', () => {
    const d = deploy(
      'web',
      '        app: web',
      '          ports: [{containerPort: 80}]\n      initContainers:\n        - name: init\n          image: busybox\n          ports: [{containerPort: 15001, name: mesh}]\n',
    );
    const [f] = check({ 's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: mesh\n'), 'd.yaml': d }, rule);
    assert.equal(f!.text, 'mesh');
  });

  it('is silent for a number when the template declares no ports, and for names resolving to different numbers', () => {
    assert.deepEqual(
      check(
        { 's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: 9999\n'), 'd.yaml': deploy('web', '        app: web') },
        rule,
      ),
      [],
    );
    const v2 = deploy('web-v2', '        app: web', '          ports: [{containerPort: 9090, name: http}]\n');
    assert.deepEqual(
      check({ 's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: http\n'), 'd.yaml': webDeploy, 'v2.yaml': v2 }, rule),
      [],
    );
  });

  it('counts copies of one workload once (kustomize bases, per-environment files)', () => {
    const old = deploy('web', '        app: web', '          ports: [{containerPort: 8081}]\n');
    const files = {
      's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: 80\n'),
      'base/web.yaml': webDeploy,
      'legacy/web.yaml': old,
    };
    assert.deepEqual(check(files, rule), []);
  });

  it('re-checks the Service when only the Deployment file changes', () => {
    const index = indexOf({
      's.yaml': svc('web', '    app: web', '    - port: 80\n      targetPort: http\n'),
      'd.yaml': deploy('web', '        app: web', '          ports: [{containerPort: 80, name: htp}]\n'),
    });
    assert.equal(findingsOf(index, rule).length, 1);
    index.setFile(uriOf('d.yaml'), 'd.yaml', webDeploy, 2);
    index.check();
    assert.equal(findingsOf(index, rule).length, 0);
    index.setFile(uriOf('d.yaml'), 'd.yaml', webDeploy.replace(/app: web/g, 'app: wbe'), 3);
    index.check();
    assert.equal(findingsOf(index, rule).length, 0);
    assert.equal(findingsOf(index, 'service-selector-no-match').length, 1);
  });

  it('leaves a port that exists only with another protocol to service-port-protocol-mismatch', () => {
    const d = deploy('dns', '        app: dns', '          ports: [{containerPort: 53, name: dns, protocol: UDP}]\n');
    const files = { 's.yaml': svc('dns', '    app: dns', '    - port: 53\n      targetPort: dns\n'), 'd.yaml': d };
    assert.deepEqual(check(files, rule), []);
    assert.equal(check(files, 'service-port-protocol-mismatch').length, 1);
  });
});

describe('service-port-protocol-mismatch', () => {
  const rule = 'service-port-protocol-mismatch';
  const d = deploy(
    'dns',
    '        app: dns',
    '          ports:\n            - containerPort: 53\n              name: dns\n              protocol: UDP\n',
  );

  it('reports a TCP Service port whose target is UDP only, with both fixes', () => {
    const files = { 's.yaml': svc('dns', '    app: dns', '    - port: 53\n      targetPort: dns\n'), 'd.yaml': d };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.text, 'dns');
    assert.match(
      f!.message,
      /port 53\/TCP targets "dns", but the selected Pods declare it only as UDP: Deployment dns declares 53\/UDP \(dns\)/,
    );
    assert.equal(f!.diagnostic.related[0]!.file.path, 'd.yaml');
    const a = fixAndRecheck(files, f!, /Set Service port protocol to UDP/);
    assert.match(a['s.yaml']!, /targetPort: dns\n      protocol: UDP\n/);
    const b = fixAndRecheck(files, f!, /Set container port protocol to TCP/);
    assert.match(b['d.yaml']!, /protocol: TCP/);
  });

  it('points at a written protocol and replaces it', () => {
    const files = { 's.yaml': svc('dns', '    app: dns', '    - port: 53\n      protocol: SCTP\n'), 'd.yaml': d };
    const [f] = check(files, rule);
    assert.equal(f!.text, 'SCTP');
    fixAndRecheck(files, f!, /Service port protocol to UDP/);
  });

  it('is silent when the protocols agree, or one matching port exists', () => {
    const both = deploy(
      'dns',
      '        app: dns',
      '          ports:\n            - {containerPort: 53, name: dns, protocol: UDP}\n            - {containerPort: 53, name: dns-tcp}\n',
    );
    const s = svc('dns', '    app: dns', '    - {name: udp, port: 53, targetPort: dns, protocol: UDP}\n    - {name: tcp, port: 53}\n');
    assert.deepEqual(check({ 's.yaml': s, 'd.yaml': both }, rule), []);
  });
});
