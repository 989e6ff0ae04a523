/** definition: where each kind of reference leads. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definitionAt } from '../../server/src/core/features/definition';
import { ING, shop, at, lineOf } from './shop';

describe('definition', () => {
  const defs = (path: string, needle: string, delta: number, files?: Record<string, string>): string[] => {
    const { index, file, offset } = at(path, needle, delta, files);
    return definitionAt(index, file, offset).map(
      (p) => `${p.file.path}:${lineOf(p.file.text, p.span[0])}:${p.file.text.slice(p.span[0], p.span[1])}`,
    );
  };
  it('targetPort → the container port (by name)', () => {
    assert.deepEqual(defs('svc.yaml', 'targetPort: http', 13), ['app.yaml:19:http']);
  });
  it('selector key and value → the matching pod-template labels', () => {
    assert.deepEqual(defs('svc.yaml', 'app: web', 1), ['app.yaml:13:app']);
    assert.deepEqual(defs('svc.yaml', 'app: web', 6), ['app.yaml:13:web']);
  });
  it('Ingress backend name → Service, its port → the Service port', () => {
    assert.deepEqual(defs('ing.yaml', 'name: web', 7), ['svc.yaml:3:web']);
    assert.deepEqual(defs('ing.yaml', 'number: 80', 9), ['svc.yaml:11:80']);
  });
  it('DNS reference → Service and port; probe port → container port', () => {
    assert.deepEqual(defs('client.yaml', 'web.shop', 1), ['svc.yaml:3:web', 'svc.yaml:11:80']);
    assert.deepEqual(defs('app.yaml', 'port: http', 7), ['app.yaml:19:http']);
  });
  it('nothing across namespaces', () => {
    const files = { ...shop, 'ing.yaml': ING.replace('namespace: shop', 'namespace: other') };
    assert.deepEqual(defs('ing.yaml', 'name: web', 7, files), []);
  });
});
