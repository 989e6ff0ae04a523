/**
 * A unit's build reads the documents whose bodies the index kept nothing of (a RoleBinding, a
 * PrometheusRule) from their headers, like CustomResourceDefinitions: the same objects come
 * out, a build that fails where a body was left out is made again from the whole texts, and
 * the parses stay for the next re-evaluation (BuildCache) but not beyond the next full build.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BuildCache } from '../../server/src/core/units/built';
import { indexedTrees } from '../../server/src/core/units/indexedTrees';
import { findingsOf, indexOf, uriOf } from './helpers';

const rule = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: alerts
spec:
  groups:
    - name: api
      rules:
        - alert: Down
          expr: up == 0
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
`;
const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: Hello, world!
`;
const files = (kustomization: string): Record<string, string> => ({
  'app/kustomization.yaml': `resources:\n  - all.yaml\n${kustomization}`,
  'app/all.yaml': [rule, service, configMap].join('---\n'),
});

describe('documents read from their headers in a build', () => {
  it('are those the index keeps no tree and no view of', () => {
    const index = indexOf(files(''));
    const file = index.getFile(uriOf('app/all.yaml'))!;
    const parts = indexedTrees(file, file.text)!;
    assert.equal(parts.length, 3);
    assert.equal('header' in parts[0]! && parts[0].header, true, 'the PrometheusRule: its header');
    assert.ok('t' in parts[1]!, "the Service: the index's tree");
    assert.ok(!('t' in parts[2]!) && !('header' in parts[2]!), 'the ConfigMap (its data are read): the whole text');
  });

  it('build the same objects as the whole texts', () => {
    const index = indexOf(files('namespace: shop\nnamePrefix: p-\ncommonLabels:\n  team: a\n'));
    const file = index.getFile(uriOf('app/all.yaml'))!;
    const built = index.builtAt(file);
    assert.equal(built.length, 1);
    const ids = built[0]!.built.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}/${r.labels.get('team')}`);
    assert.deepEqual(ids.sort(), ['ConfigMap/shop/p-settings/a', 'PrometheusRule/shop/p-alerts/a', 'Service/shop/p-api/a']);
    assert.deepEqual(findingsOf(index, 'kustomize-build'), []);
  });

  it('are read whole when a patch fails on what the header left out', () => {
    // Removing a rule of the body fails on the header alone: kustomize, reading the whole text, applies it.
    const patch =
      'patches:\n  - target: { kind: PrometheusRule, name: alerts }\n    patch: |\n      - op: remove\n        path: /spec/groups/0/rules/0\n';
    assert.deepEqual(findingsOf(indexOf(files(patch)), 'kustomize-build'), []);
    // A patch that fails on the whole text too is kustomize's error.
    const broken = patch.replace('/spec/groups/0/rules/0', '/spec/groups/3');
    const found = findingsOf(indexOf(files(broken)), 'kustomize-build');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, 'app/kustomization.yaml');
  });

  it('are not read again whole for a patch whose target is missing: that fails the same on headers', () => {
    const missing = 'patches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: gone\n';
    const index = indexOf(files(missing));
    const found = findingsOf(index, 'kustomize-build');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /no matches for Id Deployment/);
    const built = index.builtAt(index.getFile(uriOf('app/all.yaml'))!)[0]!.built;
    assert.ok(built.reads, 'built once, from the headers');
  });

  it('follow an edit of the header, and an edit of the body changes nothing built', () => {
    const index = indexOf(files('namePrefix: p-\n'));
    const uri = uriOf('app/all.yaml');
    const names = (): string[] =>
      index
        .builtAt(index.getFile(uri)!)[0]!
        .built.resources.filter((r) => r.kind === 'PrometheusRule')
        .map((r) => r.name);
    const text = index.getFile(uri)!.text;
    index.setFile(uri, 'app/all.yaml', text.replace('expr: up == 0', 'expr: up == 1'), 2);
    index.check();
    assert.deepEqual(names(), ['p-alerts']);
    index.setFile(uri, 'app/all.yaml', text.replace('name: alerts', 'name: paging'), 3);
    index.check();
    assert.deepEqual(names(), ['p-paging']);
  });
});

describe('the parses a full build leaves', () => {
  const entry = (text: string): { text: string } => ({ text });

  it('are kept for re-evaluations, except large files and what the next full build does not read', () => {
    const cache = new BuildCache();
    cache.startFull();
    cache.set('a.yaml', entry('a'));
    cache.set('b.yaml', entry('b'));
    cache.set('big.yaml', entry('x'.repeat(600 * 1024)));
    cache.endFull();
    assert.deepEqual([...cache.keys()].sort(), ['a.yaml', 'b.yaml']);
    // A re-evaluation reads them and adds its own.
    assert.deepEqual(cache.get('a.yaml'), entry('a'));
    cache.set('c.yaml', entry('c'));
    // The next full build reads a.yaml only: b.yaml and c.yaml (removed files, say) go.
    cache.startFull();
    assert.deepEqual(cache.get('a.yaml'), entry('a'));
    assert.equal(cache.get('gone.yaml'), undefined);
    cache.endFull();
    assert.deepEqual([...cache.keys()], ['a.yaml']);
  });
});
