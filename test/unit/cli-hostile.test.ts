/**
 * `podpath check` on the hostile workspace (test/hostile/workspace.ts): every bad file gets
 * its finding or its "skipped" line, the good file keeps its real finding, and the process
 * reads nothing outside the workspace, never opens the files over maxFileSize and runs no
 * program (all recorded by the audit preload), in bounded memory.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeHostileWorkspace, type HostileWorkspace } from '../hostile/workspace';
import { ensureBuilt, outsideRoots, peakRssMb, repoRoot, runCli, type CliRun } from '../hostile/run';

interface JsonDiagnostic {
  rule: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number } };
}

let ws: HostileWorkspace;
let run: CliRun;
let report: { files: number; resources: number; diagnostics: JsonDiagnostic[] };

before(async () => {
  ensureBuilt();
  ws = makeHostileWorkspace();
  run = await runCli(['check', '.', '--format', 'json'], ws.root);
  report = JSON.parse(run.stdout);
});

after(() => ws?.cleanup());

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('podpath check on a hostile workspace', { timeout: 300_000 }, () => {
  test('finishes with exit 1 (errors found), a JSON report, and no internal error', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  });

  test('every hostile file gets its finding, its "skipped" line, or nothing at all', () => {
    const skipped = run.stderr.split('\n').filter(Boolean);
    for (const e of ws.expected) {
      if ('log' in e) {
        const line = skipped.find((l) => l.startsWith(`podpath: skipped ${e.file}: `));
        assert.ok(line, `a "skipped" line for ${e.file}; stderr:\n${run.stderr}`);
        assert.match(line, e.log);
      } else if ('nothing' in e) {
        assert.deepEqual(
          report.diagnostics.filter((d) => d.file === e.file),
          [],
          `no finding in ${e.file}`,
        );
      } else {
        const found = report.diagnostics.find((d) => d.file === e.file && d.rule === e.rule && e.message.test(d.message));
        assert.ok(
          found,
          `${e.rule} in ${e.file} matching ${e.message}; found there: ${JSON.stringify(report.diagnostics.filter((d) => d.file === e.file).map((d) => d.message))}`,
        );
        if (e.line !== undefined) assert.equal(found.range.start.line + 1, e.line, `${e.file}: line of ${e.rule}`);
      }
    }
    // Every line on stderr is one of those: one line per file, saying what and where.
    for (const l of skipped) assert.match(l, /^podpath: skipped \S.*: .+$/);
  });

  test('reads nothing outside the workspace, never opens the files over maxFileSize, runs no program', () => {
    assert.deepEqual(outsideRoots(run.audit, [ws.root, join(repoRoot, 'dist')], ws.root), []);
    const opened = run.audit.filter((e) => e.op.startsWith('read:open') || e.op.startsWith('read:readFile')).map((e) => e.path ?? '');
    assert.deepEqual(
      opened.filter((p) => p.includes('/big/')),
      [],
      "big/bundle.yaml (20 MB) and big/long-line.yaml (8 MB) are only stat'ed",
    );
    assert.ok(
      opened.some((p) => p.endsWith('good/web.yaml')),
      'the audit does see the files that are read',
    );
    assert.equal(
      report.diagnostics.some((d) => /outside-secret/.test(d.message)),
      false,
    );
  });

  test('stays within bounded memory', () => {
    const rss = peakRssMb(run.audit);
    assert.ok(rss !== undefined, 'the audit reports the peak RSS');
    // Reading the 28 MB of skipped files alone would add about 60 MB to node's ~45 MB.
    assert.ok(rss < 100, `peak RSS ${rss.toFixed(0)} MB`);
  });

  test('with maxFileSize raised, the 20 MB bundle and the 8 MB line are analysed to their last document', async () => {
    const config = join(ws.root, 'big', '.podpath.yaml');
    writeFileSync(config, `maxFileSize: ${32 * 1024 * 1024}\n`);
    const r = await runCli(['check', 'big', 'good', '--format', 'json', '--config', config], ws.root);
    assert.equal(r.code, 0, `warnings only; stderr: ${r.stderr}`);
    const big: typeof report = JSON.parse(r.stdout);
    assert.ok(big.resources > 9000, `resources: ${big.resources}`);
    const rules = big.diagnostics.map((d) => `${d.file} ${d.rule} ${/For Service \S+, (targetPort \d+)/.exec(d.message)?.[1] ?? ''}`);
    assert.ok(rules.includes('big/bundle.yaml service-target-port-not-found targetPort 9999'), rules.join('\n'));
    assert.ok(rules.includes('big/long-line.yaml service-target-port-not-found targetPort 9998'), rules.join('\n'));
    assert.ok(rules.includes('good/web.yaml service-target-port-not-found targetPort 8081'), rules.join('\n'));
  });
});
