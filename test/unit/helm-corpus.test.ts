/**
 * Real `helm template` outputs (two cases copied from the shared corpus, test/helm/corpus):
 * the renderer gives the same objects and the same bytes.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCase } from '../helm/corpus';

const root = join(__dirname, '..', 'helm', 'corpus', 'cases');

describe('Helm corpus (committed cases)', () => {
  for (const name of readdirSync(root).sort()) {
    it(`${name}: same objects, every document equal, byte for byte`, () => {
      const s = runCase(join(root, name));
      assert.deepEqual({ missing: s.missing, extra: s.extra }, { missing: [], extra: [] });
      assert.equal(s.equalDocs, s.docs, s.differing.map((d) => d.key).join(', '));
      assert.ok(s.docs > 0);
      assert.equal(s.byteEqual, true);
      assert.deepEqual(s.findings, []);
    });
  }
});
