/**
 * An edit re-evaluates the kustomize units that read the file, keeping the built files of the
 * files it left alone when no step could carry the edit into them (units/built.ts `keeps`).
 * Whatever is kept, the findings and built objects after an edit must be those of a fresh
 * index of the edited files: checked here for edits of every file the units of the trimmed
 * kustomize corpus read as resources (a port, a label, a name, a body value, and back), and
 * on the cases where an edit does reach other objects (a rename seen by a reference, a
 * replacement).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { YMap, YSeq } from '../../server/src/core/model/ytree';
import { indexedHeaders } from '../../server/src/core/units/indexedTrees';
import { findingsOf, indexOf, uriOf } from './helpers';

// With the shared corpus: every repository of its kustomize corpus and of its real one (argo-cd, kube-prometheus, …).
const corpora = process.env.PODPATH_CORPUS
  ? [join(process.env.PODPATH_CORPUS, 'kustomize', 'trees'), join(process.env.PODPATH_CORPUS, 'real')]
  : [join(__dirname, '..', 'fixtures', 'kustomize-corpus', 'trees')];
const trees = corpora.flatMap((c) =>
  readdirSync(c)
    .sort()
    .map((t) => join(c, t))
    .filter((p) => statSync(p).isDirectory()),
);

function filesOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string): void => {
    for (const n of readdirSync(abs)) {
      const p = join(abs, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n) || n === 'Kustomization') out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** What a user sees of an index: every finding, and each unit's built objects with their views. */
function seen(index: WorkspaceIndex): string[] {
  const out = findingsOf(index).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);
  for (const file of index.allFiles())
    for (const { unit, built } of index.builtAt(file))
      for (const r of built.byUri.get(file.uri) ?? [])
        out.push(
          `${file.path} ${unit} ${r.kind}/${r.namespace}/${r.name} ${JSON.stringify([...r.labels])} ` +
            JSON.stringify({
              ports: r.service?.ports.map((p) => [p.port?.value, p.targetPort?.value, p.nodePort?.value]),
              selector: r.service?.selector && [...r.service.selector].map(([k, v]) => [k, v.value]),
              template: r.podTemplate && [...r.podTemplate.labels].map(([k, v]) => [k, v.value]),
              containerPorts: r.podTemplate?.ports.map((p) => p.containerPort?.value),
            }),
        );
  return out.sort();
}

/** Edits of one file's text: each changes one thing a build reads (undefined where there is none). */
function edits(text: string): string[] {
  const swap = (re: RegExp, f: (m: string) => string): string | undefined => {
    const m = re.exec(text);
    return m ? text.slice(0, m.index) + f(m[0]) + text.slice(m.index + m[0].length) : undefined;
  };
  return [
    swap(/port: \d+/, (m) => `port: ${Number(m.slice(6)) + 1}`),
    swap(/app: [-\w]+/, (m) => `${m}x`),
    swap(/\n {2}name: [-\w]+/, (m) => `${m}-r`),
    swap(/replicas: \d+/, (m) => `replicas: ${Number(m.slice(10)) + 2}`),
  ].filter((t): t is string => t !== undefined);
}

describe('a unit evaluated again after an edit', () => {
  let kept = 0;
  let headers = 0;
  for (const tree of trees) {
    it(`gives what a fresh index gives, for edits of every resource file of ${relative(join(tree, '..', '..'), tree)}`, () => {
      const files = filesOf(tree);
      const index = indexOf(files);
      const read = [...index.allFiles()].filter((f) => index.builtAt(f).length > 0 && f.resources.length > 0).map((f) => f.path);
      // (A tree whose builds read only remote or Helm sources has none.)
      if (read.length === 0) return;
      let version = 2;
      let checked = 0;
      for (const path of read.sort()) {
        for (const edited of [...edits(files[path]!), files[path]!]) {
          index.setFile(uriOf(path), path, edited, version++);
          index.check();
          assert.deepEqual(seen(index), seen(indexOf({ ...files, [path]: edited })), `${path} edited`);
          checked++;
          for (const f of index.allFiles())
            for (const { built } of index.builtAt(f)) {
              kept += built.kept;
              headers += built.headerFiles;
            }
        }
      }
      assert.ok(checked > read.length);
    });
  }
  it('kept built files unwalked on the way (the path compared above)', () => assert.ok(kept > 0));
  it("read the files it kept from their objects' headers on the way (the path compared above)", () => assert.ok(headers > 0));
});

