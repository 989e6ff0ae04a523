/**
 * Positions as the editor counts them: lines end at `\n`, `\r\n` or a lone `\r` (LSP), so
 * a stray carriage return does not shift every diagnostic below it, and no position falls
 * between the two characters of a `\r\n` (found by test/lsp/fuzz.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetAt, positionAt } from '../../server/src/core/model/positions';
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
