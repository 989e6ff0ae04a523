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
  it('matches nothing', () => {
    assert.deepEqual(hints({ ...shop, 'svc.yaml': SVC.replace('app: web', 'app: nope') }), ['7:matches nothing']);
  });
});
