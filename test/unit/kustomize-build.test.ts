/**
 * The kustomize evaluator feature by feature: each case builds what `kubectl kustomize`
 * printed for it (test/kustomize/cases.ts, made with kubectl), byte for byte, so a feature
 * left out changes the output; then kustomize's errors, what the evaluator leaves out (with
 * an info finding, never silently), and the provenance of values that overlays changed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildKustomization } from '../../server/src/core/sources/kustomize/build';
import { buildYaml } from '../../server/src/core/sources/kustomize/emit';
import { get } from '../../server/src/core/sources/kustomize/nodes';
import type { BNode, BuildResult } from '../../server/src/core/sources/kustomize/types';
import { getStr, pathAt, type YMap } from '../../server/src/core/model/ytree';
import { buildCases } from '../kustomize/cases';
import { memFs } from '../kustomize/memfs';

function build(files: Record<string, string>, dir = ''): BuildResult {
  return buildKustomization(memFs(files), dir);
}

function object(r: BuildResult, kind: string, name: string) {
  const o = r.objects.find((x) => x.kind === kind && x.name === name);
  assert.ok(o, `${kind} ${name} in ${r.objects.map((x) => `${x.kind}/${x.name}`).join(', ')}`);
  return o.root;
}

/** The text a node's provenance points at. */
function textAt(files: Record<string, string>, n: BNode | undefined): string {
  assert.ok(n, 'node');
  return files[n.src.path]!.slice(n.src.span[0], n.src.span[1]);
}

describe('kustomize build: the output of kubectl kustomize', () => {
  for (const [name, c] of Object.entries(buildCases)) {
    it(name, () => {
      const r = build(c.files, c.build);
      assert.deepEqual(r.findings, []);
      assert.equal(r.failed, false);
      assert.equal(buildYaml(r.objects), c.expected);
    });
  }
});

const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

