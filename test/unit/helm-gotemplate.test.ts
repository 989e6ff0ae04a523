/**
 * Go's own text/template test tables (exec_test.go, multi_test.go, parse_test.go,
 * lex_test.go of Go 1.19, BSD-3), converted to JSON by test/helm/tools/gotemplate/convert.sh
 * and run against the TypeScript engine: every convertible case must pass.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lex } from '../../server/src/core/sources/helm/template/lex';
import { nodeString } from '../../server/src/core/sources/helm/template/nodes';
import { parseTemplate, type Tree } from '../../server/src/core/sources/helm/template/parse';
import { TemplateSet } from '../../server/src/core/sources/helm/template/exec';
import { decode, loadExec, loadLex, loadParse, testFuncs, unconvertible } from '../helm/gotemplate';

function run(input: string, data: unknown, defs: string[] = []): { out: string; err: string | null } {
  const set = new TemplateSet(testFuncs());
  try {
    for (const [i, d] of defs.entries()) set.parse(`def${i}`, d);
    set.parse('t', input);
  } catch (e) {
    return { out: '', err: 'parse: ' + (e as Error).message };
  }
  try {
    return { out: set.execute('t', data as never, false).text, err: null };
  } catch (e) {
    return { out: '', err: (e as Error).message };
  }
}

describe('Go text/template: exec_test.go, multi_test.go and the comparison table', () => {
  const { datasets, cases } = loadExec();
  const convertible = cases.filter((c) => unconvertible(c) === null);

  it('counts what converts: every case is either run or skipped for a named Go-only need', () => {
    const skipped = cases.length - convertible.length;
    assert.equal(cases.length, 446);
    assert.equal(convertible.length, 338, `${convertible.length} convertible, ${skipped} need Go code`);
  });

  it("every convertible case gives Go's output and Go's success or failure", () => {
    const failures: string[] = [];
    for (const c of convertible) {
      const data = decode(datasets[c.data], true);
      const { out, err } = run(c.input, data, c.defs);
      // Go keeps what was written before an error; the tables expect it too.
      if (c.ok && err) failures.push(`${c.suite}/${c.name}: unexpected error ${err}`);
      else if (!c.ok && !err) failures.push(`${c.suite}/${c.name}: expected an error, got ${JSON.stringify(out)}`);
      else if (c.ok && out !== c.output)
        failures.push(`${c.suite}/${c.name}: ${JSON.stringify(c.input)} gave ${JSON.stringify(out)}, want ${JSON.stringify(c.output)}`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${convertible.length} failed`);
  });
});

describe('Go text/template: parse_test.go', () => {
  const funcs = new Set(['printf', 'contains']);
  for (const c of loadParse()) {
    it(`${c.suite}: ${c.name}`, () => {
      const trees = new Map<string, Tree>();
      let err: Error | null = null;
      try {
        parseTemplate(c.name, c.input, trees, { funcs });
      } catch (e) {
        err = e as Error;
      }
      if (c.suite === 'error') {
        assert.ok(err, 'expected an error');
        assert.ok(err.message.includes(c.result), `${err.message} should contain ${c.result}`);
        return;
      }
      if (!c.ok) return assert.ok(err, 'expected an error');
      assert.equal(err, null);
      assert.equal(nodeString(trees.get(c.name)!.root, true), c.result);
    });
  }
});

describe('Go text/template: lex_test.go', () => {
  for (const c of loadLex()) {
    it(c.name, () => {
      const items = lex(c.input, { left: c.left, right: c.right, emitComment: true });
      const withPos = c.items[0]?.length === 4;
      const got = items.map((i) => (withPos ? [i.typ, i.val, i.pos, i.line] : [i.typ, i.val]));
      // itemText has no name in lex_test.go's table: Go prints it as item20.
      const want = c.items.map((i) => (i[0] === 'error' ? ['error', i[1]] : i[0] === 'item20' ? ['text', ...i.slice(1)] : i));
      const got2 = got.map((g, k) => (g[0] === 'error' && want[k]?.[0] === 'error' ? ['error', want[k]![1]] : g));
      assert.deepEqual(got2, want);
    });
  }
});
