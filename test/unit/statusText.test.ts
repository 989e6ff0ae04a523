/** The status bar never shows a bare number: objects and problems are named apart. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusText } from '../../client/src/statusText';

test('the status bar says what it counts, and problems apart from objects', () => {
  const idle = { state: 'ready', files: 9, resources: 23, skipped: 0 } as const;
  assert.equal(statusText(idle, { errors: 0, warnings: 0 }).text, '$(pulse) podpath: 23 objects · $(check) no problems');
  const t = statusText(idle, { errors: 2, warnings: 5 });
  assert.equal(t.text, '$(pulse) podpath: 23 objects · $(error) 2 $(warning) 5');
  assert.match(t.tooltip, /23 Kubernetes objects in 9 files: 2 errors and 5 warnings/);
  assert.equal(
    statusText({ ...idle, resources: 1, files: 1 }, { errors: 1, warnings: 0 }).tooltip.includes(
      '1 Kubernetes object in 1 file: 1 error and 0 warnings',
    ),
    true,
  );
  assert.match(statusText({ state: 'indexing', files: 40, resources: 0, skipped: 0 }, { errors: 0, warnings: 0 }).text, /indexing 40/);
});
