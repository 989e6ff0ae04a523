/**
 * Fixture workspaces: each `test/fixtures/ws-*` folder holds a `workspace/` (or a
 * `workspace.txt` naming one, e.g. the bundled examples) and the expected results:
 * `expected.json` (every finding: rule, severity, file, line, message) and one
 * `trace.<namespace>.<name>.txt` per Service (the `podpath trace` text). Run with
 * UPDATE_FIXTURES=1 to rewrite the expectations after reviewing the change.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { allDiagnostics } from '../../server/src/cli/report';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import { formatTraceText } from '../../server/src/cli/traceText';
import { rangeOf } from '../../server/src/core/model/positions';

const root = resolve(__dirname, '..', 'fixtures');
const update = process.env.UPDATE_FIXTURES === '1';

const fixtures = readdirSync(root)
  .filter((d) => d.startsWith('ws-'))
  .sort();

describe('fixture workspaces', () => {
  it('exist', () => assert.ok(fixtures.length >= 3, `expected fixture workspaces in ${root}`));
  for (const name of fixtures) {
    it(`${name}: findings and traffic paths are as expected`, async () => {
      const dir = join(root, name);
      const pointer = join(dir, 'workspace.txt');
      const ws = existsSync(pointer) ? resolve(dir, readFileSync(pointer, 'utf8').trim()) : join(dir, 'workspace');
      const loaded = await loadWorkspace([ws], { rules: {}, exclude: [] }, ws);
      const findings = allDiagnostics(loaded.index, {}).map((d) => ({
        rule: d.rule,
        severity: d.severity,
        file: d.file.path,
        line: rangeOf(d.file, d.span).start.line + 1,
        message: d.message,
      }));
      const traces = new Map<string, string>();
      for (const r of loaded.index.resources()) {
        if (!r.service || r.namespace === undefined) continue;
        const g = buildTrafficGraph(loaded.index, { namespace: r.namespace, name: r.name });
        if (g) traces.set(`trace.${r.namespace}.${r.name}.txt`, formatTraceText(g));
      }
      const expectedPath = join(dir, 'expected.json');
      if (update) {
        writeFileSync(expectedPath, JSON.stringify({ findings }, null, 2) + '\n');
        for (const f of readdirSync(dir)) if (f.startsWith('trace.') && !traces.has(f)) unlinkSync(join(dir, f));
        for (const [f, text] of traces) writeFileSync(join(dir, f), text);
        return;
      }
      assert.ok(existsSync(expectedPath), `${expectedPath} is missing: run with UPDATE_FIXTURES=1`);
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { findings: unknown[] };
      assert.deepEqual(findings, expected.findings, `${name}: findings differ (UPDATE_FIXTURES=1 rewrites them)`);
      const expectedTraces = readdirSync(dir)
        .filter((f) => f.startsWith('trace.'))
        .sort();
      assert.deepEqual([...traces.keys()].sort(), expectedTraces, `${name}: the set of traced Services differs`);
      for (const [f, text] of traces) assert.equal(text, readFileSync(join(dir, f), 'utf8'), `${name}/${f} differs`);
    });
  }
});
