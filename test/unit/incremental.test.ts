/**
 * Incremental checking gives what a fresh index gives: after each edit, every file's
 * findings (with their related places) equal those of an index built from the same texts
 * at once. An edit re-parses its file from the first changed document on (the resources
 * before it are kept, ids and all), re-runs only the rule runs that read what changed, and
 * of those that read documents that merely moved, only the ones whose findings point there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIndex } from '../../server/src/core/api';
import { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { SourceFile } from '../../server/src/core/model/resource';

const deployment = (name: string, app: string, port: number): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - name: http\n          containerPort: ${port}\n`;
const service = (name: string, app: string, target: string | number): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - name: http\n    port: 80\n    targetPort: ${target}\n`;
const policy = (app: string, port: number): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p-${app}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${app}\n  ingress:\n  - ports:\n    - port: ${port}\n`;

/** A file's diagnostics as the client sees them: place, message, related places and fixes. */
function fileFindings(index: WorkspaceIndex, f: SourceFile): string[] {
  return diagnosticsOf(index, f).map(
    (d) =>
      `${f.path} ${d.rule} ${d.span[0]}-${d.span[1]} ${d.message} ${d.related.map((p) => `${p.file.path}@${p.span[0]}`).join(',')} ${d.fixes.map((x) => x.edits.map((e) => `${e.file.path}@${e.span[0]}-${e.span[1]}:${e.newText}`).join('+')).join('|')}`,
  );
}

function findings(index: WorkspaceIndex): string[] {
  const out: string[] = [];
  for (const f of index.allFiles()) out.push(...fileFindings(index, f));
  return out.sort();
}

function byFile(index: WorkspaceIndex): Map<string, string> {
  return new Map([...index.allFiles()].map((f) => [f.uri, fileFindings(index, f).join('\n')]));
}

/**
 * Apply the edits one by one; after each, the index must give what a fresh one gives, and
 * every file whose diagnostics changed must be among those `check` reports (or the edited
 * one): the server refreshes only those.
 */
function replay(files: Map<string, string>, edits: [string, (t: string) => string][]): WorkspaceIndex {
  const index = fresh(files);
  let version = 1;
  for (const [path, edit] of edits) {
    const text = edit(files.get(path)!);
    assert.notEqual(text, files.get(path), `the edit of ${path} changed nothing`);
    files.set(path, text);
    const was = byFile(index);
    index.setFile(`file:///ws/${path}`, path, text, version++);
    const changed = index.check();
    changed.add(`file:///ws/${path}`);
    assert.deepEqual(findings(index), findings(fresh(files)), `after the edit of ${path}`);
    assert.equal(index.resourceCount, [...index.resources()].length);
    for (const [uri, now] of byFile(index))
      if (was.get(uri) !== now) assert.ok(changed.has(uri), `${uri}: its diagnostics changed, but check() did not say so`);
  }
  return index;
}

function fresh(files: Map<string, string>): WorkspaceIndex {
  const index = createIndex({}, (e) => {
    throw e;
  });
  for (const [path, text] of files) index.setFile(`file:///ws/${path}`, path, text, 0);
  index.check();
  return index;
}

describe('incremental checking', () => {
  it('matches a fresh index after every edit, keeping the resources before the edit', () => {
    const files = new Map([
      [
        'a.yaml',
        [
          deployment('web', 'web', 8080),
          service('web', 'web', 'http'),
          policy('web', 8080),
          service('api', 'api', 9090),
          deployment('late', 'late', 6060),
        ].join('---\n'),
      ],
      ['b.yaml', deployment('other', 'other', 7070)],
      // Its finding points at the last document of a.yaml, which moves when the ones before it change.
      ['c.yaml', service('late', 'late', 5555)],
    ]);
    const index = fresh(files);
    const edits: [string, (t: string) => string][] = [
      ['a.yaml', (t) => t.replace('targetPort: http', 'targetPort: htp')], // the 2nd document
      ['b.yaml', () => deployment('api', 'api', 9090)], // now api has Pods
      ['a.yaml', (t) => t.replace('port: 8080\n', 'port: 8081\n')], // the policy, 3rd document
      ['a.yaml', (t) => t.replace('app: web\n', 'app: webx\n')], // the 1st document: all others move
      ['a.yaml', (t) => t.replace('targetPort: htp', 'targetPort: http')], // the 2nd: the 3rd and later move
      ['b.yaml', (t) => t.replace('containerPort: 9090', 'containerPort: 9091')],
      ['a.yaml', (t) => `${t}---\n${service('late', 'other', 1234)}`], // a document added at the end
    ];
    let version = 1;
    for (const [path, edit] of edits) {
      const before = index.getFile(`file:///ws/${path}`)!;
      const text = edit(files.get(path)!);
      assert.notEqual(text, files.get(path), `the edit of ${path} changed nothing`);
      files.set(path, text);
      const after = index.setFile(`file:///ws/${path}`, path, text, version++);
      index.check();
      assert.deepEqual(findings(index), findings(fresh(files)));
      // The resources of the documents before the first change are the same objects.
      const firstChange = [...text].findIndex((c, i) => c !== before.text[i]);
      for (const r of after.resources)
        if (r.span[1] < firstChange - 1)
          assert.ok(
            before.resources.some((b) => b.id === r.id),
            `${r.kind} ${r.name} was parsed again`,
          );
      for (const r of after.resources) assert.equal(r.file, after);
    }
  });

  it('reports every file whose diagnostics changed, when documents only move', () => {
    const files = new Map([
      ['a.yaml', [deployment('web', 'web', 8080), service('web', 'web', 'http'), deployment('late', 'late', 6060)].join('---\n')],
      // Its finding points at the last document of a.yaml, which moves when the ones before it change length.
      ['c.yaml', service('late', 'late', 5555)],
    ]);
    replay(files, [
      ['a.yaml', (t) => t.replace('app: web\n', 'app: webxx\n')], // the 1st document grows: the others move
      ['a.yaml', (t) => t.replace('containerPort: 8080', 'containerPort: 8081')], // same length: nothing moves
      ['a.yaml', (t) => t.replace('app: webxx\n', 'app: web\n')],
    ]);
  });

  it('re-checks through the ConfigMap and custom-resource tables', () => {
    const app = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n      containers:\n      - name: c\n        image: x\n        envFrom:\n        - configMapRef:\n            name: cfg\n        ports:\n        - containerPort: 8080\n`;
    const cfg = (listen: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LISTEN: "${listen}"\n`;
    const ray = (name: string): string => `apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: ${name}\nspec: {}\n`;
    const ingress = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: db-head-svc\n            port:\n              number: 80\n`;
    const files = new Map([
      ['app.yaml', [app, service('app', 'app', 9000)].join('---\n')],
      ['cfg.yaml', cfg(':9001')],
      ['ing.yaml', ingress],
      ['ray.yaml', ray('other')],
    ]);
    const index = replay(files, [
      ['cfg.yaml', () => cfg(':9000')], // the Pods may listen on 9000 after all
      ['ray.yaml', () => ray('db')], // an operator makes db-head-svc
      ['cfg.yaml', () => cfg(':9002')],
      ['ray.yaml', () => ray('dbx')],
    ]);
    assert.ok(findings(index).some((f) => f.includes('service-target-port-not-found')));
    assert.ok(findings(index).some((f) => f.includes('ingress-backend-service-not-found')));
  });
});
