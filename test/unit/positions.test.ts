/**
 * Positions as the editor counts them: lines end at `\n`, `\r\n` or a lone `\r` (LSP), so
 * a stray carriage return does not shift every diagnostic below it, and no position falls
 * between the two characters of a `\r\n` (found by test/lsp/fuzz.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeLineStarts, editedLineStarts, offsetAt, positionAt } from '../../server/src/core/model/positions';
import type { SourceFile } from '../../server/src/core/model/resource';

const file = (text: string): SourceFile => ({
  uri: 'file:///x.yaml',
  path: 'x.yaml',
  text,
  version: 0,
  resources: [],
  problems: [],
  ignoredRules: new Set(),
  ignoredLines: new Map(),
});

describe('positions', () => {
  for (const [name, text] of [
    ['LF', 'a: 1\nbb: 2\n\nccc: 3'],
    ['CRLF', 'a: 1\r\nbb: 2\r\n\r\nccc: 3\r\n'],
    ['lone CR', 'a: 1\rbb: 2\r\rccc: 3'],
    ['a mix, and a stray CR', '\ra: 1\r\nbb: 2\n\r\nccc:\r 3\n'],
  ] as const) {
    test(`${name}: every offset maps to the position the editor has, and back`, () => {
      const f = file(text);
      const doc = TextDocument.create(f.uri, 'yaml', 0, text);
      for (let o = 0; o <= text.length; o++) {
        assert.deepEqual(positionAt(f, o), doc.positionAt(o), `offset ${o}`);
        const p = doc.positionAt(o);
        assert.equal(offsetAt(f, p), doc.offsetAt(p), `position ${JSON.stringify(p)}`);
      }
      // Past the end of a line, and past the last line: clamped as the editor clamps.
      for (const p of [
        { line: 0, character: 99 },
        { line: 99, character: 0 },
        { line: 1, character: 99 },
      ])
        assert.equal(offsetAt(f, p), doc.offsetAt(p), JSON.stringify(p));
    });
  }
});

describe('line starts of an edited text (editedLineStarts)', () => {
  // A seeded source, so that a failure names a case that can be run again.
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = ['a', ' ', '\n', '\r', '\r\n', 'b: 1\n'];
  const piece = (n: number): string => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join('');

  test('equal the starts found afresh, for random edits between an agreeing prefix and suffix', () => {
    for (let k = 0; k < 5000; k++) {
      const before = piece(rand(40));
      const from = rand(before.length + 1);
      const to = from + rand(before.length - from + 1);
      const text = before.slice(0, from) + piece(rand(6)) + before.slice(to);
      const delta = text.length - before.length;
      // Any prefix and suffix the two texts agree on (the edit's own, or narrower).
      const prefix = rand(from + 1);
      const suffix = to + delta + rand(text.length - (to + delta) + 1);
      const got = editedLineStarts(computeLineStarts(before), text, prefix, suffix, delta);
      assert.deepEqual([...got], [...computeLineStarts(text)], JSON.stringify({ before, text, prefix, suffix }));
    }
  });

  test('an edit in a long file keeps the lines before it and moves those after it', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `key${i}: ${i}\n`).join('');
    const at = before.indexOf('key500');
    const text = `${before.slice(0, at)}inserted: line\n${before.slice(at)}`;
    const starts = computeLineStarts(before);
    // Wrong old starts before the edit show up in the result: they were kept, not found again.
    starts[1] = 1;
    const got = editedLineStarts(starts, text, at, at + 'inserted: line\n'.length, 'inserted: line\n'.length);
    assert.equal(got.length, 1002);
    assert.equal(got[1], 1);
    assert.deepEqual([...got.slice(2)], [...computeLineStarts(text).slice(2)]);
  });
});
