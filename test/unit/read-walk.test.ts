/**
 * Reading files and walking folders on hostile disks: sizes checked before reading (and
 * again on the open file), FIFOs never blocked on, UTF-8 checked, UTF-16 decoded, links out
 * of the workspace neither read nor followed, loops cut, and every skipped entry named
 * with its reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeYaml, NotRead, readYamlFile } from '../../server/src/node/readYaml';
import { walkYaml } from '../../server/src/node/walk';

let dir = '';
let outside = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'podpath-walk-'));
  outside = mkdtempSync(join(tmpdir(), 'podpath-walk-outside-'));
  writeFileSync(join(outside, 'secret.yaml'), 'kind: Secret\n');
  mkdirSync(join(outside, 'more'));
  writeFileSync(join(outside, 'more', 'x.yaml'), 'kind: Secret\n');
  writeFileSync(join(dir, 'a.yaml'), 'kind: A\n');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'b.yml'), 'kind: B\n');
  symlinkSync(join(dir, 'sub'), join(dir, 'sub-again')); // inside: followed once, not twice
  symlinkSync('.', join(dir, 'sub', 'self'));
  symlinkSync('loop2', join(dir, 'loop1'));
  symlinkSync('loop1', join(dir, 'loop2'));
  symlinkSync(outside, join(dir, 'out-dir'));
  symlinkSync(join(outside, 'secret.yaml'), join(dir, 'out-file.yaml'));
  symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling-dir')); // no YAML meant: silent
  writeFileSync(Buffer.from(`${dir}/bad-\xff.yaml`, 'latin1'), 'kind: C\n');
  spawnSync('mkfifo', [join(dir, 'fifo.yaml')]);
  writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(2000));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('walkYaml on a hostile folder', () => {
  test('finds the YAML files once, and names every entry it skips with the reason', async () => {
    const w = await walkYaml(dir);
    const rel = (p: string): string => p.slice(dir.length + 1);
    assert.deepEqual(w.files.map(rel), ['a.yaml', 'big.yaml', 'sub/b.yml']);
    assert.deepEqual(w.problems.map((p) => `${rel(p.path)}: ${p.message}`).sort(), [
      'bad-\uFFFD.yaml: the file name is not valid UTF-8; not read',
      'dangling.yaml: a broken symbolic link',
      'fifo.yaml: not a regular file (a FIFO, socket or device); not read',
      'loop1: too many levels of symbolic links',
      'loop2: too many levels of symbolic links',
      'out-dir: a symbolic link to outside the folder; not followed',
      'out-file.yaml: a symbolic link to outside the folder; not followed',
    ]);
  });

  test('a root that does not exist is one problem, not an exception', async () => {
    const w = await walkYaml(join(dir, 'nope'));
    assert.deepEqual(w.files, []);
    assert.match(w.problems[0]!.message, /no such file or folder/);
  });
});

describe('readYamlFile', () => {
  test('a file over the limit is not read; its size says why', () => {
    assert.deepEqual(readYamlFile(join(dir, 'big.yaml'), 1000), { text: '', facts: { unreadSize: 2000 } });
    assert.equal(readYamlFile(join(dir, 'big.yaml'), 2000).text.length, 2000);
  });

  test('a FIFO is refused at once, never waited on', () => {
    assert.throws(
      () => readYamlFile(join(dir, 'fifo.yaml'), 1000),
      (e: unknown) => e instanceof NotRead && /not a regular file/.test(e.message),
    );
  });

  test('with roots, a link that leads outside them is not read', () => {
    assert.throws(
      () => readYamlFile(join(dir, 'out-file.yaml'), 1000, [dir]),
      (e: unknown) => e instanceof NotRead && /outside the workspace/.test(e.message),
    );
    assert.throws(() => readYamlFile(join(dir, 'out-dir', 'more', 'x.yaml'), 1000, [dir]), NotRead);
    assert.equal(readYamlFile(join(dir, 'sub-again', 'b.yml'), 1000, [dir]).text, 'kind: B\n');
  });

  test('bytes that are not UTF-8 are flagged; UTF-16 with a BOM is decoded; NUL bytes stay', () => {
    assert.deepEqual(decodeYaml(Buffer.from([0x61, 0xe9, 0x62])), { text: 'a\uFFFDb', facts: { invalidUtf8: true } });
    assert.deepEqual(decodeYaml(Buffer.from('caf\u00e9', 'utf8')), { text: 'caf\u00e9' });
    // ASCII (the fast path), NUL bytes kept for the index to call the file binary.
    assert.deepEqual(decodeYaml(Buffer.from('kind: A\u0000\n', 'latin1')), { text: 'kind: A\u0000\n' });
    assert.deepEqual(decodeYaml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: A', 'utf16le')])), { text: 'kind: A' });
    assert.deepEqual(
      decodeYaml(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('kind: A', 'utf16le').swap16(), Buffer.from([0x41])])),
      { text: 'kind: A' },
    );
    assert.deepEqual(decodeYaml(Buffer.from([0x89, 0x50, 0, 1])), { text: '\uFFFDP\u0000\u0001', facts: { invalidUtf8: true } });
  });
});
