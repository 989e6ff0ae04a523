/**
 * The kustomize evaluator against `kubectl kustomize` (v5.5.0) on real repositories: every
 * folder of test/fixtures/kustomize-corpus (or, with PODPATH_CORPUS=<dir holding kustomize/>,
 * of the full corpus) builds the same objects with the same traffic fields, prints the same
 * YAML byte for byte, and where kustomize refuses a folder the evaluator refuses it with an
 * error that says why — never a crash, never a silent build.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildYaml } from '../../server/src/core/sources/kustomize/emit';
import { compareCase, corpusCases } from '../kustomize/corpus';

const corpus = process.env.PODPATH_CORPUS
  ? join(process.env.PODPATH_CORPUS, 'kustomize')
  : join(__dirname, '..', 'fixtures', 'kustomize-corpus');
const cases = corpusCases(corpus);

describe(`kustomize corpus (${corpus})`, () => {
  it('has builds and refusals to compare', () => {
    assert.ok(cases.filter((c) => c.golden).length >= 10, 'builds');
    assert.ok(cases.filter((c) => !c.golden).length >= 2, 'refusals');
  });

  const cache = new Map<string, unknown>();
  for (const c of cases) {
    it(`${c.golden ? 'builds' : 'refuses'} ${c.tree}/${c.folder || '.'}`, () => {
      const o = compareCase(corpus, c, cache);
      assert.equal(o.diff, '');
      if (c.golden) {
        const golden = readFileSync(join(corpus, 'golden', c.tree, `${c.folder || '_root'}.yaml`), 'utf8');
        assert.equal(buildYaml(o.result.objects), golden, 'the YAML kubectl kustomize prints');
      } else {
        const err = o.result.findings.find((f) => f.severity === 'error')!;
        // kustomize's reason, in its words: the id of the patch that found no target.
        const id = /no matches for Id (\S+?);/.exec(c.error ?? '')?.[1];
        if (id) assert.match(err.message, new RegExp(id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      }
    });
  }
});
