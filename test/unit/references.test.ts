/** references: who refers to a container port, a Service, a label. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { referencesAt } from '../../server/src/core/features/references';
import { at, lineOf } from './shop';

describe('references', () => {
  const refs = (path: string, needle: string, delta: number, decl = true): string[] => {
    const { index, file, offset } = at(path, needle, delta);
    return referencesAt(index, file, offset, decl)
      .map((p) => `${p.file.path}:${lineOf(p.file.text, p.span[0])}`)
      .sort();
  };
  it('container port name → targetPort and probe', () => {
    assert.deepEqual(refs('app.yaml', 'name: http', 7), ['app.yaml:19', 'app.yaml:22', 'svc.yaml:12']);
  });
  it('Service → Ingress backend and DNS reference', () => {
    assert.deepEqual(refs('svc.yaml', 'name: web', 7, false), ['client.yaml:10', 'ing.yaml:13']);
  });
  it('the same from a backend as from the Service', () => {
    assert.deepEqual(refs('ing.yaml', 'name: web', 7), refs('svc.yaml', 'name: web', 7));
  });
  it('pod-template label → the selectors that match it', () => {
    assert.deepEqual(
      refs('app.yaml', '        app: web', 14, false).filter((r) => r.startsWith('svc')),
      ['svc.yaml:8'],
    );
  });
});
