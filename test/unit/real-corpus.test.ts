/**
 * The real corpus (18 public projects): every finding there was reviewed by a person and
 * recorded with a verdict in test/fixtures/real-corpus-review.md. By default the test runs on
 * the committed sample (test/corpus/real: the same projects without CRDs and large files) and
 * expects test/fixtures/real-corpus-sample-findings.json, each of which is also a finding of the
 * full corpus; PODPATH_CORPUS=/path/to/corpus/real runs it on the full corpus against
 * test/fixtures/real-corpus-findings.json.
 * Each project is its own workspace, as a user opens it: 18 unrelated repos in one window
 * would make their `default` namespaces one, which no cluster does.
 * This test fails when the set of findings changes, so that every change is reviewed
 * again (UPDATE_FIXTURES=1 rewrites the expected findings of the corpus it ran on).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { allDiagnostics } from '../../server/src/cli/report';
import { rangeOf } from '../../server/src/core/model/positions';
import { realCorpus } from '../corpus';

const { dir: corpus, full, describe: which } = realCorpus();
const fullPath = resolve(__dirname, '..', 'fixtures', 'real-corpus-findings.json');
const samplePath = resolve(__dirname, '..', 'fixtures', 'real-corpus-sample-findings.json');
const expectedPath = full ? fullPath : samplePath;
const reviewPath = resolve(__dirname, '..', 'fixtures', 'real-corpus-review.md');
const read = (path: string): string[] => JSON.parse(readFileSync(path, 'utf8')) as string[];

describe('real corpus', () => {
  it('reports exactly the reviewed findings', async (t) => {
    t.diagnostic(which);
    assert.ok(existsSync(corpus), `the corpus is missing at ${corpus}`);
    const found: string[] = [];
    for (const project of readdirSync(corpus).sort()) {
      if (!statSync(join(corpus, project)).isDirectory()) continue;
      const ws = await loadWorkspace([join(corpus, project)], { rules: {}, exclude: [] }, corpus);
      for (const d of allDiagnostics(ws.index, {}))
        found.push(`${d.file.path}:${rangeOf(d.file, d.span).start.line + 1} ${d.severity} ${d.rule}`);
    }
    found.sort();
    if (process.env.UPDATE_FIXTURES === '1') {
      writeFileSync(expectedPath, JSON.stringify(found, null, 2) + '\n');
      return;
    }
    const expected = read(expectedPath);
    const added = found.filter((f) => !expected.includes(f));
    const gone = expected.filter((f) => !found.includes(f));
    assert.deepEqual(
      { added, gone },
      { added: [], gone: [] },
      'the findings on the real corpus changed: review them in real-corpus-review.md, then UPDATE_FIXTURES=1',
    );
  });

  it('the sample keeps findings of every severity, each one a finding of the full corpus', () => {
    // Trimming must not invent findings (a Service dropped from the sample would make its
    // references dangle) nor leave the sample without anything to review.
    const sample = read(samplePath);
    const whole = new Set(read(fullPath));
    assert.deepEqual(
      sample.filter((f) => !whole.has(f)),
      [],
      'findings of the sample that the full corpus does not have',
    );
    for (const severity of ['error', 'warning', 'info'])
      assert.ok(
        sample.some((f) => f.includes(` ${severity} `)),
        `no ${severity} in the sample`,
      );
  });

  it('has a verdict in the review for every error and warning', () => {
    const expected = read(expectedPath);
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
