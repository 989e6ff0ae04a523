/**
 * rules.md "What is not a resource": files a kustomization lists as patches are neither
 * indexed nor checked, wherever they live — overlays keep them in a subfolder
 * (`patches/svc.yaml`) or next to a base (`../common/...`) as often as beside themselves.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, findingsOf, indexOf, uriOf } from './helpers';

// A patch is a fragment: on its own it looks like a ClusterIP Service with a nodePort.
const patch = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      nodePort: 30080\n';
const overlay = (entry: string): string => `namespace: prod\nresources:\n  - ../../base\n${entry}`;
// The base the overlays build on: a NodePort Service the patches give a fixed nodePort.
const base = {
  'base/kustomization.yaml': 'resources:\n  - web.yaml\n',
  'base/web.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n',
};

describe('kustomize patches', () => {
  it('leaves out patches listed from another folder, in every patch field', () => {
    for (const [entry, at] of [
      ['patches:\n  - path: patches/svc.yaml\n    target: {kind: Service}\n', 'overlays/prod/patches/svc.yaml'],
      ['patchesStrategicMerge:\n  - ./patches/svc.yaml\n', 'overlays/prod/patches/svc.yaml'],
      ['patchesJson6902:\n  - target: {kind: Service, name: web}\n    path: ../common/svc.yaml\n', 'overlays/common/svc.yaml'],
    ] as const) {
      // Both orders: the patch may be indexed before or after the kustomization that lists it.
      assert.deepEqual(
        check({ ...base, 'overlays/prod/kustomization.yaml': overlay(entry), [at]: patch }).map((f) => f.rule),
        [],
        entry,
      );
      assert.deepEqual(
        check({ [at]: patch, 'overlays/prod/kustomization.yaml': overlay(entry), ...base }).map((f) => f.rule),
        [],
        entry,
      );
    }
  });

  it('checks the file again once no kustomization lists it', () => {
    const index = indexOf({
      ...base,
      'overlays/prod/kustomization.yaml': overlay('patches:\n  - path: patches/svc.yaml\n'),
      'overlays/prod/patches/svc.yaml': patch,
    });
    assert.deepEqual(
      findingsOf(index).map((f) => f.rule),
      [],
    );
    index.setFile(uriOf('overlays/prod/kustomization.yaml'), 'overlays/prod/kustomization.yaml', overlay(''), 2);
    index.check();
    assert.deepEqual(
      findingsOf(index).map((f) => `${f.rule} ${f.file}:${f.line}`),
      ['node-port-not-allowed overlays/prod/patches/svc.yaml:8'],
    );
    index.setFile(
      uriOf('overlays/prod/kustomization.yaml'),
      'overlays/prod/kustomization.yaml',
      overlay('patches:\n  - path: patches/svc.yaml\n'),
      3,
    );
    // The editor shows the patch's findings until check() names the file as changed.
    assert.ok(index.check().has(uriOf('overlays/prod/patches/svc.yaml')), 'the patch file is named as changed');
    assert.deepEqual(
      findingsOf(index).map((f) => f.rule),
      [],
    );
    index.removeFile(uriOf('overlays/prod/kustomization.yaml'));
    index.check();
    assert.deepEqual(
      findingsOf(index).map((f) => f.rule),
      ['node-port-not-allowed'],
    );
  });

  it('a file of the same name in another folder is still checked', () => {
    const found = check({
      ...base,
      'overlays/prod/kustomization.yaml': overlay('patches:\n  - path: patches/svc.yaml\n'),
      'overlays/dev/patches/svc.yaml': patch,
    });
    // The patch prod lists is not there: kustomize refuses that build.
    assert.deepEqual(
      found.map((f) => `${f.rule} ${f.file}`),
      ['kustomize-build overlays/prod/kustomization.yaml', 'node-port-not-allowed overlays/dev/patches/svc.yaml'],
    );
  });
});
