/**
 * The core on hostile text, file by file: alias bombs judged as kubectl judges them (and
 * ordinary anchors left alone), nesting measured before parsing, invalid UTF-8 and unread
 * files reported from what the reader knew — and the documents beside a bad one still
 * analysed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createIndex } from '../../server/src/core/api';
import { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import { positionAt } from '../../server/src/core/model/positions';
import type { FileFacts } from '../../server/src/core/model/resource';
import { expansionOf, excessiveAliasing } from '../../server/src/core/parse/aliases';
import { tooDeepAt } from '../../server/src/core/parse/depth';
import { aliasBomb, goodFile } from '../hostile/workspace';
import { check } from './helpers';

function findings(text: string, facts?: FileFacts): { rule: string; message: string; line: number }[] {
  const index = createIndex({}, (e) => {
    throw e;
  });
  const f = index.setFile('file:///ws/x.yaml', 'x.yaml', text, 0, facts);
  index.setFile('file:///ws/good.yaml', 'good.yaml', goodFile, 0);
  index.check();
  return diagnosticsOf(index, f).map((d) => ({ rule: d.rule, message: d.message, line: positionAt(f, d.span[0]).line + 1 }));
}

const service =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 9000\n';

describe('alias bombs', () => {
  for (const flow of [true, false]) {
    test(`a ${flow ? 'flow' : 'block'} billion laughs in a selector is yaml-syntax, where its first alias is`, () => {
      const text = `x:\n${aliasBomb('  ', flow)}${service.replace('    app: web\n', '    app: *a8\n')}`;
      const [f, ...rest] = findings(text);
      assert.equal(f?.rule, 'yaml-syntax');
      assert.match(f!.message, /excessive aliasing: its aliases expand this document to over 4,000,000 nodes/);
      assert.equal(f!.line, flow ? 3 : 4);
      assert.deepEqual(rest, []);
    });
  }

  test('the document after a bomb is still analysed', () => {
    const text = `x:\n${aliasBomb('  ', true)}kind: ConfigMap\n---\n${service}`;
    assert.deepEqual(
      findings(text).map((f) => f.rule),
      ['yaml-syntax', 'service-target-port-not-found'],
    );
  });

  test('ordinary anchors (an env list shared by containers) are not a bomb', () => {
    const env = Array.from({ length: 30 }, (_, i) => `        - name: V${i}\n          value: "${i}"\n`).join('');
    const containers = Array.from(
      { length: 12 },
      (_, i) => `      - name: c${i}\n        image: x\n        env: ${i === 0 ? '&env\n' + env : '*env\n'}`,
    ).join('');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}`;
    assert.deepEqual(findings(text), []);
  });

  test('counts as go-yaml does: most nodes from aliases above a thousand is too many, a third is fine', () => {
    const leaf = (n: number): string => `[${Array(n).fill('x').join(', ')}]`;
    const ratioOf = (text: string): string | undefined => {
      const index = createIndex();
      const f = index.setFile('file:///ws/r.yaml', 'r.yaml', text, 0);
      return f.problems[0]?.message;
    };
    // 2,000 distinct nodes used three times over: 2/3 of the nodes come from aliases.
    assert.equal(ratioOf(`a: &a ${leaf(2000)}\nb: [*a, *a]\n`), undefined);
    // 1,000 distinct nodes used 500 times: 99.8% from aliases.
    assert.match(ratioOf(`a: &a ${leaf(1000)}\nb: [${Array(500).fill('*a').join(', ')}]\n`) ?? '', /excessive aliasing/);
  });

  test('expansionOf is linear in distinct nodes and stops counting past 4,000,000', () => {
    const index = createIndex();
    const f = index.setFile('file:///ws/b.yaml', 'b.yaml', `x:\n${aliasBomb('  ', true)}`, 0);
    assert.equal(f.problems.length, 1);
    assert.equal(excessiveAliasing({ t: 'scalar', value: 'x', quoted: false, span: [0, 1] }), undefined);
    const e = expansionOf({ t: 'seq', items: [], span: [0, 0] });
    assert.deepEqual(e, { expanded: 1, distinct: 1 });
  });
});

describe('nesting', () => {
  const cases: [string, string][] = [
    ['flow sequences', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['flow maps', '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000)],
    ['compact block sequences', '- '.repeat(20_000) + 'x'],
    ['block maps by indentation', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ];
  for (const [name, deep] of cases) {
    test(`20,000 levels of ${name} are reported before parsing, where the limit is passed`, () => {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x:\n${deep.replace(/^/gm, '    ')}\n---\n${service}`;
      const got = findings(text);
      assert.equal(got[0]?.rule, 'yaml-syntax');
      assert.match(got[0]!.message, /nested too deeply to analyse \(over 1000 levels\)/);
      assert.equal(got[1]?.rule, 'service-target-port-not-found', 'the next document is analysed');
    });
  }

  test('flow nesting over many lines is counted over the whole document, not from each line at column 0 on', () => {
    // Four levels a line, each line starting at column 0: `yaml` nests them all (a flow
    // collection at the document's root ends at no indentation), 2,000 lines deep.
    const text = `[\n${Array.from({ length: 2000 }, () => 'x, [[[[').join('\n')}\n`;
    const at = tooDeepAt(text);
    assert.ok(at > 0, 'found too deep');
    assert.equal(text.slice(0, at + 1).split('[').length - 1, 1001, 'where the 1,001st level opens');
    const got = findings(text);
    assert.equal(got[0]?.rule, 'yaml-syntax');
    assert.match(got[0]!.message, /nested too deeply to analyse/);
  });

  test('block levels, compact indicators and flow levels add up', () => {
    const blocks = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.ok(tooDeepAt(`${blocks}\n${' '.repeat(600)}${'['.repeat(500)}\n`) > 0);
    assert.ok(tooDeepAt(`a: ${'- '.repeat(600)}${'['.repeat(500)}\n`) > 0);
    assert.equal(tooDeepAt(`${blocks}\n${' '.repeat(600)}${'['.repeat(300)}\n`), -1);
  });

  test('a quote that `yaml` ends at a line indented too little hides nothing after it', () => {
    // `yaml` cuts the quoted scalar at the second line and reads what follows as YAML.
    const text = `a: "x\n${'['.repeat(1500)}\n"\n`;
    assert.ok(tooDeepAt(text) > 0);
    // An apostrophe inside a plain scalar opens no quote that could hide the brackets.
    assert.ok(tooDeepAt(`e: it's\nf: ${'['.repeat(1500)}\n`) > 0);
    // Indented past the key, the same brackets are text.
    assert.equal(tooDeepAt(`a: "x\n  ${'['.repeat(1500)}\n  "\n`), -1);
  });

  test('brackets in block scalars do not count, however many lines hold them', () => {
    const script = Array.from({ length: 3000 }, () => '    if [ -f x ]; then echo "[" ; fi [[').join('\n');
    assert.equal(tooDeepAt(`data:\n  run.sh: |\n${script}\n  other: [1, 2]\n`), -1);
    assert.equal(tooDeepAt(`- a: >-\n    ${'{'.repeat(1200)}\n`), -1);
  });

  test('brackets in quotes, comments and plain text do not count', () => {
    const text = `a: "${'['.repeat(5000)}"\nb: '${'{'.repeat(5000)}'\n# ${'['.repeat(5000)}\nc: x${'['.repeat(5000)}\nd: ${'- '.repeat(900)}\ne: it's ${'['.repeat(5000)}\n`;
    assert.equal(tooDeepAt(text), -1);
    assert.equal(tooDeepAt(`${'['.repeat(1001)}`), 1000);
  });
});

describe('what the reader knew', () => {
  test('invalid UTF-8 is yaml-syntax at the bad byte of each document that has one; the others are analysed', () => {
    const text = `# caf\uFFFD\n${service}---\n${service.replace('name: s', 'name: t')}`;
    const got = findings(text, { invalidUtf8: true });
    assert.deepEqual(
      got.map((f) => [f.rule, f.line]),
      [
        ['yaml-syntax', 1],
        ['service-target-port-not-found', 22],
      ],
    );
    assert.match(got[0]!.message, /invalid UTF-8 here \(shown as \uFFFD\): the file must be UTF-8 text, kubectl rejects it/);
    // Editor text with a real U+FFFD is valid UTF-8: no finding.
    assert.deepEqual(
      findings(text).map((f) => f.rule),
      ['service-target-port-not-found', 'service-target-port-not-found'],
    );
  });

  test('a file left unread for its size is file-skipped with its size in MB, whatever its text', () => {
    const got = findings('', { unreadSize: 20 * 1048576 });
    assert.deepEqual(
      got.map((f) => [f.rule, f.line]),
      [['file-skipped', 1]],
    );
    assert.match(got[0]!.message, /20\.0 MB is over the 5\.0 MB limit \(setting podpath\.maxFileSize\)/);
  });

  test('new facts for the same text re-parse the file', () => {
    const index = createIndex();
    index.setFile('file:///ws/x.yaml', 'x.yaml', `# \uFFFD\n${service}`, 0, { invalidUtf8: true });
    const f = index.setFile('file:///ws/x.yaml', 'x.yaml', `# \uFFFD\n${service}`, 1);
    assert.deepEqual(f.problems, []);
    assert.equal(f.resources.length, 1);
  });
});

describe('wrong shapes elsewhere', () => {
  test('documents that are a list, a string, or lack a string kind are not resources, and get nothing', () => {
    assert.deepEqual(check({ 'x.yaml': '- a\n- b\n---\n"text"\n---\napiVersion: 7\nkind: [Service]\n---\nkind: Service\n' }), []);
  });

  test('empty and comment-only files, and Helm templates, get nothing', () => {
    assert.deepEqual(
      check({
        'empty.yaml': '',
        'comments.yaml': '# a\n# b\n',
        'chart/templates/s.yaml': 'kind: Service\nmetadata:\n  name: {{ .Values.x }}\n',
      }),
      [],
    );
  });
});
