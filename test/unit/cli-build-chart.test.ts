/**
 * `podpath build CHART`: the bundled CLI prints what `helm template` printed for a real chart
 * (a committed corpus case), byte for byte; bad usage is exit 2, a chart that fails to render
 * exit 1 with the reason on stderr.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'podpath-build-'));
const cli = join(tmp, 'cli.js');
const gateway = join(root, 'test', 'helm', 'corpus', 'cases', 'gateway__global-pullsecrets-override-global');

function podpath(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints what helm template printed for the chart, byte for byte', () => {
    const c = JSON.parse(readFileSync(join(gateway, 'case.json'), 'utf8'));
    const r = podpath([
      'build',
      join(gateway, 'chart'),
      '--release',
      c.release,
      '--namespace',
      c.namespace,
      '--values',
      join(gateway, c.valuesFiles[0]),
    ]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, readFileSync(join(gateway, 'expected.yaml'), 'utf8'));
  });

  it('--format json gives each object with its template', () => {
    const r = podpath(['build', join(gateway, 'chart'), '--format', 'json', '--set', 'deployment.replicas=3']);
    assert.equal(r.status, 0);
    const docs = JSON.parse(r.stdout) as { source: string; object: { kind: string; spec: { replicas: number } } }[];
    const dep = docs.find((d) => d.object.kind === 'Deployment')!;
    assert.equal(dep.source, 'gateway-helm/templates/envoy-gateway-deployment.yaml');
    assert.equal(dep.object.spec.replicas, 3);
  });

  it('a failing required is exit 1 with its message; no chart is exit 2', () => {
    const chart = join(tmp, 'bad');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: bad\nversion: 1.0.0\n');
    writeFileSync(
      join(chart, 'templates', 'cm.yaml'),
      'kind: ConfigMap\nmetadata:\n  name: {{ required "set .Values.name" .Values.name }}\n',
    );
    const r = podpath(['build', chart]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^podpath: bad\/templates\/cm.yaml: execution error at \(bad\/templates\/cm.yaml:3:11\): set .Values.name\n$/);
    assert.deepEqual(podpath(['build', join(tmp, 'nothing')]).status, 2);
  });
});
