/**
 * Rename, completion and inlay hints over JSON-RPC in files kustomize overlays build (issue 13,
 * provenance): a rename in a base edits the references of every overlay and the patch that
 * writes a value, only in real files; completion in a base offers what the overlays built.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits, posOf, removeDir, TestClient, uriOf } from './client';

const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - app.yaml\n',
  'base/app.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: api
          ports:
            - containerPort: 8080
              name: web
`,
  'overlays/prod/kustomization.yaml':
    'namespace: prod\nnamePrefix: prod-\nlabels:\n  - pairs:\n      tier: web\n    includeTemplates: true\nresources:\n  - ../../base\n  - ingress.yaml\npatches:\n  - path: port.yaml\n',
  'overlays/prod/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  defaultBackend:
    service:
      name: api
      port:
        number: 80
`,
  'overlays/prod/port.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: web\n',
  'overlays/dev/kustomization.yaml': `namespace: dev
resources:
  - ../../base
patches:
  - target:
      kind: Deployment
      name: api
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/ports/0/containerPort
        value: 9090
`,
};

describe('editor features in kustomize overlays', () => {
  let dir = '';
  let c: TestClient;
  const path = (p: string): string => join(dir, p);
  const text = (p: string): string => readFileSync(path(p), 'utf8');
  const all = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-overlay-features-'));
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(path(p)), { recursive: true });
      writeFileSync(path(p), t);
    }
    c = await TestClient.start({ folders: [dir] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('rename of a base port name edits the base and the overlay patch that writes the targetPort, never a built file', async () => {
    const base = uriOf(path('base/app.yaml'));
    const at = posOf(text('base/app.yaml'), 'name: web', 6);
    assert.equal((await c.prepareRename(base, at))?.placeholder, 'web');
    const changes = (await c.rename(base, at, 'http'))?.changes ?? {};
    assert.deepEqual(Object.keys(changes).sort(), [base, uriOf(path('overlays/prod/port.yaml'))].sort());
    assert.match(applyEdits(text('base/app.yaml'), changes[base]!), /targetPort: http[\s\S]*name: http/);
    assert.match(applyEdits(text('overlays/prod/port.yaml'), changes[uriOf(path('overlays/prod/port.yaml'))]!), /targetPort: http/);
  });

  it('rename of a base Service from the overlay Ingress edits the Service, the Ingress and the patch target with the written name', async () => {
    const ing = uriOf(path('overlays/prod/ingress.yaml'));
    const changes = (await c.rename(ing, posOf(text('overlays/prod/ingress.yaml'), 'name: api', 6), 'backend'))?.changes ?? {};
    for (const uri of Object.keys(changes)) assert.ok(uri.startsWith('file:'), uri);
    assert.deepEqual(
      Object.entries(changes)
        .map(
          ([uri, edits]) => `${uri.slice(uriOf(dir).length + 1)}:${edits.map((e) => `${e.range.start.line + 1}=${e.newText}`).join(',')}`,
        )
        .sort(),
      ['base/app.yaml:4=backend', 'overlays/prod/ingress.yaml:8=backend', 'overlays/prod/port.yaml:4=backend'],
    );
  });

  it('completion in a base offers the ports and Pod labels the overlays built, saying which overlay has which', async () => {
    const base = uriOf(path('base/app.yaml'));
    const tp = await c.completion(base, posOf(text('base/app.yaml'), 'targetPort: web', 15));
    assert.deepEqual(tp.map((i) => `${i.label} ${i.detail?.includes('only in') ? i.detail.replace(/^.*\(only/, '(only') : ''}`).sort(), [
      '8080 (only in overlays/prod)',
      '9090 (only in overlays/dev)',
      'web ',
    ]);
    const withKey = text('base/app.yaml').replace('    app: api\n', '    app: api\n    \n');
    await c.open(base, text('base/app.yaml'));
    await c.change(base, withKey);
    const pairs = await c.completion(base, posOf(withKey, 'app: api\n    ', 13));
    assert.deepEqual(
      pairs.map((i) => [i.label, i.detail]),
      [['tier: web', 'on Deployment prod-api (only in overlays/prod)']],
    );
    await c.change(base, text('base/app.yaml'));
    await c.close(base);
  });

  it('completion of an overlay backend name offers the Service as written; inlay hints name each overlay when they differ', async () => {
    const ing = uriOf(path('overlays/prod/ingress.yaml'));
    const names = await c.completion(ing, posOf(text('overlays/prod/ingress.yaml'), 'name: api', 9));
    assert.deepEqual(
      names.map((i) => [i.label, i.detail]),
      [['api', 'Service prod-api (ClusterIP) ports 80']],
    );
    const hints = await c.inlayHints(uriOf(path('base/app.yaml')), all);
    assert.deepEqual(hints.map((h) => `${h.position.line + 1}:${h.label}`).sort(), ['10:→ api:9090 (overlays/dev)', '6:1 workload']);
  });
});
