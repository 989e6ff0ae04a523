/**
 * What an edit keeps (core/parse/reuse.ts) must be exactly what a fresh parse gives: for the
 * documents of the real corpus, after an edit above them that moves them (or not), the
 * resources of the incremental parse — kept, shifted or parsed again — equal those of a
 * parse from scratch, every span and view included.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Resource } from '../../server/src/core/model/resource';
import { defaultParseOptions, keyTable, parseFile, type ParseContext } from '../../server/src/core/parse/parseFile';
import { corpus, filesBelow } from './helpers';
import { computeLineStarts } from '../../server/src/core/model/positions';

/** Everything about a resource but its identity (id, file object, back references), spans of tree nodes included. */
function canonical(x: unknown, seen = new Set<unknown>()): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (seen.has(x)) return '(cycle)';
  seen.add(x);
  try {
    if (Array.isArray(x)) return x.map((v) => canonical(v, seen));
    if (x instanceof Map) return [...x].map(([k, v]) => [k, canonical(v, seen)]);
    if (x instanceof Set) return [...x].map((v) => canonical(v, seen));
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of [...Object.keys(o), ...['t', 'span', 'keySpan'].filter((k) => k in o)]) {
      if (k === 'id' || k === 'file' || k === 'owner' || k === 'container' || k === 'index' || k === 'listening') continue;
      out[k] = canonical(o[k], seen);
    }
    return out;
  } finally {
    seen.delete(x);
  }
}

function context(): ParseContext {
  let n = 1;
  return { nextId: () => n++, key: keyTable() };
}

const shape = (rs: readonly Resource[]): unknown => rs.map((r) => canonical(r));

describe('reuse after an edit', () => {
  it('keeps, shifts or parses again exactly what a fresh parse gives', () => {
    let files = 0;
    for (const path of filesBelow(corpus)) {
      const text = readFileSync(path, 'utf8');
      if (!text.includes('\n---') || text.length > 300_000) continue;
      files++;
      // An edit at the start moves every later document; one of the same length moves none;
      // dropping the last document leaves nothing unchanged at the end.
      const edits = [
        `# moved\n${text}`,
        text.replace(/^(\s*name: )(\S)/m, (_, a: string, c: string) => `${a}${c === 'x' ? 'y' : 'x'}`),
        text.slice(0, text.lastIndexOf('\n---') + 1),
        // A line more in the middle, and a separator line's comment changed without changing its length.
        text.replace(/\n---\n/, '\n---\n# one more line\n'),
        text.replace(/\n---\n/, '\n--- \n'),
      ];
      for (const next of edits) {
        const ctx = context();
        const previous = parseFile('file:///f.yaml', path, text, 0, defaultParseOptions, undefined, ctx);
        previous.lineStarts = computeLineStarts(text);
        const moved = new Map<Resource, Resource>();
        const incremental = parseFile('file:///f.yaml', path, next, 1, defaultParseOptions, undefined, ctx, previous, moved);
        const fresh = parseFile('file:///f.yaml', path, next, 1, defaultParseOptions, undefined, context());
        assert.deepStrictEqual(shape(incremental.resources), shape(fresh.resources), path);
        assert.deepStrictEqual(incremental.problems, fresh.problems, path);
        for (const [now, then] of moved) assert.equal(now.kind + now.name, then.kind + then.name, path);
        for (const r of incremental.resources) assert.equal(r.file, incremental);
        // The line table is made from the old one where the text agrees, and is the one of the new text.
        assert.deepEqual([...(incremental.lineStarts ?? [])], [...computeLineStarts(next)], path);
      }
    }
    assert.ok(files > 200, `only ${files} multi-document files`);
  });

  it('finds the lines of text between documents again: a comment-only part whose line break moved', () => {
    const doc = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    // a and b stay in place, c changes: the text between a and b is no document, and must be compared.
    const text = `${doc('a')}---\n# aaaa\n---\n${doc('b')}---\n${doc('c')}`;
    const next = text.replace('# aaaa', '#\n# aa').replace('name: c', 'name: d');
    assert.equal(next.length, text.length);
    const ctx = context();
    const previous = parseFile('file:///f.yaml', 'f.yaml', text, 0, defaultParseOptions, undefined, ctx);
    previous.lineStarts = computeLineStarts(text);
    const now = parseFile('file:///f.yaml', 'f.yaml', next, 1, defaultParseOptions, undefined, ctx, previous, new Map());
    assert.deepEqual([...now.lineStarts!], [...computeLineStarts(next)]);
  });

  it('carries nothing from the end when the end changed: a shorter text loses the old last documents and their errors', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n';
    const from = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "unclosed\n---\n${svc}`;
    const to = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    const ctx = context();
    const previous = parseFile('file:///f.yaml', 'f.yaml', from, 0, defaultParseOptions, undefined, ctx);
    assert.deepEqual(
      previous.problems.map((p) => p.rule),
      ['yaml-syntax'],
    );
    const now = parseFile('file:///f.yaml', 'f.yaml', to, 1, defaultParseOptions, undefined, ctx, previous, new Map());
    assert.deepEqual(now.problems, []);
    assert.deepEqual(
      now.resources.map((r) => r.kind),
      ['ConfigMap'],
    );
  });

  it('moves a duplicate-key warning with its document, and keeps it where the document did not move', () => {
    const dup = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  name: web2\nspec:\n  ports: [{port: 80}]\n';
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    const text = `${other}---\n${dup}`;
    for (const next of [`# moved\n${text}`, text.replace('name: a', 'name: b'), `${other}---\n${dup}---\n${other}`]) {
      const ctx = context();
      const previous = parseFile('file:///f.yaml', 'f.yaml', text, 0, defaultParseOptions, undefined, ctx);
      assert.deepEqual(
        previous.problems.map((p) => p.rule),
        ['yaml-duplicate-key'],
      );
      const incremental = parseFile('file:///f.yaml', 'f.yaml', next, 1, defaultParseOptions, undefined, ctx, previous, new Map());
      const fresh = parseFile('file:///f.yaml', 'f.yaml', next, 1, defaultParseOptions, undefined, context());
      assert.deepStrictEqual(incremental.problems, fresh.problems, next);
      assert.equal(next.slice(incremental.problems[0]!.span[0], incremental.problems[0]!.span[1]), 'name');
    }
  });
});
