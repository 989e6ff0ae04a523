/** workload-selector-mismatch, statefulset-service-not-found, probe-port-not-found. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, type Found } from './helpers';

/** Apply a fix, re-check: the finding is gone and no rule reports more than before. */
function fixAndRecheck(files: Record<string, string>, f: Found, title: RegExp): Record<string, string> {
  const before = check(files);
  const next = applyFix(files, f.diagnostic, title);
  const after = check(next);
  assert.equal(
    after.filter((x) => x.rule === f.rule && x.file === f.file && x.text === f.text).length,
    0,
    `still reported after the fix:\n${next[f.file]}`,
  );
  const count = (fs: Found[], rule: string): number => fs.filter((x) => x.rule === rule).length;
  for (const rule of new Set(after.map((x) => x.rule))) assert.ok(count(after, rule) <= count(before, rule), `new ${rule} after the fix`);
  return next;
}

describe('workload-selector-mismatch', () => {
  const rule = 'workload-selector-mismatch';
  const dep = (selector: string, template: string, kind = 'Deployment'): string =>
    `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  selector:\n${selector}\n  template:\n${template}    spec:\n      containers:\n        - name: app\n          image: nginx\n`;

  it('reports a selector value the template labels do not have, and sets the label', () => {
    const files = { 'd.yaml': dep('    matchLabels:\n      app: web', '    metadata:\n      labels:\n        app: wbe\n') };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 9);
    assert.equal(f!.text, 'web');
    assert.match(
      f!.message,
      /selector of Deployment web does not match its own Pod template \(app=web: the template has app=wbe\); the API rejects the Deployment/,
    );
    const next = fixAndRecheck(files, f!, /Set template label app=web/);
    assert.match(next['d.yaml']!, /labels:\n {8}app: web\n/);
  });

  it("checks a ReplicationController's plain-map selector; an absent one defaults to the template labels", () => {
    const rc = (selector: string): string =>
      `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  replicas: 2\n${selector}  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers: [{name: app, image: nginx}]\n`;
    const files = { 'rc.yaml': rc('  selector:\n    app: frontend\n') };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.text, 'frontend');
    assert.match(
      f!.message,
      /selector of ReplicationController web does not match its own Pod template \(app=frontend: the template has app=web\); the API rejects the ReplicationController/,
    );
    fixAndRecheck(files, f!, /Set template label app=frontend/);
    assert.deepEqual(check({ 'rc.yaml': rc('') }, rule), []);
    assert.deepEqual(check({ 'rc.yaml': rc('  selector:\n    app: web\n') }, rule), []);
  });

  it('adds metadata and labels to a template without metadata (StatefulSet)', () => {
    const files = { 'd.yaml': dep('    matchLabels: {app: db, tier: data}', '', 'StatefulSet') };
    const [f] = check(files, rule);
    assert.equal(f!.text, 'db');
    const next = fixAndRecheck(files, f!, /Add template labels app=db, tier=data/);
    assert.match(next['d.yaml']!, /template:\n {4}spec:[\s\S]*\n {4}metadata:\n {6}labels:\n {8}app: db\n {8}tier: data\n$/);
  });

  it('reports a failing matchExpression; only In with one value gets a fix', () => {
    const files = {
      'd.yaml': dep(
        '    matchExpressions:\n      - {key: app, operator: In, values: [web]}\n      - {key: tier, operator: Exists}',
        '    metadata:\n      labels: {app: web}\n',
        'DaemonSet',
      ),
    };
    const [f] = check(files, rule);
    assert.equal(f!.text, '{key: tier, operator: Exists}');
    assert.match(f!.message, /tier Exists: the template has no label tier/);
    assert.deepEqual(f!.diagnostic.fixes, []);
  });

  it('is silent when the selector matches, is absent, or for kinds without a selector rule', () => {
    const ok = dep(
      '    matchLabels: {app: web}\n    matchExpressions: [{key: track, operator: NotIn, values: [canary]}]',
      '    metadata:\n      labels: {app: web, version: v1}\n',
    );
    const noSel =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: a}]}\n';
    const job = dep('    matchLabels: {app: web}', '    metadata:\n      labels: {app: other}\n', 'Job').replace('name: web', 'name: job');
    const bad = dep('    - app', '    metadata:\n      labels: {app: x}\n').replace('name: web', 'name: bad');
    assert.deepEqual(check({ 'a.yaml': ok, 'b.yaml': noSel, 'c.yaml': job, 'd.yaml': bad }, rule), []);
  });
});

