/**
 * What makes podpath safe in an untrusted workspace, checked on the sources and the manifest:
 * it declares untrusted-workspace support (it executes nothing from the workspace) and no
 * virtual-workspace support (it reads files from disk); no code runs programs, evaluates
 * strings or writes files on the server; the core knows no editor; the webview builds no
 * markup from strings and its page allows no inline script. (The audit preload of the CLI
 * and LSP hostile tests checks the same at run time.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { panelCsp, panelHtml } from '../../webview/src/panelHtml';

const root = join(__dirname, '..', '..');

function sources(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const e of readdirSync(join(root, dir))) {
    const p = join(dir, e);
    if (statSync(join(root, p)).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push({ path: p, text: readFileSync(join(root, p), 'utf8') });
  }
  return out;
}

/** Lines of `files` matching `re`, as `path:line: text`. */
function grep(files: { path: string; text: string }[], re: RegExp): string[] {
  return files.flatMap((f) =>
    f.text
      .split('\n')
      .flatMap((l, i) => (re.test(l) && !/^\s*(\*|\/\/)/.test(l) ? [`${relative(root, join(root, f.path))}:${i + 1}: ${l.trim()}`] : [])),
  );
}

describe('safe in untrusted workspaces', () => {
  test('the manifest declares untrusted workspaces supported, with the settings that change what is read restricted, and virtual workspaces not', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      capabilities?: {
        untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] };
        virtualWorkspaces?: { supported?: unknown; description?: string };
      };
    };
    // `limited` is what makes VS Code honour restrictedConfigurations: in an untrusted workspace these come from user settings only.
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['podpath.exclude', 'podpath.maxFileSize']);
    assert.equal(pkg.capabilities?.virtualWorkspaces?.supported, false);
    assert.match(pkg.capabilities?.virtualWorkspaces?.description ?? '', /from disk/);
  });

  test('no code runs a program or evaluates a string', () => {
    const all = [...sources('server/src'), ...sources('client/src'), ...sources('webview/src')];
    assert.deepEqual(grep(all, /child_process|worker_threads|node:vm|\beval\(|new Function\(/), []);
  });

  test('the server and the CLI write no file (the CLI writes to stdout and stderr only)', () => {
    assert.deepEqual(
      grep(sources('server/src'), /\b(writeFile|appendFile|mkdir|unlink|rmSync|rmdir|renameSync|createWriteStream)(Sync)?\(|fs\.rename\(/),
      [],
    );
  });

  test('the core imports no editor API', () => {
    assert.deepEqual(grep(sources('server/src/core'), /from ['"]vscode/), []);
  });

  test('the webview builds no markup from strings', () => {
    assert.deepEqual(
      grep(sources('webview/src'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\(|setAttribute\(\s*['"]on/),
      [],
    );
  });

  test('the panel page: default-src none, scripts and styles only by nonce, no inline handler', () => {
    const csp = panelCsp('https://cdn.example', 'abc123');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const html = panelHtml({
      cspSource: 'https://cdn.example',
      nonce: 'abc123',
      scriptUri: 'https://cdn.example/dist/webview.js',
      title: '<img src=x onerror=alert(1)>',
    });
    assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no inline event handler');
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123" src="https:\/\/cdn.example\/dist\/webview.js"><\/script>/);
    assert.match(html, /<title>&lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
    assert.throws(() => panelHtml({ cspSource: 'x', nonce: '"><script>', scriptUri: 'y' }));
  });
});
