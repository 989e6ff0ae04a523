/**
 * The three ways in give the same findings: the CLI (`dist/cli.js check --format json`) and
 * the built language server (workspace diagnostics over JSON-RPC) over every fixture
 * workspace (test/fixtures/ws-*), and over one with a `.podpath.yaml` that switches a rule
 * off, changes a severity and excludes a file — which the server used to ignore. (VS Code is
 * a thin client of this server: the e2e suite shows its diagnostics.)
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { removeDir, repoRoot, TestClient, uriOf } from './client';

const fixtures = join(repoRoot, 'test', 'fixtures');
const severities = ['', 'error', 'warning', 'info', 'hint'];

interface CliReport {
  diagnostics: { rule: string; severity: string; message: string; file: string; range: { start: { line: number; character: number } } }[];
}

/** `file:line:char severity rule message`, sorted: what both ways must agree on. */
function cliFindings(dir: string): string[] {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, `the CLI failed in ${dir}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as CliReport;
  return report.diagnostics
    .map((d) => `${d.file}:${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.rule} ${d.message}`)
    .sort();
}

/** Every file below a folder that may hold findings (YAML and Kustomization files). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(\.ya?ml|(^|\/)Kustomization)$/.test(f))
    .map((f) => join(dir, f));
}

/** The server's findings: a document diagnostic pull for every file (a workspace pull holds while nothing is new). */
async function serverFindings(dir: string): Promise<string[]> {
  const c = await TestClient.start({ folders: [dir], pull: true });
  try {
    await c.ready();
    const out: string[] = [];
    for (const path of yamlFiles(dir)) {
      const report = (await c.documentDiagnostics(uriOf(path))) as { items?: Diagnostic[] };
      const file = relative(dir, path).split('\\').join('/');
      for (const d of report.items ?? [])
        out.push(`${file}:${d.range.start.line}:${d.range.start.character} ${severities[d.severity ?? 1]} ${String(d.code)} ${d.message}`);
    }
    return out.sort();
  } finally {
    await c.stop();
  }
}

/** The folder a fixture's findings come from: `workspace/`, or the one `workspace.txt` names. */
function workspaceOf(name: string): string {
  const pointer = join(fixtures, name, 'workspace.txt');
  return realpathSync(
    existsSync(pointer) ? resolve(fixtures, name, readFileSync(pointer, 'utf8').trim()) : join(fixtures, name, 'workspace'),
  );
}

describe('CLI and language server agree', () => {
  const names = readdirSync(fixtures)
    .filter((d) => d.startsWith('ws-'))
    .sort();
  it('has fixture workspaces', () => assert.ok(names.length >= 4));
  for (const name of names) {
    it(`${name}: the same findings, at the same places, with the same words`, async () => {
      const dir = workspaceOf(name);
      const cli = cliFindings(dir);
      assert.ok(cli.length > 0 || name === 'ws-clean', `${name}: the CLI found nothing`);
      assert.deepEqual(await serverFindings(dir), cli);
    });
  }

  it('a .podpath.yaml applies in the server as in the CLI: rules off, severities, exclude', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-config-'));
    try {
      cpSync(workspaceOf('ws-mistakes'), dir, { recursive: true });
      const before = cliFindings(dir);
      const [off, lower] = [...new Set(before.map((f) => f.split(' ')[2]!))].sort();
      const excludedFile = before.map((f) => f.split(':')[0]!).find((f) => !before.every((g) => g.startsWith(f)))!;
      writeFileSync(join(dir, '.podpath.yaml'), `rules:\n  ${off}: off\n  ${lower}: hint\nexclude: ["${excludedFile}"]\n`);
      const cli = cliFindings(dir);
      assert.ok(cli.length > 0 && cli.length < before.length, 'the config changed what the CLI reports');
      assert.ok(!cli.some((f) => f.includes(` ${off} `) || f.startsWith(`${excludedFile}:`)));
      assert.ok(cli.every((f) => !f.includes(` ${lower} `) || f.includes(` hint ${lower} `)));
      assert.deepEqual(await serverFindings(dir), cli);
    } finally {
      removeDir(dir);
    }
  });

  it('a .podpath.yaml written while the server runs applies at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-config-live-'));
    const svc = join(dir, 'svc.yaml');
    writeFileSync(svc, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
    writeFileSync(
      join(dir, 'other.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: c}]}\n',
    );
    const c = await TestClient.start({ folders: [dir], debounceMs: 20 });
    try {
      await c.ready();
      await c.pushed(uriOf(svc), (d) => d.some((x) => x.code === 'service-selector-no-match'));
      writeFileSync(join(dir, '.podpath.yaml'), 'rules:\n  service-selector-no-match: off\n');
      await c.watched([{ uri: uriOf(join(dir, '.podpath.yaml')), type: 1 }]);
      await c.pushed(uriOf(svc), (d) => d.length === 0);
    } finally {
      await c.stop();
      removeDir(dir);
    }
  });
});
