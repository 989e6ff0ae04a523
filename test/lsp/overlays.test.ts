/**
 * Kustomize overlays as apply units over JSON-RPC: a base used by two overlays gets its
 * finding once, naming both units; hover on a name an overlay prefixed says so; editing the
 * base re-evaluates the builds; the traffic path of a base Service is the built one.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { posOf, removeDir, TestClient, uriOf } from './client';

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
      targetPort: http
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
  'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\n',
  'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\n',
};

describe('kustomize overlays as units', () => {
  let dir = '';
  let c: TestClient;
  const base = (): string => join(dir, 'base/app.yaml');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-overlays-'));
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    c = await TestClient.start({ folders: [dir] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('publishes a finding of the base once, at the base line, naming both overlays', async () => {
    const ds = await c.pushed(uriOf(base()), (d) => d.some((x) => x.code === 'service-target-port-not-found'));
    const found = ds.filter((x) => x.code === 'service-target-port-not-found');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 9);
    assert.match(String(found[0]!.message), /\(in overlays\/prod and overlays\/staging; as built in overlays\/prod\)$/);
  });

  it('hover on the prefixed name says what the overlay made of it', async () => {
    const text = readFileSync(base(), 'utf8');
    const h = await c.hover(uriOf(base()), posOf(text, 'name: api', 7));
    const md = typeof h?.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h?.contents);
    assert.match(md, /name `prod-api` — `api` with namePrefix prod- from overlays\/prod\/kustomization\.yaml:2/);
  });

  it('the traffic path of the base Service is the built one, in its first unit', async () => {
    const text = readFileSync(base(), 'utf8');
    const g = await c.request<TrafficGraph | null>('podpath/trafficPath', { uri: uriOf(base()), position: posOf(text, 'name: api', 7) });
    assert.equal(g?.unit, 'overlays/prod');
    assert.ok(
      g!.nodes.some((n) => n.label.includes('prod-api.prod')),
      JSON.stringify(g!.nodes.map((n) => n.label)),
    );
    // Every place on the path is a real file, never a built one.
    for (const n of g!.nodes) if (n.source) assert.ok(n.source.uri.startsWith('file:'), n.source.uri);
  });

  it('an edit of the base re-evaluates the overlays: the finding goes', async () => {
    const text = readFileSync(base(), 'utf8');
    await c.open(uriOf(base()), text);
    await c.change(uriOf(base()), text.replace('targetPort: http', 'targetPort: web'));
    const ds = await c.pushed(uriOf(base()), (d) => !d.some((x) => x.code === 'service-target-port-not-found'));
    assert.deepEqual(ds, []);
  });
});
