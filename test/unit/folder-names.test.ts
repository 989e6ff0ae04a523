/**
 * The index's folder view for the kustomize evaluator (index/folderNames.ts): the names in a
 * folder are the files and the folders with a file below, as paths come and go.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FolderNames } from '../../server/src/core/index/folderNames';

const sorted = (x: string[] | undefined): string[] | undefined => x && [...x].sort();

describe('the names in the folders of the index', () => {
  it('are the files and the folders with files below, as paths come and go', () => {
    const f = new FolderNames<number>();
    f.set('a/b/one.yaml', 1);
    f.set('a/b/two.yaml', 2);
    f.set('a/c/d/three.yaml', 3);
    f.set('top.yaml', 4);
    assert.deepEqual(sorted(f.names('')), ['a', 'top.yaml']);
    assert.deepEqual(sorted(f.names('a')), ['b', 'c']);
    assert.deepEqual(sorted(f.names('a/b')), ['one.yaml', 'two.yaml']);
    assert.deepEqual(f.names('a/c'), ['d']);
    f.delete('a/b/one.yaml', 1);
    assert.deepEqual(f.names('a/b'), ['two.yaml']);
    f.delete('a/c/d/three.yaml', 3);
    // The emptied folders leave their parents, up to the first that holds something else.
    assert.equal(f.names('a/c/d'), undefined);
    assert.equal(f.names('a/c'), undefined);
    assert.deepEqual(f.names('a'), ['b']);
    f.delete('a/b/two.yaml', 2);
    assert.deepEqual(f.names(''), ['top.yaml']);
    assert.equal(f.names('a'), undefined);
    // A value replaced is not removed by a stale delete; set again keeps one name.
    f.set('x/y.yaml', 5);
    f.set('x/y.yaml', 6);
    f.delete('x/y.yaml', 5);
    assert.deepEqual(f.names('x'), ['y.yaml']);
    f.delete('x/y.yaml', 6);
    assert.equal(f.names('x'), undefined);
  });

  it('keep a name that is a file and a folder until both are gone', () => {
    const f = new FolderNames<number>();
    f.set('a/b', 1);
    f.set('a/b/c.yaml', 2);
    f.delete('a/b', 1);
    assert.deepEqual(f.names('a'), ['b']);
    f.delete('a/b/c.yaml', 2);
    assert.equal(f.names('a'), undefined);
  });
});
