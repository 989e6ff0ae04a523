/** inlayHints: where targetPorts land, how many workloads a selector matches. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inlayHintsOf } from '../../server/src/core/features/inlayHints';
import { SVC, shop, at, lineOf } from './shop';

describe('inlayHints', () => {
  const hints = (files: Record<string, string> = shop): string[] => {
    const { index, file } = at('svc.yaml', 'kind', 0, files);
    return inlayHintsOf(index, file, [0, file.text.length]).map((h) => `${lineOf(file.text, h.offset)}:${h.label}`);
  };
  it('after targetPort and after selector', () => {
    assert.deepEqual(hints(), ['7:1 workload', '12:→ nginx:8080']);
  });
  it('after a flow selector, not at the end of a line that goes on', () => {
    const flow =
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n';
    const { index, file } = at('svc.yaml', 'kind', 0, { ...shop, 'svc.yaml': flow });
    const sel = inlayHintsOf(index, file, [0, file.text.length]).find((h) => h.label === '1 workload');
    assert.equal(sel?.offset, flow.indexOf('{app: web}') + '{app: web}'.length);
  });
  it('matches nothing', () => {
    assert.deepEqual(hints({ ...shop, 'svc.yaml': SVC.replace('app: web', 'app: nope') }), ['7:matches nothing']);
  });
});
