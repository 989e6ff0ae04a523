/**
 * The `podpath` command as a CI job runs it: the bundled CLI in a child process, its exit
 * status, stdout and stderr. The bundle is built once into a temporary folder, so this file
 * also runs on its own (without `node esbuild.mjs`).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { useColour } from '../../server/src/cli/colour';
import { deploymentYaml } from './helpers';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const tmp = mkdtempSync(join(tmpdir(), 'podpath-cli-'));
const cli = join(tmp, 'cli.js');
const escape = '\x1b[';

/** Runs the CLI in `cwd` with a clean colour environment plus `env`. */
function podpath(args: string[], cwd = tmp, env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'TERM']) delete base[k];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Service whose selector is one letter off its Deployment's labels: a warning, no error. */
const unmatched = `${deploymentYaml('web')}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: wbe }
  ports: [{ port: 80 }]
`;

describe('podpath CLI', () => {
  before(async () => {
    await esbuild.build({
      entryPoints: [join(root, 'server/src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    cpSync(join(root, 'examples'), join(tmp, 'examples'), { recursive: true });
    mkdirSync(join(tmp, 'warn', 'deploy', 'k8s'), { recursive: true });
    writeFileSync(join(tmp, 'warn', 'deploy', 'k8s', 'web.yaml'), unmatched);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('--version prints the package version; --help the usage, both exit 0', () => {
    assert.deepEqual(podpath(['--version']), { status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = podpath(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /podpath check \[PATH \.\.\.\]/);
    assert.match(help.stdout, /podpath trace/);
    assert.match(help.stdout, /--max-warnings/);
  });

  it('without a command prints the usage and exits 2; an unknown one says so on one line', () => {
    assert.equal(podpath([]).status, 2);
    const bad = podpath(['lint']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /unknown command "lint"/);
  });

  it('exits 1 on errors, with plain text when stdout is not a terminal', () => {
    const r = podpath(['check', 'examples']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^examples\/shop\/admin\.yaml:33:19 {2}error {2}No selected Pod declares port "admin-http"/m);
    assert.match(r.stdout, /4 errors, 3 warnings, 0 infos in 13 files \(23 resources\)\n$/);
    assert.ok(!r.stdout.includes(escape), 'no colour codes in a pipe');
  });

  it('colours only when asked: FORCE_COLOR or --color; NO_COLOR and --no-color win over a terminal', () => {
    assert.ok(podpath(['check', 'examples'], tmp, { FORCE_COLOR: '1' }).stdout.includes(`${escape}31merror`));
    assert.ok(podpath(['check', 'examples', '--color'], tmp, { NO_COLOR: '1' }).stdout.includes(escape));
    assert.ok(!podpath(['check', 'examples'], tmp, { FORCE_COLOR: '0' }).stdout.includes(escape));
    assert.equal(useColour({ env: {}, isTTY: true }), true);
    assert.equal(useColour({ env: { NO_COLOR: '1' }, isTTY: true }), false);
    assert.equal(useColour({ env: { TERM: 'dumb' }, isTTY: true }), false);
    assert.equal(useColour({ noColor: true, env: { FORCE_COLOR: '1' }, isTTY: true }), false);
    assert.equal(useColour({ env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }), true);
    assert.equal(useColour({ env: {}, isTTY: false }), false);
  });

  it('--max-warnings N fails the run when there are more than N warnings', () => {
    const dir = join(tmp, 'warn');
    assert.equal(podpath(['check', '.'], dir).status, 0, 'warnings alone pass');
    assert.equal(podpath(['check', '.', '--max-warnings', '1'], dir).status, 0);
    assert.equal(podpath(['check', '.', '--max-warnings', '0'], dir).status, 1);
    const bad = podpath(['check', '.', '--max-warnings', 'few'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-warnings few: expected a whole number/);
  });

  it("finds .podpath.yaml in the first PATH's folder or above it up to the repository root, says which, and --config overrides it", () => {
    const dir = join(tmp, 'warn');
    writeFileSync(join(dir, '.podpath.yaml'), 'rules:\n  service-selector-no-match: error\n');
    try {
      // Outside a repository, a config in a folder above the PATH is not applied.
      const outside = podpath(['check', 'deploy/k8s'], dir);
      assert.equal(outside.status, 0, outside.stdout);
      assert.match(outside.stdout, /warning {2}No Pod matches this selector: did you mean app=web\? Service web selects app=wbe/);
      assert.doesNotMatch(outside.stderr, /config/);
      mkdirSync(join(dir, '.git'));
      const r = podpath(['check', 'deploy/k8s'], dir);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /error {2}No Pod matches this selector: did you mean app=web\? Service web selects app=wbe/);
      assert.equal(r.stderr, 'podpath: config .podpath.yaml\n');
      writeFileSync(join(tmp, 'default.yaml'), 'rules:\n  service-selector-no-match: default\n');
      assert.match(
        podpath(['check', 'deploy/k8s', '--config', join(tmp, 'default.yaml')], dir).stdout,
        /warning {2}No Pod matches this selector: .* Service web selects/,
        "`default` keeps the rule's severity",
      );
      writeFileSync(join(tmp, 'off.yaml'), 'rules:\n  service-selector-no-match: off\n');
      const off = podpath(['check', 'deploy/k8s', '--config', join(tmp, 'off.yaml')], dir);
      assert.equal(off.status, 0);
      assert.match(off.stdout, /^0 errors, 0 warnings/m);
    } finally {
      rmSync(join(dir, '.podpath.yaml'));
      rmSync(join(dir, '.git'), { recursive: true, force: true });
    }
  });

  it('does not read a .podpath.yaml that is a symbolic link out of the workspace, and says so', () => {
    const dir = join(tmp, 'warn');
    writeFileSync(join(tmp, 'secret.yaml'), 'topSecretKey: 1\n');
    symlinkSync(join(tmp, 'secret.yaml'), join(dir, 'deploy', '.podpath.yaml'));
    try {
      const r = podpath(['check', 'deploy'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.stderr.split('\n')[0],
        'podpath: deploy/.podpath.yaml: a symbolic link to outside the workspace; not read (give it with --config to use it)',
      );
      assert.doesNotMatch(r.stderr + r.stdout, /topSecretKey/);
    } finally {
      rmSync(join(dir, 'deploy', '.podpath.yaml'));
    }
  });

  it('a bad config file exits 2 with one line naming the file and the problem', () => {
    writeFileSync(join(tmp, 'bad.yaml'), 'rules:\n  no-such-rule: off\n');
    const r = podpath(['check', 'examples', '--config', join(tmp, 'bad.yaml')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `podpath: ${join(tmp, 'bad.yaml')}: unknown rule "no-such-rule"\n`);
  });

  it('--format sarif writes SARIF 2.1.0 with results relative to the current folder', () => {
    const r = podpath(['check', 'examples', '--format', 'sarif']);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('examples/shop/admin.yaml'), uris.join(', '));
  });
});