describe('the built files an edit leaves alone', () => {
  const base = {
    'app/kustomization.yaml': 'namePrefix: p-\nresources:\n  - web.yaml\n  - settings.yaml\n',
    'app/web.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom:\n            - configMapRef:\n                name: settings\n',
    'app/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  greeting: Hello, world!\n',
  };
  const builtFileOf = (index: WorkspaceIndex, path: string) =>
    index.builtAt(index.getFile(uriOf(path))!)[0]!.built.byUri.get(uriOf(path))![0]!.file;

  it('stand unwalked when the edit changed only the values of another file', () => {
    const index = indexOf(base);
    const web = builtFileOf(index, 'app/web.yaml');
    const settings = builtFileOf(index, 'app/settings.yaml');
    index.setFile(uriOf('app/settings.yaml'), 'app/settings.yaml', base['app/settings.yaml'].replace('Hello', 'Hi'), 2);
    index.check();
    assert.equal(builtFileOf(index, 'app/web.yaml'), web, "the Deployment's built file is the last one");
    assert.equal(index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built.kept, 1, 'kept without a walk');
    // The evaluation read the Deployment's header only (its id), not its body: nothing of it was copied.
    assert.equal(index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built.headerFiles, 1);
    assert.notEqual(builtFileOf(index, 'app/settings.yaml'), settings, "the ConfigMap's is new");
  });

  it('are made again when a rename reaches them through a name reference', () => {
    const index = indexOf(base);
    const web = builtFileOf(index, 'app/web.yaml');
    const renamed = { ...base, 'app/settings.yaml': base['app/settings.yaml'].replace('name: settings', 'name: config') };
    index.setFile(uriOf('app/settings.yaml'), 'app/settings.yaml', renamed['app/settings.yaml'], 2);
    index.check();
    assert.notEqual(builtFileOf(index, 'app/web.yaml'), web);
    assert.equal(index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built.kept, 0);
    assert.equal(index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built.headerFiles, 0, 'built again from the whole texts');
    assert.deepEqual(seen(index), seen(indexOf(renamed)));
  });

  it('are built again from whole texts when a JSON patch reads the body of an object read from its header', () => {
    const files = {
      ...base,
      'app/kustomization.yaml': `${base['app/kustomization.yaml']}patches:\n  - target: { kind: Deployment, name: web }\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: nginx:1.27\n`,
    };
    const index = indexOf(files);
    const edited = { ...files, 'app/settings.yaml': files['app/settings.yaml'].replace('Hello', 'Hi') };
    index.setFile(uriOf('app/settings.yaml'), 'app/settings.yaml', edited['app/settings.yaml'], 2);
    index.check();
    assert.deepEqual(seen(index), seen(indexOf(edited)));
    const built = index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built;
    assert.equal(built.headerFiles, 0, 'the patch needs the container list: the header build was not taken');
    assert.deepEqual([...built.problems.values()].flat(), [], 'and the unit has no kustomize finding');
    assert.equal(built.kept, 1, 'its built file still stands');
  });

  it('stand for the items of a List, read from their headers', () => {
    const svc = (name: string): string =>
      `  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: ${name}\n    spec:\n      selector:\n        app: web\n      ports:\n        - port: 80\n`;
    const files = {
      ...base,
      'app/kustomization.yaml': `${base['app/kustomization.yaml']}  - services.yaml\n  - dashboards.yaml\n`,
      'app/services.yaml': `apiVersion: v1\nkind: List\nitems:\n${svc('a')}${svc('b')}`,
      // As kubectl writes a typed List: kind after items, no metadata. kustomize takes it as one object.
      'app/dashboards.yaml':
        'apiVersion: v1\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: d1\n    data:\n      a.json: "{}"\nkind: ConfigMapList\n',
    };
    const index = indexOf(files);
    const edited = {
      ...files,
      'app/web.yaml': files['app/web.yaml'].replace('app: web\n    spec', 'app: web\n        tier: front\n    spec'),
    };
    index.setFile(uriOf('app/web.yaml'), 'app/web.yaml', edited['app/web.yaml'], 2);
    index.check();
    assert.deepEqual(seen(index), seen(indexOf(edited)));
    const built = index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built;
    assert.equal(built.headerFiles, 3, 'the Lists and the ConfigMap were read from their headers');
    assert.equal(built.kept, 3);
    // The List is kept as its items' headers, not as its whole tree.
    const file = index.getFile(uriOf('app/services.yaml'))!;
    const [list] = indexedHeaders(file, file.text)!;
    const items = (list as YMap).pairs.get('items')!.value as YSeq;
    const dashboards = index.getFile(uriOf('app/dashboards.yaml'))!;
    assert.deepEqual([...(indexedHeaders(dashboards, dashboards.text)![0] as YMap).pairs.keys()], ['apiVersion', 'kind']);
    assert.deepEqual(
      items.items.map((i) => [...(i as YMap).pairs.keys()]),
      [
        ['apiVersion', 'kind', 'metadata'],
        ['apiVersion', 'kind', 'metadata'],
      ],
    );
  });

  it('leave no entry of an object the edit renamed in the tables of the unit', () => {
    // A hostPort entry is made per port ({ template, port }): it was left behind, and the
    // renamed DaemonSet clashed with its own old name (kube-prometheus's node-exporter).
    const ds = (name: string): string =>
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ne\n  template:\n    metadata:\n      labels:\n        app: ne\n    spec:\n      containers:\n        - name: c\n          image: x\n          ports:\n            - containerPort: 9100\n              hostPort: 9100\n`;
    const files = { 'app/kustomization.yaml': 'namespace: monitoring\nresources:\n  - ds.yaml\n', 'app/ds.yaml': ds('node-exporter') };
    const index = indexOf(files);
    const edited = { ...files, 'app/ds.yaml': ds('node-exporter-r') };
    index.setFile(uriOf('app/ds.yaml'), 'app/ds.yaml', edited['app/ds.yaml'], 2);
    index.check();
    assert.deepEqual(seen(index), seen(indexOf(edited)));
    assert.deepEqual(
      findingsOf(index).filter((f) => f.rule === 'host-port-conflict'),
      [],
    );
  });

  it('are made again when a replacement copies the edited value into them', () => {
    const files = {
      ...base,
      'app/kustomization.yaml': `${base['app/kustomization.yaml']}replacements:\n  - source: { kind: ConfigMap, name: settings, fieldPath: data.greeting }\n    targets:\n      - select: { kind: Deployment }\n        fieldPaths: [spec.template.metadata.labels.app]\n`,
    };
    const index = indexOf(files);
    const edited = { ...files, 'app/settings.yaml': files['app/settings.yaml'].replace('Hello, world!', 'api') };
    index.setFile(uriOf('app/settings.yaml'), 'app/settings.yaml', edited['app/settings.yaml'], 2);
    index.check();
    assert.deepEqual(seen(index), seen(indexOf(edited)));
    const labels = index.builtAt(index.getFile(uriOf('app/web.yaml'))!)[0]!.built.byUri.get(uriOf('app/web.yaml'))![0]!.podTemplate!.labels;
    assert.equal(labels.get('app')?.value, 'api');
  });
});
