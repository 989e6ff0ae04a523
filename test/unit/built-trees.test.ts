/**
 * Built trees (core/units/builtTrees.ts) share the parsed nodes of what a build left as it was
 * written, and a built file's fingerprint (core/units/fingerprint.ts) hashes only what the
 * build made: the same build gives the same print, any change of a value, a place or a note
 * another one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockTree } from '../../server/src/core/parse/blockTree';
import { fromY } from '../../server/src/core/sources/kustomize/nodes';
import type { BMap, BNode, BScalar, BuiltObject } from '../../server/src/core/sources/kustomize/types';
import type { SourceFile } from '../../server/src/core/model/resource';
import type { YMap } from '../../server/src/core/model/ytree';
import { builtTrees } from '../../server/src/core/units/builtTrees';
import { printOf } from '../../server/src/core/units/fingerprint';
import type { Change } from '../../server/src/core/units/built';

const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
`;
const parsed = blockTree(text, 0)!;
const ctx = { nextId: () => 0, key: (k: string) => k };
const file = { uri: 'file:///base/app.yaml', path: 'base/app.yaml', text } as SourceFile;

function at(n: BNode, ...keys: string[]): BNode {
  return keys.reduce<BNode>((x, k) => (x as BMap).pairs.get(k)!.value!, n);
}

/** Build `root` (an evaluator's object) into a tree and print it. */
function build(root: BNode, notes: Change[] = []): { tree: YMap; fresh: number; print: string } {
  const trees = builtTrees('base/app.yaml', false, (p) => (p === 'base/app.yaml' ? file : undefined), ctx);
  const b = trees.object({ kind: 'Deployment', root } as BuiltObject);
  const objects = [{ ...b, notes: [...b.notes, ...notes] }];
  return { tree: b.tree as YMap, fresh: trees.fresh.size, print: printOf(trees.paths, objects, trees.fresh) };
}

describe('built trees and their fingerprint', () => {
  it('an object the build left alone is the parsed tree, made of nothing new', () => {
    const b = build(fromY(parsed, 'base/app.yaml', text));
    assert.equal(b.tree, parsed);
    assert.equal(b.fresh, 0);
    assert.equal(b.print, build(fromY(parsed, 'base/app.yaml', text)).print, 'the same build, the same print');
  });

  it('a changed name makes its path new and keeps the rest shared; the print changes with the value', () => {
    const renamed = (name: string): BNode => {
      const root = fromY(parsed, 'base/app.yaml', text);
      (at(root, 'metadata', 'name') as BScalar).value = name;
      return root;
    };
    const b = build(renamed('prod-api'));
    assert.notEqual(b.tree, parsed);
    assert.equal(b.fresh, 3, 'the root, metadata and the name');
    assert.equal(b.tree.pairs.get('spec')!.value, parsed.pairs.get('spec')!.value);
    assert.equal(b.print, build(renamed('prod-api')).print);
    assert.notEqual(b.print, build(renamed('dev-api')).print);
    assert.notEqual(b.print, build(fromY(parsed, 'base/app.yaml', text)).print);
  });

  it('notes what a transformer did to a value, under the key it is at', () => {
    const root = fromY(parsed, 'base/app.yaml', text);
    const name = at(root, 'metadata', 'name') as BScalar;
    name.value = 'prod-api';
    name.src = { ...name.src, note: 'namePrefix prod- from overlays/prod/kustomization.yaml:2' };
    const trees = builtTrees('base/app.yaml', false, () => file, ctx);
    const b = trees.object({ kind: 'Deployment', root } as BuiltObject);
    assert.deepEqual(
      b.notes.map((n) => [n.key, n.value, n.note]),
      [['name', 'prod-api', 'namePrefix prod- from overlays/prod/kustomization.yaml:2']],
    );
  });

  it('a note of what a transformer did is part of the print', () => {
    const root = fromY(parsed, 'base/app.yaml', text);
    const note = (why: string): Change[] => [{ key: 'name', value: 'api', path: 'base/app.yaml', span: [0, 1], note: why }];
    assert.notEqual(build(root, note('namePrefix a')).print, build(root, note('namePrefix b')).print);
  });
});
