/**
 * Chart units of `.podpath.yaml` (node/chartUnits.ts): a chart rendered with more values
 * files, a release name and a namespace, as `helm install` would; findings land on the
 * values file that set the value; bad entries are one clear line.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allDiagnostics } from '../../server/src/cli/report';
import { rangeOf } from '../../server/src/core/model/positions';
import { ConfigError, loadConfig } from '../../server/src/node/config';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';

const fixture = resolve(__dirname, '..', 'fixtures', 'ws-helm', 'workspace');
const tmp = mkdtempSync(join(tmpdir(), 'podpath-helm-units-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function workspace(config: string): string {
  const dir = mkdtempSync(join(tmp, 'ws-'));
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(join(dir, '.podpath.yaml'), config);
  return dir;
}

const prod = `units:
  - name: shop-prod
    chart: shop
    values: [shop/values-prod.yaml]
    release: shop
    namespace: prod
`;

describe('chart units in .podpath.yaml', () => {
  it('render the chart with the values files, release and namespace given; a finding lands on the values file that set the value', async () => {
    const dir = workspace(prod);
    const loaded = await loadWorkspace([dir], loadConfig(join(dir, '.podpath.yaml')), dir);
    const services = [...loaded.index.resources()].filter((r) => r.kind === 'Service').map((r) => `${r.namespace}/${r.name}`);
    assert.deepEqual(services, ['prod/shop-shop']);
    const found = allDiagnostics(loaded.index, {}).map((d) => [
      d.file.path,
      rangeOf(d.file, d.span).start.line + 1,
      d.file.text.slice(d.span[0], d.span[1]),
    ]);
    assert.deepEqual(found, [
      ['shop/templates/service.yaml', 11, '{{ .Values.service.targetPort }}'],
      ['shop/templates/service.yaml', 15, '9090'],
      ['shop/values-prod.yaml', 3, '7000'],
    ]);
  });

  it('bad entries are one line naming the entry', () => {
    const cases: [string, RegExp][] = [
      ['units: {}\n', /units must be a list/],
      ['units:\n  - { name: a, chart: nowhere }\n', /units\[0\] \(a\): nowhere is not a chart folder \(no Chart\.yaml\)/],
      [
        'units:\n  - { name: a, chart: shop, values: [shop/missing.yaml] }\n',
        /units\[0\] \(a\): values file shop\/missing\.yaml not found/,
      ],
      ['units:\n  - { name: a, chart: shop, colour: red }\n', /units\[0\]: unknown key "colour"/],
      ['units:\n  - { name: a, chart: shop, namespace: Prod }\n', /units\[0\] \(a\): namespace must be a namespace name/],
      ['units:\n  - { name: a, chart: shop }\n  - { name: b, chart: shop }\n', /units\[1\] \(b\): shop already has a unit/],
    ];
    for (const [text, message] of cases) {
      const dir = workspace(text);
      assert.throws(
        () => loadConfig(join(dir, '.podpath.yaml')),
        (e: unknown) => e instanceof ConfigError && message.test(e.message) && !e.message.includes('\n'),
      );
    }
  });
});
