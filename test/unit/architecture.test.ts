/**
 * The import boundaries of ARCHITECTURE.md, checked on the sources: the core knows no
 * editor and no file system, only handlers/workspace/server know LSP, the CLI and node/
 * never reach into the server, the webview and the client share only the protocol.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );
}

/** Every module a file imports (static `from '…'` and dynamic `import('…')`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)].map((m) => (m[1] ?? m[2])!);
}

/** Each import of the files under `dir` that `allowed` refuses, as "file → module". */
function offenders(dir: string, allowed: (module: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((f) =>
    importsOf(f)
      .filter((m) => !allowed(m, f))
      .map((m) => `${f} → ${m}`),
  );
}

/** The repository path a relative import of `file` resolves to. */
const resolved = (file: string, module: string): string => relative(root, join(root, file, '..', module)).replace(/\\/g, '/');

describe('architecture', () => {
  it('the core imports no editor, no LSP and no node module: plain data in, plain data out', () => {
    assert.ok(importsOf('server/src/core/rules/index.ts').length > 20, 'the import scanner sees imports');
    assert.deepEqual(
      offenders('server/src/core', (m) => m.startsWith('.') || m === 'yaml'),
      [],
    );
  });

  it('only the server shell (server.ts, main.ts, handlers/, workspace/) knows LSP', () => {
    const lsp = (m: string) => m.startsWith('vscode-languageserver');
    for (const dir of ['server/src/core', 'server/src/cli', 'server/src/node', 'webview/src'])
      assert.deepEqual(
        offenders(dir, (m) => !lsp(m)),
        [],
        dir,
      );
  });

  it('the CLI and node/ stand on the core, never on the language server', () => {
    const shell = /^server\/src\/(handlers|workspace|server|main)/;
    for (const dir of ['server/src/cli', 'server/src/node']) {
      assert.deepEqual(
        offenders(dir, (m, f) => !m.startsWith('.') || !shell.test(resolved(f, m))),
        [],
        dir,
      );
    }
  });

  it('the webview imports d3, its own files and the protocol; the client shares only the protocol, the panel page and the path helper of the workspace boundary', () => {
    assert.deepEqual(
      offenders(
        'webview/src',
        (m, f) =>
          m === 'd3' || (m.startsWith('.') && (resolved(f, m).startsWith('webview/src/') || resolved(f, m) === 'server/src/protocol')),
      ),
      [],
    );
    assert.deepEqual(
      offenders(
        'client/src',
        (m, f) =>
          !m.startsWith('.') ||
          resolved(f, m).startsWith('client/src/') ||
          ['server/src/protocol', 'webview/src/panelHtml', 'server/src/node/paths'].includes(resolved(f, m)),
      ),
      [],
    );
  });

  it('keeps source files small (style: ~400 lines)', () => {
    const big = ['server/src', 'client/src', 'webview/src']
      .flatMap(sources)
      .filter((f) => readFileSync(join(root, f), 'utf8').split('\n').length > 420);
    assert.deepEqual(big, []);
  });
});
