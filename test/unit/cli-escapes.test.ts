/**
 * What the CLI writes to a terminal or a CI log (issue 16): escapes and control characters
 * from file names, YAML values, config keys and arguments are shown escaped on stdout and
 * stderr, bidi overrides and zero-width characters too, and no line starts with `::` (a
 * GitHub Actions workflow command: a repository must not forge annotations in its own CI log).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { printable } from '../../server/src/cli/printable';
import { cliPath, ensureBuilt } from '../hostile/run';
import { removeDir } from '../lsp/client';

let dir = '';

function podpath(args: string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Characters that must never reach the output raw. */
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'podpath-escapes-'));
  // A folder whose name is a workflow command, holding a Service that selects nothing.
  const forged = join(dir, '::error title=forged::x');
  mkdirSync(forged);
  writeFileSync(
    join(forged, 'd.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: d\n  template:\n    metadata:\n      labels:\n        app: d\n    spec:\n      containers:\n        - name: c\n          image: x\n',
  );
  writeFileSync(
    join(forged, 's.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: "\u202eevil\u200b\x1b[2J"\n  ports:\n    - port: 80\n',
  );
  // A broken link whose name holds an escape sequence: reported on stderr as skipped.
  symlinkSync(join(dir, 'missing.yaml'), join(dir, 'bad\x1b]0;pwned\x07.yaml'));
});

after(() => removeDir(dir));

describe('escapes in every output', () => {
  test('printable writes controls, bidi and zero-width characters as escapes', () => {
    assert.equal(printable('a\x1b[31mb\u202ec\u200bd\ufeff\n'), 'a\\x1b[31mb\\u{202e}c\\u{200b}d\\u{feff}\\n');
  });

  test('check: stdout and stderr carry no raw control, bidi or zero-width character, and no line starts with ::', () => {
    const r = podpath(['check', '.']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, raw);
    assert.doesNotMatch(r.stderr, raw);
    assert.doesNotMatch(r.stdout, /^::/m);
    assert.match(r.stdout, /^\\x3a:error title=forged::x\/s\.yaml:7:\d+ {2}warning {2}.*\\u\{202e\}evil\\u\{200b\}\\x1b\[2J/m);
    assert.match(r.stderr, /^podpath: skipped bad\\x1b\]0;pwned\\x07\.yaml: a broken symbolic link$/m);
  });

  test('stderr: config keys and trace names are escaped too', () => {
    const cfg = join(dir, 'cfg.yaml');
    writeFileSync(cfg, '"\x1b[2J\u202ekey": 1\n');
    const bad = podpath(['check', '.', '--config', cfg]);
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, raw);
    assert.match(bad.stderr, /unknown setting "\\x1b\[2J\\u\{202e\}key"/);
    const trace = podpath(['trace', '.', '--service', '::warning::\x1b[2Jx']);
    assert.equal(trace.status, 2);
    assert.doesNotMatch(trace.stderr, raw);
    assert.doesNotMatch(trace.stderr, /^::/m);
  });

  test('a 65,000-character exclude glob is one short line naming the problem, exit 2', () => {
    const cfg = join(dir, 'long.yaml');
    writeFileSync(cfg, `exclude: ["${'a*'.repeat(32_500)}"]\n`);
    const r = podpath(['check', '.', '--config', cfg]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^podpath: .*long\.yaml: exclude glob "(a\*){20}…": a glob of 65,000 characters is too long \(at most 1,000\)\n$/,
    );
    assert.ok(r.stderr.length < 300, `${r.stderr.length} characters`);
  });
});
