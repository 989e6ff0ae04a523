/**
 * The evaluator reads a CustomResourceDefinition's apiVersion, kind and metadata only (its
 * schema is most of a real repository's bytes). What it builds must be what the whole text
 * gives, with the same spans, whatever the order of the top-level keys.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildKustomization } from '../../server/src/core/sources/kustomize/build';
import { parseYaml } from '../../server/src/core/sources/kustomize/load';
import { buildYaml } from '../../server/src/core/sources/kustomize/emit';
import { memFs } from '../kustomize/memfs';
import { findingsOf, indexOf } from './helpers';

const crd = (name: string, specFirst: boolean): string => {
  const spec = `spec:\n  group: example.com\n  names:\n    kind: Widget\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n        type: object\n`;
  const meta = `metadata:\n  name: ${name}\n  # a comment\n  labels:\n    app: w\n`;
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n${specFirst ? spec + meta : meta + spec}`;
};

describe('CustomResourceDefinition headers in the evaluator', () => {
  it('keeps apiVersion, kind and metadata with the spans of the whole parse, and drops the schema', () => {
    for (const specFirst of [false, true]) {
      const text = `${crd('widgets.example.com', specFirst)}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n`;
      const full = parseYaml(text);
      const head = parseYaml(text, true);
      assert.equal(head.docs.length, 2);
      const [h, f] = [head.docs[0]!, full.docs[0]!];
      assert.ok(h.t === 'map' && f.t === 'map');
      assert.deepEqual([...h.pairs.keys()].sort(), ['apiVersion', 'kind', 'metadata']);
      for (const k of ['apiVersion', 'kind', 'metadata']) assert.deepEqual(h.pairs.get(k), f.pairs.get(k), k);
      // Other kinds are read whole.
      assert.deepEqual(head.docs[1], full.docs[1]);
    }
  });

  it('builds the same objects from headers as from whole texts', () => {
    const files = {
      'app/kustomization.yaml': 'namespace: shop\nnamePrefix: p-\ncommonLabels:\n  team: a\nresources:\n- crd.yaml\n- svc.yaml\n',
      'app/crd.yaml': crd('widgets.example.com', true),
      'app/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: w\n  ports:\n  - port: 80\n',
    };
    const ids = (headers: boolean): string[] =>
      buildKustomization(memFs(files), 'app', { crdHeaders: headers }).objects.map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`);
    assert.deepEqual(ids(true), ids(false));
    assert.ok(ids(true).includes('CustomResourceDefinition//widgets.example.com'));
    const built = buildYaml(buildKustomization(memFs(files), 'app', { crdHeaders: true }).objects);
    assert.match(built, /team: a/);
  });

  it('reads a CRD written in flow style whole', () => {
    const text =
      '{"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "x.example.com"}, "spec": {}}\n';
    assert.deepEqual(parseYaml(text, true), parseYaml(text));
  });
});

describe('a unit with CustomResourceDefinitions whose build fails', () => {
  const kz = (extra: string): string =>
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - crd.yaml\n${extra}`;
  const build = (files: Record<string, string>): string[] =>
    findingsOf(indexOf(files), 'kustomize-build').map((f) => `${f.file}:${f.line} ${f.message}`);

  it('is built again from the whole texts when a patch reads a body the headers left out', () => {
    // The patch removes a field of the schema: applied to the header alone it would fail.
    const files = {
      'app/crd.yaml': crd('widgets.example.com', false),
      'app/kustomization.yaml': kz(
        'patches:\n  - target: { kind: CustomResourceDefinition, name: widgets.example.com }\n    patch: |\n      - op: remove\n        path: /spec/names/kind\n',
      ),
    };
    assert.deepEqual(build(files), []);
  });

  it('is not built again for a missing file: the error is the same either way', () => {
    const files = { 'app/crd.yaml': crd('widgets.example.com', false), 'app/kustomization.yaml': kz('  - missing.yaml\n') };
    const found = build(files);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^app\/kustomization\.yaml:5 .*missing\.yaml/);
  });
});
