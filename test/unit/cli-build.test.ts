/**
 * `podpath build FOLDER` as a user runs it: the bundled CLI in a child process prints what
 * `kubectl kustomize FOLDER` prints (test/kustomize/cases.ts), source comments with
 * --provenance, JSON with --format json; kustomize's refusals exit 1 with the reason on
 * stderr, bad usage exits 2.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { parse } from 'yaml';
import { buildCases } from '../kustomize/cases';

const root = join(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'podpath-build-'));
const cli = join(tmp, 'cli.js');
const ws = join(tmp, 'ws');

function podpath(args: string[], cwd = ws) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const overlay = buildCases['namespace, namePrefix and nameSuffix rename objects and the references to them']!;

describe('podpath build', () => {
  before(async () => {
    await esbuild.build({
      entryPoints: [join(root, 'server/src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    mkdirSync(join(ws, '.git'), { recursive: true });
    for (const [p, t] of Object.entries(overlay.files)) {
      mkdirSync(dirname(join(ws, p)), { recursive: true });
      writeFileSync(join(ws, p), t);
    }
    mkdirSync(join(ws, 'broken'));
    writeFileSync(
      join(ws, 'broken', 'kustomization.yaml'),
      'resources:\n- ../base\npatches:\n- patch: |-\n    - op: add\n      path: /spec/type\n      value: NodePort\n',
    );
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints what kubectl kustomize prints, from any folder inside the workspace', () => {
    assert.deepEqual(podpath(['build', 'overlays/prod']), { status: 0, stdout: overlay.expected, stderr: '' });
    assert.equal(podpath(['build', '.'], join(ws, 'overlays', 'prod')).stdout, overlay.expected);
  });

  it('--provenance: the same objects, with where the values an overlay set come from', () => {
    const r = podpath(['build', 'overlays/prod', '--provenance']);
    assert.equal(r.status, 0);
    assert.deepEqual(parse(r.stdout.split('---\n')[0]!), parse(overlay.expected.split('---\n')[0]!));
    assert.match(r.stdout, /^# source: base\/app\.yaml:\d+\napiVersion: v1\nkind: ServiceAccount/);
    assert.match(
      r.stdout,
      /name: prod-api-v2 # source: base\/app\.yaml:\d+ \(namePrefix prod- from overlays\/prod\/kustomization\.yaml:2; nameSuffix -v2 from overlays\/prod\/kustomization\.yaml:3\)/,
    );
    assert.match(r.stdout, /namespace: prod # source: overlays\/prod\/kustomization\.yaml:1\n/);
  });

  it('--format json: the objects as JSON; with --provenance, each changed value with its place', () => {
    const plain = JSON.parse(podpath(['build', 'overlays/prod', '--format', 'json']).stdout) as {
      kind: string;
      metadata: { name: string };
    }[];
    assert.deepEqual(plain.map((o) => `${o.kind}/${o.metadata.name}`).slice(0, 3), [
      'ServiceAccount/prod-api-v2',
      'RoleBinding/prod-api-v2',
      'ConfigMap/prod-settings-v2',
    ]);
    const withSources = JSON.parse(podpath(['build', 'overlays/prod', '--format', 'json', '--provenance']).stdout) as {
      source: string;
      changed: Record<string, string>;
    }[];
    assert.match(withSources[0]!.source, /^base\/app\.yaml:\d+$/);
    assert.match(withSources[0]!.changed['/metadata/namespace']!, /^overlays\/prod\/kustomization\.yaml:1$/);
  });

  it('a build kustomize refuses exits 1 and says why on stderr; bad usage exits 2', () => {
    const r = podpath(['build', 'broken']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^broken\/kustomization\.yaml:4: error: must specify a target for JSON patch/m);
    assert.equal(podpath(['build', 'base/app.yaml']).status, 2);
    assert.match(podpath(['build', 'nowhere']).stderr, /^podpath: nowhere: not a folder\n$/);
    assert.match(podpath(['build', 'overlays/prod', '--format', 'svg']).stderr, /--format svg: build writes yaml or json/);
    assert.match(podpath(['build', '.git']).stderr, /no kustomization\.yaml/);
  });
});
