/** completion: linked values from the index, on lines that do not parse yet too. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionsAt, lineContext } from '../../server/src/core/features/completion';
import { APP, SVC, shop, at } from './shop';

describe('completion', () => {
  const labels = (path: string, needle: string, delta: number, files: Record<string, string>): string[] => {
    const { index, file, offset } = at(path, needle, delta, files);
    return completionsAt(index, file, offset).map((c) => c.label).sort();
  };
  it('reads the enclosing keys by indentation, sequences included', () => {
    const text = 'spec:\n  rules:\n  - backendRefs:\n    - name: web\n      port: 8\n';
    assert.deepEqual(lineContext(text, text.indexOf('port: 8') + 7)?.keys, ['spec', 'rules', 'backendRefs']);
    assert.equal(lineContext(text, text.indexOf('port: 8') + 7)?.key, 'port');
  });
  it('targetPort from the matched containers (names and numbers)', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: ') };
    assert.deepEqual(labels('svc.yaml', 'targetPort: ', 12, files), ['8080', 'http']);
  });
  it('selector pairs while typing a key (the line does not parse yet)', () => {
    const files = { ...shop, 'app.yaml': APP.replace('        app: web\n', '        app: web\n        tier: front\n'), 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    ti\n') };
    assert.deepEqual(labels('svc.yaml', '    ti\n', 6, files), ['tier: front']);
  });
  it('no selector pair whose key the selector already has: it would be a duplicate key', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    \n') };
    assert.deepEqual(labels('svc.yaml', '    app: web\n    ', 17, files), []);
  });
  it('Ingress backend Service names and ports; a free nodePort', () => {
    assert.deepEqual(labels('ing.yaml', 'name: web', 6, shop), ['web']);
    assert.deepEqual(labels('ing.yaml', 'number: 80', 8, shop), ['80']);
    const files = { ...shop, 'svc.yaml': SVC.replace('nodePort: 30080', 'nodePort: ') };
    assert.deepEqual(labels('svc.yaml', 'nodePort: ', 10, files), ['30080']);
    assert.notDeepEqual(labels('svc.yaml', 'nodePort: 30080', 10, shop), ['30080']);
  });
});
