/**
 * Forged `reveal` messages from the webview, decided under plain node (client/src/revealTarget.ts):
 * only a YAML file inside a workspace folder opens — after `..` and percent-escapes are
 * undone, and after symbolic links are followed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { revealTarget } from '../../client/src/revealTarget';

let ws = '';
let outside = '';
const url = (p: string): string => pathToFileURL(p).href;

before(() => {
  ws = realpathSync(mkdtempSync(join(tmpdir(), 'podpath-reveal-ws-')));
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'podpath-reveal-out-')));
  mkdirSync(join(ws, 'apps'));
  writeFileSync(join(ws, 'apps', 'web.yaml'), 'kind: Service\n');
  writeFileSync(join(ws, '.env'), 'TOKEN=x\n');
  writeFileSync(join(outside, 'secret.yaml'), 'kind: Secret\n');
  symlinkSync(outside, join(ws, 'linked'));
  symlinkSync(join(outside, 'secret.yaml'), join(ws, 'secret.yaml'));
  mkdirSync(`${ws}-evil`);
  writeFileSync(join(`${ws}-evil`, 'x.yaml'), 'kind: Secret\n');
});

after(() => {
  for (const d of [ws, outside, `${ws}-evil`]) rmSync(d, { recursive: true, force: true });
});

describe('revealTarget', () => {
  test('opens a YAML file of the workspace', () => {
    assert.deepEqual(revealTarget(url(join(ws, 'apps', 'web.yaml')), [ws]), { path: join(ws, 'apps', 'web.yaml') });
    assert.deepEqual(revealTarget(`${url(ws)}/apps/./web.yaml`, [ws]), { path: join(ws, 'apps', 'web.yaml') });
  });

  const forged: [string, () => string, RegExp][] = [
    ['a file outside the workspace', () => url(join(outside, 'secret.yaml')), /outside the workspace folders/],
    [
      'a path that climbs out with ..',
      () => `${url(ws)}/apps/../../${outside.split('/').pop()}/secret.yaml`,
      /outside the workspace folders/,
    ],
    [
      '.. escaped as %2e%2e and / as %2f',
      () => `${url(ws)}/%2e%2e%2f%2e%2e${outside.replace(/\//g, '%2f')}%2fsecret.yaml`,
      /outside the workspace folders/,
    ],
    ['a sibling folder whose name starts like the workspace', () => url(join(`${ws}-evil`, 'x.yaml')), /outside the workspace folders/],
    ['a folder link that leads out of the workspace', () => url(join(ws, 'linked', 'secret.yaml')), /symbolic link to outside/],
    ['a file link that leads out of the workspace', () => url(join(ws, 'secret.yaml')), /symbolic link to outside/],
    ['a file of the workspace that is not YAML', () => url(join(ws, '.env')), /not a YAML file/],
    ['/etc/passwd', () => 'file:///etc/passwd', /not a YAML file/],
    ['a file that does not exist', () => url(join(ws, 'apps', 'nope.yaml')), /no such file/],
    ['a NUL in the path', () => `${url(ws)}/apps/web.yaml%00.yaml`, /no such file/],
    ['a command URI', () => 'command:workbench.action.terminal.new', /a command: URI/],
    ['a web URI', () => 'https://evil.example/x.yaml', /a https: URI/],
    ['a vscode-userdata URI', () => 'vscode-userdata:/settings.yaml', /a vscode-userdata: URI/],
    ['a file on another host', () => `file://evil.example${ws}/apps/web.yaml`, /another host/],
    ['not a URI at all', () => '<img src=x onerror=alert(1)>', /not a URI/],
    ['a URI of 10,000 characters', () => `${url(ws)}/${'a/'.repeat(5000)}x.yaml`, /too long/],
  ];
  for (const [name, uri, why] of forged) {
    test(`refuses ${name}`, () => {
      const r = revealTarget(uri(), [ws]);
      assert.ok('refused' in r, `opened ${JSON.stringify(r)}`);
      assert.match(r.refused, why);
    });
  }

  test('with no workspace folder, nothing opens', () => {
    assert.ok('refused' in revealTarget(url(join(ws, 'apps', 'web.yaml')), []));
  });
});
