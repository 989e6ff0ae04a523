/**
 * Apply units over JSON-RPC (test/fixtures/ws-units, after argo-cd): a finding of a base
 * built by two kustomizations is published once and names both units; the traffic path is
 * built in the unit asked for, where a NetworkPolicy of another build does not block it.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrafficGraph } from '../../server/src/protocol';
import { copyFixture, removeDir, TestClient, uriOf } from './client';

describe('apply units', () => {
  let dir = '';
  let root = '';
  let c: TestClient;

  before(async () => {
    dir = copyFixture('ws-units');
    root = join(dir, 'workspace');
    c = await TestClient.start({ folders: [root] });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('a finding of a base names the units it holds in, once', async () => {
    const sts = uriOf(join(root, 'manifests/base/application-controller/argocd-application-controller-statefulset.yaml'));
    const ds = await c.pushed(sts, (d) => d.some((x) => x.code === 'statefulset-service-not-found'));
    const found = ds.filter((x) => x.code === 'statefulset-service-not-found');
    assert.equal(found.length, 1);
    assert.match(String(found[0]!.message), /\(in manifests\/cluster-install and manifests\/namespace-install\)$/);
  });

  it('the traffic path is in the unit asked for, and lists the units of the Service', async () => {
    const g = await c.request<TrafficGraph | null>('podpath/trafficPath', {
      namespace: 'default',
      name: 'argocd-application-controller',
      unit: 'manifests/base/application-controller-deployment',
    });
    assert.equal(g?.unit, 'manifests/base/application-controller-deployment');
    assert.deepEqual(g?.units, ['manifests/base/application-controller-deployment']);
    // The NetworkPolicy of base/application-controller is never built with this Service.
    assert.ok(!g?.nodes.some((n) => n.kind === 'network-policy'), 'no policy of another build on the path');
    assert.ok(g!.edges.length > 0 && g!.edges.every((e) => e.status !== 'blocked'), 'nothing blocked');
    assert.ok(!g!.diagnostics.some((d) => d.rule === 'service-blocked-by-networkpolicy'));
  });
});

describe('apply units of .podpath.yaml in the editor', () => {
  // A typo: the Deployment of the other build is the closest, and only a unit that holds both says so.
  const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: wbe }\n  ports:\n    - port: 80\n';
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - { name: web, image: web:1, ports: [{ containerPort: 80 }] }\n';
  const kz = (file: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${file}\n`;
  let dir = '';
  let c: TestClient | undefined;
  after(async () => {
    await c?.stop();
    removeDir(dir);
  });

  it('are the units, as the CLI reads them: two builds applied together link', async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-units-'));
    const files: Record<string, string> = {
      'front/kustomization.yaml': kz('svc.yaml'),
      'front/svc.yaml': service,
      'back/kustomization.yaml': kz('deploy.yaml'),
      'back/deploy.yaml': deployment,
    };
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    const svc = uriOf(join(dir, 'front/svc.yaml'));
    const noMatch = (d: { code?: unknown }[]): boolean => d.some((x) => x.code === 'service-selector-no-match');
    // Discovered: each kustomization is a unit of its own, and no Pod of the Service's is near it.
    c = await TestClient.start({ folders: [dir], debounceMs: 20, pull: true });
    await c.ready();
    const first = await c.documentDiagnostics(svc);
    assert.ok(first.kind === 'full' && !noMatch(first.items));
    await c.stop();
    // Said in .podpath.yaml (relative to it): one unit of both, where the Deployment is the near miss.
    writeFileSync(join(dir, '.podpath.yaml'), 'units:\n  - name: shop\n    include: [front, back]\n');
    c = await TestClient.start({ folders: [dir], debounceMs: 20, pull: true });
    await c.ready();
    const report = await c.documentDiagnostics(svc);
    const found = report.kind === 'full' ? report.items.filter((x) => x.code === 'service-selector-no-match') : [];
    assert.equal(found.length, 1);
    assert.match(String(found[0]!.message), /did you mean app=web/);
  });
});