describe('statefulset-service-not-found', () => {
  const rule = 'statefulset-service-not-found';
  const sts = (serviceName: string, ns = ''): string =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n${ns}spec:\n  serviceName: ${serviceName}\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres}]}\n`;
  const headless = (name: string, clusterIP = '  clusterIP: None\n'): string =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${clusterIP}  selector: {app: db}\n  ports: [{port: 5432}]\n`;

  it('warns when no Service has that name, suggesting the closest', () => {
    const [f, ...rest] = check({ 's.yaml': sts('db-headles'), 'h.yaml': headless('db-headless') }, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.line, 6);
    assert.equal(f!.text, 'db-headles');
    assert.match(f!.message, /^No Service "db-headles" in namespace default: did you mean "db-headless"\? StatefulSet db names it/);
  });

  it('is info when the Service exists but is not headless', () => {
    const [f] = check({ 's.yaml': sts('db'), 'h.yaml': headless('db', '  type: ClusterIP\n') }, rule);
    assert.equal(f!.severity, 'info');
    assert.match(f!.message, /^Service db is not headless: set clusterIP: None for per-Pod DNS names\./);
    assert.equal(f!.diagnostic.related[0]!.file.path, 'h.yaml');
  });

  it('looks in its own set of manifests first: its file when it holds Services, else its folder', () => {
    const other = headless('cache', '  type: ClusterIP\n');
    // An install.yaml without the Service; another build of the app has a (non-headless) one.
    const bundle = { 'install.yaml': `${sts('db')}---\n${other}`, 'other-mode/db-svc.yaml': headless('db', '') };
    const [f, ...rest] = check(bundle, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.match(
      f!.message,
      /^No Service "db" beside this StatefulSet: add a headless one here\. StatefulSet db names serviceName "db", but this file \(install\.yaml\), which holds the other Services, has no Service db; the one in other-mode\/db-svc\.yaml belongs to other manifests\./,
    );
    assert.equal(f!.diagnostic.related[0]!.file.path, 'other-mode/db-svc.yaml');
    // The same by folder: app/ holds Services, none named db.
    const [g] = check({ 'app/db.yaml': sts('db'), 'app/cache.yaml': other, 'sample/db-svc.yaml': headless('db') }, rule);
    assert.match(g!.message, /this folder \(app\/\), which holds the other Services, has no Service db/);
    // The info judges the Service of its own file, not a copy elsewhere.
    const [h] = check(
      { 'all.yaml': `${sts('db')}---\n${headless('db', '  type: ClusterIP\n')}`, 'x/db.yaml': headless('db', '  clusterIP: 10.0.0.9\n') },
      rule,
    );
    assert.equal(h!.severity, 'info');
    assert.equal(h!.diagnostic.related[0]!.file.path, 'all.yaml');
    // Manifests sorted by kind (no Service next to the StatefulSet): the namespace counts,
    // and the Service named is the one from a file of the same name.
    assert.deepEqual(check({ 'statefulsets/db.yaml': sts('db'), 'services/db.yaml': headless('db') }, rule), []);
    const [k] = check(
      {
        'backup/db.yaml': sts('db'),
        'a-sample/all.yaml': headless('db', '  type: ClusterIP\n'),
        'main/db.yaml': headless('db', '  type: ClusterIP\n'),
      },
      rule,
    );
    assert.equal(k!.diagnostic.related[0]!.file.path, 'main/db.yaml');
  });

  it('is silent for a headless Service (one headless copy is enough), and looks only in its namespace', () => {
    assert.deepEqual(check({ 's.yaml': sts('db'), 'h.yaml': headless('db'), 'h2.yaml': headless('db', '') }, rule), []);
    const [f] = check({ 's.yaml': sts('db', '  namespace: data\n'), 'h.yaml': headless('db') }, rule);
    assert.match(f!.message, /namespace data/);
  });
});