describe('kustomize build: kustomize refuses, the evaluator says why', () => {
  const refused = (files: Record<string, string>, dir: string, message: RegExp, at: string): void => {
    const r = build(files, dir);
    assert.equal(r.failed, true);
    const f = r.findings.find((x) => x.severity === 'error');
    assert.ok(f, 'an error finding');
    assert.match(f.message, message);
    assert.equal(files[f.path]!.slice(f.span[0], f.span[1]).split('\n')[0], at);
  };

  it('a JSON patch without a target', () => {
    refused(
      {
        'svc.yaml': svc,
        'kustomization.yaml':
          'resources: [svc.yaml]\npatches:\n- patch: |-\n    - op: add\n      path: /spec/type\n      value: NodePort\n',
      },
      '',
      /must specify a target for JSON patch/,
      'patch: |-',
    );
  });

  it('a strategic merge patch that names no object', () => {
    refused(
      {
        'svc.yaml': svc,
        'p.yaml': svc.replace('web', 'api'),
        'kustomization.yaml': 'resources: [svc.yaml]\npatchesStrategicMerge:\n- p.yaml\n',
      },
      '',
      /no matches for Id Service\.v1\.\[noGrp\]\/api\.\[noNs\]/,
      'p.yaml',
    );
  });

  it('a missing resource, a file outside the kustomization folder, an unknown field', () => {
    refused(
      { 'a/kustomization.yaml': 'resources:\n- missing.yaml\n' },
      'a',
      /'missing.yaml' is neither a file nor a folder/,
      'missing.yaml',
    );
    refused(
      { 'svc.yaml': svc, 'a/kustomization.yaml': 'resources:\n- ../svc.yaml\n' },
      'a',
      /security; file 'svc.yaml' is not in or below 'a'/,
      '../svc.yaml',
    );
    refused({ 'kustomization.yaml': 'resources: []\nfoo: bar\n' }, '', /unknown field "foo"/, 'foo');
  });

  it('a Component listed as a resource, a Kustomization listed as a component, a cycle', () => {
    const comp = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [../svc.yaml]\n';
    refused(
      { 'svc.yaml': svc, 'comp/kustomization.yaml': comp, 'kustomization.yaml': 'resources:\n- comp\n' },
      '',
      /expected kind != 'Component'/,
      'comp',
    );
    refused(
      { 'svc.yaml': svc, 'a/kustomization.yaml': 'resources: []\n', 'kustomization.yaml': 'components:\n- a\n' },
      '',
      /expected kind 'Component' for path 'a'/,
      'a',
    );
    refused(
      { 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' },
      'a',
      /cycle detected: a → b → a/,
      '../a',
    );
  });

  it('an unquoted true, yes or number where kustomize wants a string (it reads the file as YAML 1.1)', () => {
    refused(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\ncommonLabels:\n  version: 1\n' },
      '',
      /cannot unmarshal number into Go struct field Kustomization\.commonLabels of type string/,
      '1',
    );
    refused(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\ncommonAnnotations:\n  enabled: yes\n' },
      '',
      /cannot unmarshal bool into Go struct field Kustomization\.commonAnnotations/,
      'yes',
    );
    refused(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\nlabels:\n- pairs:\n    x: y\n' },
      '',
      /cannot unmarshal bool into Go struct field Label\.labels\.pairs/,
      'y',
    );
    refused(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\nimages:\n- name: nginx\n  newTag: 1.27\n' },
      '',
      /cannot unmarshal number into Go struct field Image\.images\.newTag/,
      '1.27',
    );
    assert.equal(
      build({ 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\ncommonLabels:\n  enabled: "true"\n' }).failed,
      false,
    );
  });

  it('a replacement whose target field is missing (without create)', () => {
    refused(
      {
        'svc.yaml': svc,
        'kustomization.yaml':
          'resources: [svc.yaml]\nreplacements:\n- source:\n    kind: Service\n    name: web\n  targets:\n  - select:\n      kind: Service\n    fieldPaths:\n    - spec.selector.app\n',
      },
      '',
      /unable to find field "spec.selector.app" in replacement target/,
      'spec.selector.app',
    );
  });

  it('an empty kustomization', () => {
    const r = build({ 'a/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' }, 'a');
    assert.equal(r.failed, true);
    assert.deepEqual(
      r.findings.map((f) => [f.path, f.message]),
      [['a/kustomization.yaml', 'kustomization.yaml is empty']],
    );
  });

  it('a folder without a kustomization, and a path out of the workspace', () => {
    refused({ 'a/svc.yaml': svc, 'kustomization.yaml': 'resources:\n- a\n' }, '', /unable to find one of 'kustomization.yaml'/, 'a');
    refused({ 'kustomization.yaml': 'resources:\n- ../../etc/x\n' }, '', /outside the workspace/, '../../etc/x');
  });
});

describe('kustomize build: what podpath does not evaluate is said, and the rest is built', () => {
  const left = (files: Record<string, string>, at: string, message: RegExp): BuildResult => {
    const r = build(files);
    assert.equal(r.failed, false);
    const f = r.findings.find((x) => x.severity === 'info');
    assert.ok(f, 'an info finding');
    assert.match(f.message, message);
    assert.equal(files[f.path]!.slice(f.span[0], f.span[1]), at);
    assert.deepEqual(
      r.objects.map((o) => `${o.kind}/${o.name}`),
      ['Service/web'],
    );
    return r;
  };

  it('remote bases', () => {
    left(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources:\n- svc.yaml\n- https://github.com/example/app//base?ref=v1\n' },
      'https://github.com/example/app//base?ref=v1',
      /is remote/,
    );
  });

  it('buildMetadata and custom legacy sort orders', () => {
    left(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\nbuildMetadata: [originAnnotations]\n' },
      'buildMetadata',
      /does not add the origin/,
    );
    left(
      {
        'svc.yaml': svc,
        'kustomization.yaml': 'resources: [svc.yaml]\nsortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n',
      },
      'order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n',
      /legacy order/,
    );
  });

  it('Helm charts and plugins', () => {
    left(
      { 'svc.yaml': svc, 'kustomization.yaml': 'resources: [svc.yaml]\nhelmCharts:\n- name: redis\n  repo: https://charts.example.com\n' },
      'helmCharts',
      /does not evaluate Helm charts/,
    );
    left(
      {
        'svc.yaml': svc,
        'x.yaml': 'apiVersion: example.com/v1\nkind: MyPlugin\nmetadata:\n  name: x\n',
        'kustomization.yaml': 'resources: [svc.yaml]\ntransformers:\n- x.yaml\n',
      },
      'x.yaml',
      /is a plugin/,
    );
  });
});

describe('kustomize build: provenance', () => {
  const c = buildCases['namespace, namePrefix and nameSuffix rename objects and the references to them']!;
  const r = build(c.files, c.build);

  it('a prefixed name points at the base text, with a note naming the kustomization line', () => {
    const name = get(object(r, 'Service', 'prod-api-v2'), 'metadata', 'name')!;
    assert.equal(name.src.path, 'base/app.yaml');
    assert.equal(textAt(c.files, name), 'api');
    assert.match(
      name.src.note!,
      /namePrefix prod- from overlays\/prod\/kustomization\.yaml:2; nameSuffix -v2 from overlays\/prod\/kustomization\.yaml:3/,
    );
    assert.deepEqual(
      name.src.by?.map((b) => c.files[b.path]!.slice(b.span[0], b.span[1])),
      ['prod-', '-v2'],
    );
  });

  it('a namespace set by the overlay points at its kustomization line', () => {
    const ns = get(object(r, 'Service', 'prod-api-v2'), 'metadata', 'namespace')!;
    assert.equal(ns.src.path, 'overlays/prod/kustomization.yaml');
    assert.equal(textAt(c.files, ns), 'prod');
  });

  it('a reference renamed with its Service keeps the referrer line and says why', () => {
    const backend = get(object(r, 'Ingress', 'prod-api-v2'), 'spec', 'rules') as BNode & { t: 'seq' };
    const name = get(get((get(backend.items[0], 'http', 'paths') as { items: BNode[] }).items[0], 'backend', 'service'), 'name')!;
    assert.equal(textAt(c.files, name), 'api');
    assert.equal(name.src.path, 'base/app.yaml');
    assert.match(name.src.note!, /Service api renamed to prod-api-v2/);
  });

  it('a value a patch set points into the patch, inline or in a file', () => {
    const s = buildCases['strategic merge patches merge containers, ports, env and volumes by their keys, and delete or replace']!;
    const sr = build(s.files);
    const ports = get(object(sr, 'Service', 'web'), 'spec', 'ports') as BNode & { t: 'seq' };
    const target = get(
      ports.items.find((p) => get(p, 'port')?.t === 'scalar' && (get(p, 'port') as { value: unknown }).value === 443),
      'targetPort',
    )!;
    assert.equal(target.src.path, 'kustomization.yaml');
    assert.equal(textAt(s.files, target), '8443');
    const j = buildCases['JSON 6902 patches select targets by kind, regex name, label and annotation selectors']!;
    const replicas = get(object(build(j.files), 'Deployment', 'worker'), 'spec', 'replicas')!;
    assert.equal(replicas.src.path, 'worker.json.yaml');
    assert.equal(textAt(j.files, replicas), '5');
  });

  it('a generated name points at its generator, with the hash in the note; labels at their kustomization line', () => {
    const g = buildCases['generators hash their names and the references follow']!;
    const gr = build(g.files);
    const cm = gr.objects.find((o) => o.kind === 'ConfigMap' && o.name.startsWith('shop-settings-'))!;
    const name = get(cm.root, 'metadata', 'name')!;
    assert.equal(textAt(g.files, name), 'settings');
    assert.match(name.src.note!, /namePrefix shop- .*hash suffix -/);
    const label = get(cm.root, 'metadata', 'labels', 'generated')!;
    assert.equal(textAt(g.files, label), '"yes"');
  });

  it('built objects are YNode trees: the model readers (and so the rules) read them as they are', () => {
    const built = object(r, 'StatefulSet', 'prod-api-v2');
    const root: YMap = built;
    assert.equal(getStr(root, 'spec', 'serviceName'), 'prod-api-v2');
    const sn = get(built, 'spec', 'serviceName')!;
    assert.equal(pathAt(root, sn.span[0]), 'spec.serviceName');
  });

  it('lists every file read, for invalidation', () => {
    assert.deepEqual([...r.inputs].filter((p) => p.endsWith('.yaml')).sort(), [
      'base/app.yaml',
      'base/kustomization.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
  });
});

describe('kustomize build: hostile input is a finding, never a crash or a blow-up', () => {
  it('an alias bomb and absurd nesting in a resource are refused as kubectl refuses them', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n');
    const deep = `kind: ConfigMap\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    for (const text of [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${bomb}\n`, deep]) {
      const r = build({ 'x.yaml': text, 'kustomization.yaml': 'resources: [x.yaml]\n' });
      assert.equal(r.failed, true);
      assert.match(r.findings[0]!.message, /excessive aliasing|nested too deeply/);
      assert.deepEqual(r.objects, []);
    }
  });
});
