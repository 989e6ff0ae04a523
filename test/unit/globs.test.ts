/**
 * Exclude globs and `.gitignore` lines (issue 16): the same answers as before for the patterns
 * people write, in time linear in the path for the ones that used to backtrack, and one clear
 * line for a pattern that cannot be used. One answer for the CLI's walk and the server.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExcludeGlobs, expandBraces, Glob, GlobError } from '../../server/src/node/globs';
import { IgnoreFile } from '../../server/src/node/gitignore';
import { excludedPath } from '../../server/src/node/excluded';
import { walkYaml } from '../../server/src/node/walk';
import { isExcluded, makeFolder } from '../../server/src/workspace/folders';
import { defaultSettings } from '../../server/src/workspace/settings';
import { pathToFileURL } from 'node:url';

const m = (glob: string, path: string): boolean => new Glob(glob).match(path);

describe('exclude globs', () => {
  it('match as picomatch did for the usual patterns', () => {
    assert.ok(m('**/*.yaml', 'a/b/c.yaml'));
    assert.ok(m('**/*.yaml', 'c.yaml'));
    assert.ok(!m('*.yaml', 'a/c.yaml'));
    assert.ok(m('charts/**', 'charts/x/y.yaml'));
    assert.ok(m('charts/**', 'charts'));
    assert.ok(m('a/**/b', 'a/b'));
    assert.ok(m('a/**/b', 'a/x/y/b'));
    assert.ok(!m('a/**/b', 'a/xb'));
    assert.ok(m('**/.hidden/**', 'x/.hidden/y'));
    assert.ok(m('file?.yaml', 'file1.yaml'));
    assert.ok(!m('file?.yaml', 'file/.yaml'));
    assert.ok(m('[a-c]x', 'bx') && !m('[!a-c]x', 'bx') && m('[!a-c]x', 'dx'));
    assert.ok(m('a\\*b', 'a*b') && !m('a\\*b', 'axb'));
    assert.deepEqual(expandBraces('{a,b}/{c,d}.yaml'), ['a/c.yaml', 'a/d.yaml', 'b/c.yaml', 'b/d.yaml']);
    const g = new ExcludeGlobs(['**/{tmp,build}/**']);
    assert.ok(g.matches('x/tmp/y.yaml') && g.matches('build/a') && !g.matches('x/y.yaml'));
  });

  it('match a backtracking pattern against a 100,000-character path without backtracking', () => {
    // Exponential for a backtracking matcher (it never returned); here a path × pattern walk.
    const name = `${'a'.repeat(100_000)}.yaml`;
    assert.equal(m('**/*a*a*a*a*a*a*a*a*b', `x/${name}`), false);
    assert.equal(m('**/*a*a*a*a*a*a*a*a*b', `x/${name}b`), true);
    assert.equal(m('**/a/**/a/**/a/**/a/**/a/**/a/**/b', `${'a/'.repeat(5000)}c`), false);
  });

  it('refuse a glob that cannot be used, in one short line', () => {
    assert.throws(
      () => new ExcludeGlobs(['x'.repeat(65_000)]),
      (e: Error) =>
        e instanceof GlobError && /^exclude glob "x{40}…": a glob of 65,000 characters is too long \(at most 1,000\)$/.test(e.message),
    );
    assert.throws(() => new ExcludeGlobs(['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}']), /more than 64 patterns/);
    assert.throws(() => new ExcludeGlobs(['!keep.yaml']), /negation/);
  });
});

describe('.gitignore', () => {
  const ig = (text: string, path: string, dir = false): boolean => new IgnoreFile(text).ignores(path, dir);
  it('reads lines as git does', () => {
    assert.ok(ig('*.log\n', 'a/b/x.log'));
    assert.ok(ig('build/\n', 'build', true) && !ig('build/\n', 'build') && ig('build/\n', 'a/build', true));
    assert.ok(ig('/out\n', 'out') && !ig('/out\n', 'a/out'));
    assert.ok(ig('a/b.yaml\n', 'a/b.yaml') && !ig('a/b.yaml\n', 'x/a/b.yaml'));
    assert.ok(!ig('*.yaml\n!keep.yaml\n', 'keep.yaml') && ig('*.yaml\n!keep.yaml\n', 'other.yaml'));
    assert.ok(ig('!keep.yaml\n*.yaml\n', 'keep.yaml'), 'the last matching line decides');
    assert.ok(ig('# comment\n\\#hash.yaml\n', '#hash.yaml') && !ig('# comment\n', '# comment'));
    assert.ok(ig('**/gen/**\n', 'x/gen/y.yaml') && ig('doc/**/*.yaml\n', 'doc/a/b/c.yaml'));
    assert.ok(ig('x.yaml   \n', 'x.yaml'), 'trailing spaces are not part of the pattern');
    assert.ok(ig('*.tar.gz\n', 'a.tar.gz') && !ig('*.tar.gz\n', 'a.gz'));
  });

  it('skip lines over 1,000 characters, counting them', () => {
    const f = new IgnoreFile(`${'*a'.repeat(600)}\nx.yaml\n`);
    assert.equal(f.skipped, 1);
    assert.ok(f.ignores('x.yaml', false));
  });

  it('answer the same for a file the walk reads and the server is asked about', async () => {
    const root = mkdtempSync(join(tmpdir(), 'podpath-globs-'));
    try {
      const files = ['keep.yaml', 'gen/x.yaml', 'a/b/skip.yaml', 'a/b/keep.yaml', 'deep/build/y.yaml', 'ex/z.yaml', 'aaaa.yaml'];
      for (const f of files) {
        mkdirSync(join(root, f, '..'), { recursive: true });
        writeFileSync(join(root, f), 'apiVersion: v1\n');
      }
      writeFileSync(join(root, '.gitignore'), 'gen/\nbuild/\n**/a/**/a/**/a/**/b\n');
      writeFileSync(join(root, 'a', '.gitignore'), 'b/skip.yaml\n');
      const exclude = ['ex/**', '**/*a*a*a*a*a*a*a*a*b'];
      const walked = await walkYaml(root, { exclude });
      const got = walked.files.map((f) => f.slice(root.length + 1)).sort();
      assert.deepEqual(got, ['a/b/keep.yaml', 'aaaa.yaml', 'keep.yaml']);
      const folder = makeFolder(pathToFileURL(root).href, 'ws', { ...defaultSettings, exclude })!;
      for (const f of files) assert.equal(isExcluded(folder, join(root, f)), !got.includes(f), f);
      // A file below an ignored folder is ignored through that folder.
      assert.ok(
        excludedPath('gen/deeper/x.yaml', false, {
          globs: new ExcludeGlobs([]),
          ignoreAt: (d) => (d === '' ? new IgnoreFile('gen/\n') : undefined),
        }),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
