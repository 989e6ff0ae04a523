/**
 * The real corpus (../shared/corpus/real, 18 public projects): every finding there was
 * reviewed by a person and recorded with a verdict in test/fixtures/real-corpus-review.md.
 * Each project is its own workspace, as a user opens it: 18 unrelated repos in one window
 * would make their `default` namespaces one, which no cluster does.
 * This test fails when the set of findings changes, so that every change is reviewed
 * again (UPDATE_FIXTURES=1 rewrites test/fixtures/real-corpus-findings.json).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { allDiagnostics } from '../../server/src/cli/report';
import { rangeOf } from '../../server/src/core/model/positions';

const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const expectedPath = resolve(__dirname, '..', 'fixtures', 'real-corpus-findings.json');
const reviewPath = resolve(__dirname, '..', 'fixtures', 'real-corpus-review.md');

describe('real corpus', () => {
  it('reports exactly the reviewed findings', async () => {
    assert.ok(existsSync(corpus), `the corpus is missing at ${corpus}`);
    const found: string[] = [];
    for (const project of readdirSync(corpus).sort()) {
      const ws = await loadWorkspace([join(corpus, project)], { rules: {}, exclude: [] }, corpus);
      for (const d of allDiagnostics(ws.index, {})) found.push(`${d.file.path}:${rangeOf(d.file, d.span).start.line + 1} ${d.severity} ${d.rule}`);
    }
    found.sort();
    if (process.env.UPDATE_FIXTURES === '1') {
      writeFileSync(expectedPath, JSON.stringify(found, null, 2) + '\n');
      return;
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as string[];
    const added = found.filter((f) => !expected.includes(f));
    const gone = expected.filter((f) => !found.includes(f));
    assert.deepEqual({ added, gone }, { added: [], gone: [] }, 'the findings on the real corpus changed: review them in real-corpus-review.md, then UPDATE_FIXTURES=1');
  });

  it('has a verdict in the review for every error and warning', () => {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as string[];
    const review = readFileSync(reviewPath, 'utf8');
    const missing = expected
      .filter((f) => / (error|warning) /.test(f))
      .filter((f) => {
        const [where, , rule] = f.split(' ');
        return !review.includes(`${where} ${rule}`) && !review.includes(`${where} | ${rule}`);
      });
    assert.deepEqual(missing, [], 'errors/warnings without a reviewed verdict in real-corpus-review.md');
  });
});