describe('probe-port-not-found', () => {
  const rule = 'probe-port-not-found';
  const pod = (containers: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n${containers}`;

  it('reports a TCP, HTTP or gRPC probe on a port declared only as UDP (error by name, warning by number)', () => {
    const ctr = (probe: string, extra = ''): string =>
      `    - name: dns\n      image: coredns\n      ports:\n        - {containerPort: 53, name: dns, protocol: UDP}\n${extra}      livenessProbe:\n        ${probe}\n`;
    const [byName] = check({ 'p.yaml': pod(ctr('tcpSocket: {port: dns}')) }, rule);
    assert.equal(byName!.severity, 'error');
    assert.equal(byName!.text, 'dns');
    assert.equal(
      byName!.message,
      'Probe port "dns" is UDP, but probes connect over TCP: probe a TCP port. livenessProbe tcpSocket port "dns" is 53/UDP (dns), declared as UDP in container dns: a TCP probe connects over TCP, so it fails.',
    );
    const [byNumber] = check({ 'p.yaml': pod(ctr('grpc: {port: 53}')) }, rule);
    assert.equal(byNumber!.severity, 'warning');
    assert.match(
      byNumber!.message,
      /a gRPC probe connects over TCP, so it fails unless the container also listens on TCP 53 without declaring it\./,
    );
    // The same number declared for TCP too (DNS over both): fine.
    assert.deepEqual(check({ 'p.yaml': pod(ctr('tcpSocket: {port: 53}', '        - {containerPort: 53, name: dns-tcp}\n')) }, rule), []);
  });

  it('reports a probe port name the container does not declare, with a fix per declared port', () => {
    const files = {
      'p.yaml': pod(
        '    - name: app\n      image: nginx\n      ports:\n        - containerPort: 8080\n          name: http\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: htttp\n',
      ),
    };
    const [f, ...rest] = check(files, rule);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.line, 15);
    assert.equal(f!.text, 'htttp');
    assert.match(f!.message, /livenessProbe httpGet port "htttp" is not a port of container app: it declares 8080 \(http\)/);
    assert.deepEqual(
      f!.diagnostic.fixes.map((x) => [x.title, x.preferred]),
      [
        ['Change port to "http"', true],
        ['Change port to 8080', undefined],
      ],
    );
    fixAndRecheck(files, f!, /"http"/);
    fixAndRecheck(files, f!, /8080/);
  });

  it('prefers the one declared port name close to a typo, among several ports', () => {
    const files = {
      'p.yaml': pod(
        '    - name: app\n      image: nginx\n      ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]\n      livenessProbe: {tcpSocket: {port: htpp}}\n',
      ),
    };
    const [f] = check(files, rule);
    assert.deepEqual(
      f!.diagnostic.fixes.filter((x) => x.preferred).map((x) => x.title),
      ['Change port to "http"'],
    );
  });

  it('looks only at the probe’s own container (tcpSocket, startupProbe, native sidecars)', () => {
    const files = {
      'p.yaml': pod(
        '    - name: app\n      image: nginx\n      startupProbe: {tcpSocket: {port: metrics}}\n    - name: exporter\n      image: exp\n      ports: [{containerPort: 9100, name: metrics}]\n',
      ).replace(
        '  containers:',
        '  initContainers:\n    - name: mesh\n      image: mesh\n      restartPolicy: Always\n      ports: [{containerPort: 15020, name: health}]\n      readinessProbe: {httpGet: {port: health}}\n  containers:',
      ),
    };
    const found = check(files, rule);
    assert.deepEqual(
      found.map((f) => f.text),
      ['metrics'],
    );
    assert.match(found[0]!.message, /startupProbe tcpSocket port "metrics" is not a port of container app: it declares no ports/);
    assert.deepEqual(found[0]!.diagnostic.fixes, []);
  });

  it('is silent for undeclared numbers, digit strings and declared names (kube-linter fires on the numbers: podpath does not)', () => {
    const files = {
      'p.yaml': pod(
        '    - name: app\n      image: nginx\n      ports: [{containerPort: 9999, name: udp, protocol: UDP}, {containerPort: 9998, name: tcp}]\n      livenessProbe: {httpGet: {port: 8080}}\n      readinessProbe: {tcpSocket: {port: tcp}}\n      startupProbe: {grpc: {port: 8080}}\n    - name: b\n      image: b\n      livenessProbe: {httpGet: {port: "8080"}}\n',
      ),
    };
    assert.deepEqual(check(files, rule), []);
  });

  it('applies to workload templates (CronJob)', () => {
    const cron =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              image: c\n              livenessProbe: {httpGet: {port: web}}\n';
    assert.equal(check({ 'c.yaml': cron }, rule).length, 1);
  });
});
