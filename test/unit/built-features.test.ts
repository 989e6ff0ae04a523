/**
 * Rename, completion and inlay hints in files kustomize builds read (issue 13, provenance):
 * they work on the objects each unit builds — names after namePrefix, namespaces, labels the
 * overlay adds, ports a patch sets — and edits land in the real files where the values are
 * written (the base, the overlay's Ingress, the patch), never in a built file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt } from '../../server/src/core/features/completion';
import { highlightsAt } from '../../server/src/core/features/highlights';
import { inlayHintsOf } from '../../server/src/core/features/inlayHints';
import { prepareRenameAt, renameAt } from '../../server/src/core/features/rename';
import { indexOf, uriOf } from './helpers';

const app = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: web
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
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`;

/** prod: namespace, namePrefix, a label on the Pods only, its Ingress, a patch that writes the Service's targetPort; dev: namespace, commonLabels, containerPort 9090. */
const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - app.yaml\n',
  'base/app.yaml': app,
  'overlays/prod/kustomization.yaml':
    'namespace: prod\nnamePrefix: prod-\nlabels:\n  - pairs:\n      tier: web\n    includeTemplates: true\nresources:\n  - ../../base\n  - ingress.yaml\npatches:\n  - path: port.yaml\n',
  'overlays/prod/ingress.yaml': ingress,
  'overlays/prod/port.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: web\n',
  'overlays/dev/kustomization.yaml': `namespace: dev
commonLabels:
  env: dev
resources:
  - ../../base
patches:
  - target:
      kind: Deployment
      name: api
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/ports/0/containerPort
        value: 9090
`,
};

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

function renamed(path: string, needle: string, delta: number, to: string, ws = files): string[] | string {
  const index = indexOf(ws);
  const file = index.getFile(uriOf(path))!;
  const r = renameAt(index, file, file.text.indexOf(needle) + delta, to);
  if ('error' in r) return r.error;
  for (const e of r) assert.ok(e.file.uri.startsWith('file:'), `an edit in ${e.file.uri}`);
  return r.map((e) => `${e.file.path}:${lineOf(e.file.text, e.span[0])}:${e.file.text.slice(e.span[0], e.span[1])}→${e.newText}`).sort();
}

