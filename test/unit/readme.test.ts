/**
 * The README is the marketplace page and the first thing a newcomer reads: it starts with
 * the two commands, its pictures exist (PNG: the marketplace refuses SVG), its sample
 * output is what the CLI prints today, and it shows CI and other-editor setups that match
 * the package.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allDiagnostics, formatText } from '../../server/src/cli/report';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import { formatTraceText } from '../../server/src/cli/traceText';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The body of the first fenced block that contains `text`. */
function blockWith(text: string): string {
  const block = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(text));
  assert.ok(block, `no code block in the README contains ${text}`);
  return block;
}

describe('README', () => {
  it('starts with the two commands: build and run on examples/, and every test', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.ok(readme.indexOf('```sh') < readme.indexOf('\n## '), 'the commands come before the first section');
    assert.match(first, /^npm ci && npm start\b/m);
    assert.match(first, /^npm ci && npm test\b/m);
  });

  it('shows the hover, the Problems panel, a quick fix and the traffic path in the light and the dark theme, as PNGs that exist', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    for (const name of ['hover', 'problems', 'quick-fix', 'traffic-path-light', 'traffic-path-dark'])
      assert.ok(images.includes(`media/screenshots/${name}.png`), name);
    for (const src of images) {
      assert.match(src, /\.png$/, `${src}: the marketplace shows no SVG from a README`);
      assert.ok(existsSync(join(root, src)), src);
    }
  });

  it('prints the findings and the traffic path the CLI prints today', async () => {
    const ws = await loadWorkspace([join(root, 'examples')], { rules: {}, exclude: [] }, root);
    const check = formatText(allDiagnostics(ws.index, {}), ws.files, [...ws.index.resources()].length, false);
    const graph = buildTrafficGraph(ws.index, { namespace: 'shop', name: 'frontend' }, {});
    assert.ok(graph);
    const actual = `${check}\n${formatTraceText(graph)}`;
    const sample = blockWith('$ npx podpath check examples/')
      .split('\n')
      .filter((l) => l && !l.startsWith('$ ') && l !== '…');
    assert.ok(sample.length >= 8);
    for (const line of sample) assert.ok(actual.includes(line), `the CLI no longer prints: ${line}`);
  });

  it('names every command of the Command Palette', () => {
    const hidden = new Set(
      (pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command),
    );
    for (const c of pkg.contributes.commands as { command: string; title: string }[]) {
      if (!hidden.has(c.command)) assert.ok(readme.includes(`podpath: ${c.title}`), c.title);
    }
  });

  it("has a GitHub code-scanning workflow that uploads podpath's SARIF", () => {
    const wf = blockWith('# .github/workflows/podpath.yml');
    assert.match(wf, /security-events: write/);
    assert.match(wf, /npx podpath check .* --format sarif > podpath\.sarif/);
    assert.match(wf, /uses: github\/codeql-action\/upload-sarif@v\d+/);
    assert.match(wf, /sarif_file: podpath\.sarif/);
  });

  it('sets up Neovim and Helix with the installed language server over stdio', () => {
    const bin = Object.keys(pkg.bin).find((b) => b.endsWith('language-server'));
    assert.equal(bin, 'podpath-language-server');
    assert.match(
      blockWith('vim.lsp.config'),
      /vim\.lsp\.config\('podpath'[\s\S]*'podpath-language-server', '--stdio'[\s\S]*vim\.lsp\.enable\('podpath'\)/,
    );
    assert.match(
      blockWith('[language-server.podpath]'),
      /command = "podpath-language-server"\nargs = \["--stdio"\][\s\S]*language-servers = \[.*"podpath"\]/,
    );
  });

  it('compares with kube-linter, kube-score and Monokle', () => {
    const section = readme.slice(readme.indexOf('## How it compares'));
    for (const tool of ['kube-linter', 'kube-score', 'Monokle']) assert.ok(section.includes(tool), tool);
  });
});
