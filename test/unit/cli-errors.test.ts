/**
 * The built CLI on every kind of bad usage, path and config: exit 2 and one line on stderr
 * saying what and where — never a stack trace, never a hang (a config of /dev/zero), never
 * output on stdout that a pipeline could mistake for a report.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { aliasBomb, goodFile } from '../hostile/workspace';
import { ensureBuilt, runCli } from '../hostile/run';

let dir = '';
const cfg = (name: string, text: string): string => {
  const p = join(dir, 'configs', name);
  writeFileSync(p, text);
  return p;
};

before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'podpath-cli-errors-'));
  mkdirSync(join(dir, 'ws'));
  mkdirSync(join(dir, 'configs'));
  writeFileSync(join(dir, 'ws', 'web.yaml'), goodFile);
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Each case: arguments (run in `dir`), and what the one stderr line must say. */
const cases: [string, () => string[], RegExp][] = [
  ['no command', () => [], /^podpath: no command: use check, trace, units or build/],
  ['an unknown command', () => ['lint', 'ws'], /^podpath: unknown command "lint"/],
  ['an unknown flag', () => ['check', '--frob', 'ws'], /^podpath: Unknown option '--frob' \(see podpath --help\)$/],
  ['a flag without its value', () => ['check', 'ws', '--format'], /^podpath: Option '-f, --format <value>' argument missing/],
  ['a format check cannot write', () => ['check', 'ws', '--format', 'xml'], /^podpath: --format xml: check writes text, json or sarif$/],
  [
    'a format trace cannot write',
    () => ['trace', 'ws', '--service', 'web', '--format', 'sarif'],
    /^podpath: --format sarif: trace writes text, json or svg$/,
  ],
  [
    '--max-warnings that is not a number',
    () => ['check', 'ws', '--max-warnings', 'many'],
    /^podpath: --max-warnings many: expected a whole number$/,
  ],
  ['--service with check', () => ['check', 'ws', '--service', 'web'], /^podpath: --service goes with trace, not check$/],
  ['trace without --service', () => ['trace', 'ws'], /^podpath: trace needs --service/],
  ['trace of a Service that is not there', () => ['trace', 'ws', '--service', 'shop/nope'], /^podpath: .*nope/],
  ['a path that does not exist', () => ['check', 'ws', 'missing'], /^podpath: missing: no such file or folder$/],
  ['a path that is a device', () => ['check', '/dev/null'], /^podpath: \/dev\/null: not a file or folder$/],
  ['a path that is a symbolic link loop', () => ['check', 'loop-a'], /^podpath: loop-a: too many levels of symbolic links$/],
  ['a path that is a broken link', () => ['check', 'dangling.yaml'], /^podpath: dangling\.yaml: no such file or folder$/],
  [
    'a config that does not exist',
    () => ['check', 'ws', '--config', 'nope.yaml'],
    /^podpath: nope\.yaml: cannot read it: no such file or folder$/,
  ],
  ['a config that is a folder', () => ['check', 'ws', '--config', 'ws'], /^podpath: ws: not a regular file$/],
  ['a config that is an endless device', () => ['check', 'ws', '--config', '/dev/zero'], /^podpath: \/dev\/zero: not a regular file$/],
  [
    'a config over 1 MB',
    () => ['check', 'ws', '--config', cfg('huge.yaml', `# ${'x'.repeat(1_100_000)}\n`)],
    /huge\.yaml: over 1 MB, so not a podpath config file$/,
  ],
  [
    'a config with a syntax error',
    () => ['check', 'ws', '--config', cfg('syntax.yaml', 'rules:\n\tyaml-syntax: off\n')],
    /syntax\.yaml: not valid YAML: .*[Tt]ab/,
  ],
  [
    'a config that is an alias bomb',
    () => ['check', 'ws', '--config', cfg('bomb.yaml', `${aliasBomb('', true)}rules: *a8\n`)],
    /bomb\.yaml: not valid YAML: Excessive alias count/,
  ],
  [
    'a config nested 20,000 deep',
    () => ['check', 'ws', '--config', cfg('deep.yaml', `exclude: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)],
    /deep\.yaml: (not valid YAML|exclude must be a list of globs)/,
  ],
  ['a config that is a list', () => ['check', 'ws', '--config', cfg('list.yaml', '- rules\n')], /list\.yaml: expected a map of settings$/],
  [
    'a config with an unknown setting',
    () => ['check', 'ws', '--config', cfg('unknown.yaml', 'colour: red\n')],
    /unknown\.yaml: unknown setting "colour"/,
  ],
  [
    'a config with an unknown rule',
    () => ['check', 'ws', '--config', cfg('rule.yaml', 'rules: {no-such-rule: off}\n')],
    /rule\.yaml: unknown rule "no-such-rule"$/,
  ],
  [
    'a config with a bad severity',
    () => ['check', 'ws', '--config', cfg('severity.yaml', 'rules: {yaml-syntax: loud}\n')],
    /severity\.yaml: rules\.yaml-syntax must be one of default, off, error, warning, info, hint$/,
  ],
  [
    'a config with rules of the wrong type',
    () => ['check', 'ws', '--config', cfg('types.yaml', 'rules: [a, b]\n')],
    /types\.yaml: rules must be a map/,
  ],
  [
    'a config with maxFileSize as text',
    () => ['check', 'ws', '--config', cfg('size.yaml', 'maxFileSize: 5MB\n')],
    /size\.yaml: maxFileSize must be a positive number of bytes$/,
  ],
  [
    'a config with a bad nodePortRange',
    () => ['check', 'ws', '--config', cfg('range.yaml', 'nodePortRange: 40000-30000\n')],
    /range\.yaml: nodePortRange must look like 30000-32767$/,
  ],
  [
    'a config with exclude of the wrong type',
    () => ['check', 'ws', '--config', cfg('exclude.yaml', 'exclude: {a: 1}\n')],
    /exclude\.yaml: exclude must be a list of globs$/,
  ],
];

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('podpath CLI: bad usage, paths and config', { timeout: 300_000 }, () => {
  for (const [name, args, message] of cases) {
    test(`${name}: exit 2 and one line`, async () => {
      const r = await runCli(args(), dir);
      assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
      assert.equal(r.stdout, '', 'nothing on stdout');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
      assert.match(lines[0]!, message);
      assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, 'no stack trace');
    });
  }

  test('--help and --version are not errors', async () => {
    assert.equal((await runCli(['--help'], dir)).code, 0);
    const v = await runCli(['--version'], dir);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
