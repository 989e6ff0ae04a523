/**
 * Kustomizations are read by the fast block parser when it takes them, else by `yaml`: the
 * two must say the same about every file — on hand-written cases (several documents,
 * anchors, flow style, odd values) and on every kustomization of the real corpus.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readKustomization, readKustomizationWithYaml } from '../../server/src/core/index/kustomize';
import { corpus, filesBelow } from './helpers';

describe('readKustomization', () => {
  it('reads namespace, resources, bases and every form of patch', () => {
    const k = readKustomization(
      'namespace: shop\nresources:\n- ./web.yaml\n- base/\n- 42\nbases: [old.yaml]\npatches:\n- path: p.yaml\n- target: {kind: X}\npatchesStrategicMerge:\n- "s.yaml"\n',
    );
    assert.equal(k.namespace, 'shop');
    assert.deepEqual([...k.resources], ['web.yaml', 'base', 'old.yaml']);
    assert.deepEqual([...k.patches], ['s.yaml', 'p.yaml']);
  });

  it('says what yaml says, on odd files too', () => {
    const cases = [
      'namespace: shop\nresources:\n- a.yaml\n',
      '---\nnamespace: shop\n',
      'namespace: a\n---\nnamespace: b\n',
      'namespace: &n shop\nresources:\n- *n\n',
      'namespace: 12\nresources: a.yaml\n',
      'namespace: shop\nnamespace: other\n',
      '# only a comment\n',
      '',
      'resources: [a.yaml, "b.yaml"]\npatches:\n  - {path: c.yaml}\n',
      'patchesJson6902:\n- path: ./j.yaml\n  target:\n    kind: Deployment\n',
      ': broken\n  - [\n',
    ];
    for (const text of cases) assert.deepEqual(readKustomization(text), readKustomizationWithYaml(text), text);
  });

  it('agrees with yaml on every kustomization of the real corpus', () => {
    const files = filesBelow(corpus, /^(kustomization\.ya?ml|Kustomization)$/);
    assert.ok(files.length > 100, `only ${files.length} kustomizations found`);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.deepEqual(readKustomization(text), readKustomizationWithYaml(text), f);
    }
  });
});