describe('editor features on the objects kustomize builds', () => {
  it('rename of a base port name renames the targetPorts of every unit, in the base and in the patch that writes one', () => {
    assert.deepEqual(renamed('base/app.yaml', 'name: web', 6, 'http'), [
      'base/app.yaml:10:web→http',
      'base/app.yaml:30:web→http',
      'overlays/prod/port.yaml:8:web→http',
    ]);
  });

  it('rename of a base Service renames the overlay Ingress that names it and the patch that targets it, with the written names', () => {
    const index = indexOf(files);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const at = file.text.indexOf('name: api') + 6;
    assert.deepEqual(prepareRenameAt(index, file, at), { span: [at, at + 3], placeholder: 'api' });
    assert.deepEqual(renamed('base/app.yaml', 'name: api', 6, 'backend'), [
      'base/app.yaml:4:api→backend',
      'overlays/prod/ingress.yaml:13:api→backend',
      'overlays/prod/port.yaml:4:api→backend',
    ]);
  });

  it('rename of a base Service renames the target name of a kustomization patch entry that patches it, not that of another kind', () => {
    const dev =
      files['overlays/dev/kustomization.yaml']! +
      '  - target:\n      kind: Service\n      name: api\n    patch: |-\n      - op: replace\n        path: /spec/ports/0/port\n        value: 8000\n';
    const edits = renamed('base/app.yaml', 'name: api', 6, 'backend', { ...files, 'overlays/dev/kustomization.yaml': dev });
    assert.deepEqual(
      (edits as string[]).filter((e) => e.startsWith('overlays/dev')),
      ['overlays/dev/kustomization.yaml:16:api→backend'],
    );
  });

  it('rename from the overlay Ingress renames the Service for every unit that reads the base', () => {
    const dev =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n    - name: c\n      image: c\n      env:\n        - name: API\n          value: http://api.dev.svc:80\n';
    const ws = {
      ...files,
      'overlays/dev/client.yaml': dev,
      'overlays/dev/kustomization.yaml': files['overlays/dev/kustomization.yaml']!.replace(
        '  - ../../base\n',
        '  - ../../base\n  - client.yaml\n',
      ),
    };
    assert.deepEqual(renamed('overlays/prod/ingress.yaml', 'name: api', 6, 'backend', ws), [
      'base/app.yaml:4:api→backend',
      'overlays/dev/client.yaml:11:api→backend',
      'overlays/prod/ingress.yaml:13:api→backend',
      'overlays/prod/port.yaml:4:api→backend',
    ]);
  });

  it('a DNS name written with the prefix gets the new built name; a taken built name is refused', () => {
    const client =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n    - name: c\n      image: c\n      env:\n        - name: API\n          value: http://prod-api.prod.svc:80\n';
    const ws = {
      ...files,
      'overlays/prod/client.yaml': client,
      'overlays/prod/kustomization.yaml': files['overlays/prod/kustomization.yaml']!.replace(
        '  - ingress.yaml\n',
        '  - ingress.yaml\n  - client.yaml\n',
      ),
    };
    assert.ok(
      (renamed('base/app.yaml', 'name: api', 6, 'backend', ws) as string[]).includes('overlays/prod/client.yaml:11:prod-api→prod-backend'),
    );
    // Renamed at the DNS name, the new name is a built one: the base gets it without the prefix.
    const atDns = renamed('overlays/prod/client.yaml', 'prod-api', 2, 'prod-backend', ws) as string[];
    assert.ok(
      atDns.includes('base/app.yaml:4:api→backend') && atDns.includes('overlays/prod/client.yaml:11:prod-api→prod-backend'),
      atDns.join(),
    );
    assert.match(
      String(renamed('overlays/prod/client.yaml', 'prod-api', 2, 'backend', ws)),
      /built from api: the new name must keep prod-/,
    );
    const other = app + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n';
    assert.match(
      String(renamed('base/app.yaml', 'name: api', 6, 'web', { ...files, 'base/app.yaml': other })),
      /In unit overlays\/dev: A Service named web already exists in namespace dev/,
    );
  });

  it('completion of a backend Service name in an overlay offers the Service as written, for the name the build gives it', () => {
    const ws = { ...files, 'overlays/prod/ingress.yaml': ingress.replace('name: api', 'name: ') };
    const index = indexOf(ws);
    const file = index.getFile(uriOf('overlays/prod/ingress.yaml'))!;
    const items = completionsAt(index, file, file.text.indexOf('name: \n') + 6);
    assert.deepEqual(
      items.map((c) => [c.label, c.insertText, c.detail]),
      [['api', 'api', 'Service prod-api (ClusterIP) ports 80']],
    );
  });

  it('completion of a route backendRef offers the built name: kustomize does not rewrite route references', () => {
    const route =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n    - backendRefs:\n        - name: \n          port: 80\n';
    const ws = {
      ...files,
      'overlays/prod/route.yaml': route,
      'overlays/prod/kustomization.yaml': files['overlays/prod/kustomization.yaml']!.replace(
        '  - ingress.yaml\n',
        '  - ingress.yaml\n  - route.yaml\n',
      ),
    };
    const index = indexOf(ws);
    const file = index.getFile(uriOf('overlays/prod/route.yaml'))!;
    assert.deepEqual(
      completionsAt(index, file, file.text.indexOf('name: \n') + 6).map((c) => c.label),
      ['prod-api'],
    );
  });

  it('completion of a nodePort in a base offers one port free in every unit that reads it', () => {
    const other =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n';
    const ws = {
      ...files,
      'base/app.yaml': app
        .replace('spec:\n  selector:\n    app: api\n', 'spec:\n  type: NodePort\n  selector:\n    app: api\n')
        .replace('targetPort: web', 'targetPort: web\n      nodePort: '),
      'overlays/dev/other.yaml': other,
      'overlays/dev/kustomization.yaml': files['overlays/dev/kustomization.yaml']!.replace(
        '  - ../../base\n',
        '  - ../../base\n  - other.yaml\n',
      ),
    };
    const index = indexOf(ws);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const items = completionsAt(index, file, file.text.indexOf('nodePort: ') + 10);
    assert.deepEqual(
      items.map((c) => [c.label, c.preselect]),
      [['30081', true]],
    );
  });

  it('completion in a base offers what the units built: Pod labels an overlay adds and ports a patch sets, saying where they hold', () => {
    const ws = {
      ...files,
      'base/app.yaml': app
        .replace('  selector:\n    app: api\n', '  selector:\n    app: api\n    \n')
        .replace('targetPort: web', 'targetPort: '),
    };
    const index = indexOf(ws);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const sel = completionsAt(index, file, file.text.indexOf('app: api\n    \n') + 13);
    // dev's env label is in its selector already (commonLabels); app is written on the line above.
    assert.deepEqual(
      sel.map((c) => [c.label, c.detail]),
      [['tier: web', 'on Deployment prod-api (only in overlays/prod)']],
    );
    const ports = completionsAt(index, file, file.text.indexOf('targetPort: ') + 12);
    assert.deepEqual(ports.map((c) => [c.label, c.detail?.replace(/ →.*\(/, ' (')]).sort(), [
      ['8080', 'containerPort (only in overlays/prod)'],
      ['9090', 'containerPort (only in overlays/dev)'],
      ['web', 'port name (Deployment api)'],
    ]);
  });

  it('inlay hints in a base give each unit its answer when they differ, one when they agree', () => {
    const hintsIn = (ws: Record<string, string>, path: string): string[] => {
      const index = indexOf(ws);
      const file = index.getFile(uriOf(path))!;
      return inlayHintsOf(index, file, [0, file.text.length]).map((h) => `${lineOf(file.text, h.offset)}:${h.label}`);
    };
    const unpatched = {
      ...files,
      'overlays/prod/kustomization.yaml': files['overlays/prod/kustomization.yaml']!.replace(/patches:[^]*$/, ''),
    };
    assert.deepEqual(hintsIn(unpatched, 'base/app.yaml'), ['6:1 workload', '10:→ api:9090 (overlays/dev), api:8080 (overlays/prod)']);
    // prod's patch writes its targetPort: the base line has dev's answer, the patch line prod's.
    assert.deepEqual(hintsIn(files, 'base/app.yaml'), ['6:1 workload', '10:→ api:9090 (overlays/dev)']);
    assert.deepEqual(hintsIn(files, 'overlays/prod/port.yaml'), ['8:→ api:8080']);
  });

  it('highlights in a base mark the places of the built objects in that file: a port name and the targetPort that uses it', () => {
    const index = indexOf(files);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const hs = highlightsAt(index, file, file.text.indexOf('name: web') + 7);
    assert.deepEqual(hs.map((h) => `${lineOf(file.text, h.span[0])}:${file.text.slice(h.span[0], h.span[1])}:${h.kind}`).sort(), [
      '10:web:read',
      '30:web:write',
    ]);
  });
});
