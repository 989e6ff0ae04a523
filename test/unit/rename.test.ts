/** rename: port names and Services, everything that must change together; refusals. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { prepareRenameAt, renameAt } from '../../server/src/core/features/rename';
import { at, lineOf, shop } from './shop';

describe('rename', () => {
  const edits = (path: string, needle: string, delta: number, to: string): string[] | string => {
    const { index, file, offset } = at(path, needle, delta);
    const r = renameAt(index, file, offset, to);
    return 'error' in r
      ? r.error
      : r.map((e) => `${e.file.path}:${lineOf(e.file.text, e.span[0])}:${e.file.text.slice(e.span[0], e.span[1])}`).sort();
  };
  it('a port name: container port, targetPort, probe', () => {
    assert.deepEqual(edits('svc.yaml', 'targetPort: http', 13, 'web'), ['app.yaml:19:http', 'app.yaml:22:http', 'svc.yaml:12:http']);
  });
  it('a Service: name, backend, DNS reference', () => {
    assert.deepEqual(edits('ing.yaml', 'name: web', 7, 'shop'), ['client.yaml:10:web', 'ing.yaml:13:web', 'svc.yaml:3:web']);
  });
  it('a Service: the ReferenceGrant entry that lets a route of another namespace use it', () => {
    const route =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  namespace: edge\nspec:\n  rules:\n    - backendRefs:\n        - name: web\n          namespace: shop\n          port: 80\n';
    const grant =
      'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: g\n  namespace: shop\nspec:\n  from:\n    - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: edge}\n  to:\n    - group: ""\n      kind: Service\n      name: web\n    - {group: "", kind: Service, name: "other"}\n';
    const { index, file, offset } = at('svc.yaml', 'name: web', 7, { ...shop, 'route.yaml': route, 'grant.yaml': grant });
    const r = renameAt(index, file, offset, 'shop');
    assert.ok(!('error' in r));
    assert.deepEqual(
      r
        .filter((e) => e.file.path === 'grant.yaml')
        .map((e) => `${lineOf(e.file.text, e.span[0])}:${e.file.text.slice(e.span[0], e.span[1])}`),
      ['11:web'],
    );
  });
  it('refuses numbers, invalid names and taken names', () => {
    const { index, file, offset } = at('svc.yaml', 'port: 80', 6);
    assert.match(JSON.stringify(prepareRenameAt(index, file, offset)), /only port names/);
    assert.match(String(edits('app.yaml', 'name: http', 7, 'Not_Valid')), /not a valid port name/);
    assert.match(String(edits('svc.yaml', 'name: web', 7, '9web')), /not a valid Service name/);
  });
  it('prepareRename gives the range and placeholder', () => {
    const { index, file, offset } = at('app.yaml', 'name: http', 7);
    assert.deepEqual(prepareRenameAt(index, file, offset), { span: [offset - 1, offset + 3], placeholder: 'http' });
  });
});
