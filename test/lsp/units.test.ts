/**
 * Apply units over JSON-RPC (test/fixtures/ws-units, after argo-cd): a finding of a base
 * built by two kustomizations is published once and names both units; the traffic path is
 * built in the unit asked for, where a NetworkPolicy of another build does not block it.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
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
