/** codeLens: traffic path on Services, exposure on workloads. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { codeLensesOf } from '../../server/src/core/features/codeLens';
import { SVC, shop, at } from './shop';

describe('codeLens', () => {
  const titles = (path: string, files: Record<string, string> = shop): string[] => {
    const { index, file } = at(path, 'kind', 0, files);
    return codeLensesOf(index, file).map((l) => l.title);
  };
  it('above a Service: pods and routes, with the command and its target', () => {
    const { index, file } = at('svc.yaml', 'kind', 0);
    const [l] = codeLensesOf(index, file);
    assert.equal(l?.title, 'Show traffic path · 3 pods · 1 route');
    assert.deepEqual(l?.command, { id: 'podpath.showTrafficPath', args: [{ namespace: 'shop', name: 'web' }] });
  });
  it('no pods when the selector matches nothing', () => {
    assert.deepEqual(titles('svc.yaml', { ...shop, 'svc.yaml': SVC.replace('app: web', 'app: nope') }), [
      'Show traffic path · no pods · 1 route',
    ]);
  });
  it('above a workload: the Services that expose it', () => {
    assert.deepEqual(titles('app.yaml'), ['exposed by web:80']);
  });
  it('on an Ingress: at the backend line, the traffic path of the Service it sends to', () => {
    const { index, file } = at('ing.yaml', 'kind', 0);
    const lenses = codeLensesOf(index, file);
    assert.deepEqual(
      lenses.map((l) => l.title),
      ['Show traffic path of web'],
    );
    assert.deepEqual(lenses[0]?.command, { id: 'podpath.showTrafficPath', args: [{ namespace: 'shop', name: 'web' }] });
    assert.equal(file.text.slice(lenses[0]!.span[0]).split('\n')[0]!.trim(), 'name: web');
    // A backend naming a Service the workspace lacks gets no lens: there is no path to show.
    const other = at('ing.yaml', 'kind', 0, { ...shop, 'ing.yaml': file.text.replace('name: web', 'name: gone') });
    assert.deepEqual(codeLensesOf(other.index, other.file), []);
  });
});
