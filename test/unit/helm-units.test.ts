/**
 * Chart units of `.podpath.yaml` (node/chartUnits.ts): a chart rendered with more values
 * files, a release name and a namespace, as `helm install` would; findings land on the
 * values file that set the value; bad entries are one clear line.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allDiagnostics } from '../../server/src/cli/report';
import { rangeOf } from '../../server/src/core/model/positions';
import { ConfigError, loadConfig } from '../../server/src/node/config';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { parseSettings } from '../../server/src/workspace/settings';
import { withConfig } from '../../server/src/workspace/podpathConfig';
import { chartVariants, unitsWithVariant } from '../../server/src/core/features/chartVariants';
import { configWithVariant } from '../../server/src/node/configVariant';

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
      // A workspace's config reads nothing outside it.
      ['units:\n  - { name: a, chart: ../elsewhere }\n', /units\[0\] \(a\): \.\.\/elsewhere is outside the workspace folder/],
      [
        'units:\n  - { name: a, chart: shop, values: [/etc/hostname] }\n',
        /units\[0\] \(a\): values file \/etc\/hostname is outside the workspace folder/,
      ],
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

describe('chart entries in the setting podpath.units (the parser of .podpath.yaml units:)', () => {
  const warnings = (podpath: unknown, base: string | undefined): { s: ReturnType<typeof parseSettings>; warned: string[] } => {
    const warned: string[] = [];
    return { s: parseSettings(podpath, {}, (m) => warned.push(m), base), warned };
  };

  it('a chart entry says how the chart is installed, paths from the workspace folder; include entries stay apply units', () => {
    const dir = workspace('');
    const { s, warned } = warnings(
      {
        units: [
          { name: 'apps', include: ['apps/**'] },
          { name: 'shop-prod', chart: 'shop', values: ['shop/values-prod.yaml'], release: 'shop', namespace: 'prod' },
        ],
      },
      dir,
    );
    assert.deepEqual(warned, []);
    assert.deepEqual(s.units, [{ name: 'apps', include: ['apps/**'] }]);
    assert.deepEqual(s.chartUnits, [
      {
        name: 'shop-prod',
        chart: join(dir, 'shop'),
        values: [join(dir, 'shop', 'values-prod.yaml')],
        release: 'shop',
        namespace: 'prod',
        set: [],
        kubeVersion: undefined,
      },
    ]);
  });

  it('a bad entry is the message .podpath.yaml gives, naming its place in the whole list; the setting is ignored', () => {
    const dir = workspace('');
    const cases: [unknown[], string][] = [
      [
        [
          { name: 'apps', include: ['apps'] },
          { name: 'a', chart: 'nowhere' },
        ],
        'podpath.units[1] (a): nowhere is not a chart folder (no Chart.yaml)',
      ],
      [[{ name: 'a', chart: 'shop', values: ['shop/missing.yaml'] }], 'podpath.units[0] (a): values file shop/missing.yaml not found'],
      [[{ name: 'a', chart: 'shop', namespace: 'Prod' }], 'podpath.units[0] (a): namespace must be a namespace name'],
      [
        [
          { name: 'a', chart: 'shop' },
          { name: 'a', include: ['x'] },
        ],
        'podpath.units[1]: the name "a" is used twice',
      ],
      [[{ name: 'default', chart: 'shop' }], 'podpath.units[0]: "default" is the name of the unit of the files in no other unit'],
    ];
    for (const [units, message] of cases) {
      const { s, warned } = warnings({ units }, dir);
      assert.deepEqual(warned, [message]);
      assert.deepEqual([s.units, s.chartUnits], [[], []]);
      const config = workspace(`units: ${JSON.stringify(units)}\n`);
      assert.throws(
        () => loadConfig(join(config, '.podpath.yaml')),
        (e: unknown) => e instanceof ConfigError && e.message.endsWith(message.slice('podpath.'.length)),
      );
    }
    assert.deepEqual(warnings({ units: [{ name: 'a', chart: 'shop' }] }, undefined).warned, [
      'podpath.units[0] (a): a chart entry needs a workspace folder (its paths are relative to it)',
    ]);
  });

  it("the setting's entry for a chart wins over .podpath.yaml's; the config's other charts stay", () => {
    const dir = workspace(prod);
    const { s } = warnings({ units: [{ name: 'shop-ci', chart: 'shop', values: ['shop/ci/fixed-values.yaml'] }] }, dir);
    const both = withConfig(s, loadConfig(join(dir, '.podpath.yaml')));
    assert.deepEqual(
      both.chartUnits.map((u) => u.name),
      ['shop-ci'],
    );
    const configOnly = withConfig(warnings({}, dir).s, loadConfig(join(dir, '.podpath.yaml')));
    assert.deepEqual(
      configOnly.chartUnits.map((u) => [u.name, u.release, u.namespace]),
      [['shop-prod', 'shop', 'prod']],
    );
  });
});

describe('ci/*-values.yaml as variants', () => {
  it('each is a variant of its chart; checked once a unit lists it', async () => {
    const dir = workspace('');
    const plain = await loadWorkspace([dir], { rules: {}, exclude: [] }, dir);
    assert.deepEqual(
      chartVariants(plain.index).map((v) => [v.chartPath, v.path, v.inChart, v.suggestedName, v.checkedBy]),
      [['shop', 'shop/ci/fixed-values.yaml', 'ci/fixed-values.yaml', 'shop-fixed', undefined]],
    );
    writeFileSync(join(dir, '.podpath.yaml'), 'units:\n  - { name: shop-ci, chart: shop, values: [shop/ci/fixed-values.yaml] }\n');
    const checked = await loadWorkspace([dir], loadConfig(join(dir, '.podpath.yaml')), dir);
    assert.deepEqual(
      chartVariants(checked.index).map((v) => v.checkedBy),
      ['shop-ci'],
    );
    // Checked with it, the Service targets 8080 and the targetPort finding of values.yaml goes.
    const atValues = (ds: ReturnType<typeof allDiagnostics>): string[] =>
      ds.filter((d) => d.file.path === 'shop/values.yaml').map((d) => `${d.rule} ${d.file.text.slice(d.span[0], d.span[1])}`);
    assert.deepEqual(atValues(allDiagnostics(plain.index, {})), ['service-target-port-not-found 8081']);
    assert.deepEqual(atValues(allDiagnostics(checked.index, {})), []);
  });

  it("adding a variant replaces the chart's unit (one per chart), keeps its release and namespace, and picks a free name", () => {
    const add = { name: 'shop-fixed', chart: 'shop', values: 'shop/ci/fixed-values.yaml' };
    assert.deepEqual(unitsWithVariant([], add), [{ name: 'shop-fixed', chart: 'shop', values: ['shop/ci/fixed-values.yaml'] }]);
    const units = [
      { name: 'shop-fixed', include: ['apps'] },
      { name: 'shop-prod', chart: './shop/', values: ['shop/values-prod.yaml'], release: 'shop', namespace: 'prod' },
    ];
    assert.deepEqual(unitsWithVariant(units, add), [
      units[0],
      { name: 'shop-fixed-2', chart: 'shop', values: ['shop/ci/fixed-values.yaml'], release: 'shop', namespace: 'prod' },
    ]);
    assert.equal(unitsWithVariant([{ name: 'x', chart: 'shop', values: ['./shop/ci/fixed-values.yaml'] }], add), undefined);
    // The chart's unit written elsewhere (.podpath.yaml when the setting is written): what the lens passes is kept.
    assert.deepEqual(unitsWithVariant([units[0]], { ...add, keep: { release: 'shop', namespace: 'prod' } }), [
      units[0],
      { name: 'shop-fixed-2', chart: 'shop', values: ['shop/ci/fixed-values.yaml'], release: 'shop', namespace: 'prod' },
    ]);
  });
});

describe('a variant written into .podpath.yaml (the server, for editors without VS Code settings)', () => {
  const add = (dir: string) => ({
    chart: join(dir, 'shop'),
    values: join(dir, 'shop', 'ci', 'fixed-values.yaml'),
    name: 'shop-fixed',
  });

  it("a new file when the folder has none; the entry replaces the chart's, comments kept; a valid config", () => {
    const dir = workspace('');
    unlinkSync(join(dir, '.podpath.yaml'));
    assert.deepEqual(configWithVariant(dir, add(dir)), {
      path: join(dir, '.podpath.yaml'),
      exists: false,
      old: '',
      text: 'units:\n  - name: shop-fixed\n    chart: shop\n    values:\n      - shop/ci/fixed-values.yaml\n',
    });
    const withProd = workspace(`# how shop is installed\n${prod}`);
    const r = configWithVariant(withProd, add(withProd));
    assert.ok('text' in r);
    writeFileSync(join(withProd, '.podpath.yaml'), r.text);
    assert.match(r.text, /^# how shop is installed\n/);
    assert.deepEqual(
      loadConfig(join(withProd, '.podpath.yaml')).chartUnits?.map((u) => [u.name, u.values, u.release, u.namespace]),
      [['shop-fixed', [join(withProd, 'shop', 'ci', 'fixed-values.yaml')], 'shop', 'prod']],
    );
    assert.deepEqual(configWithVariant(withProd, add(withProd)), {
      already: `shop/ci/fixed-values.yaml is checked already (${join(withProd, '.podpath.yaml')})`,
    });
  });

  it('a config it cannot edit is said, not rewritten', () => {
    for (const [text, message] of [
      ['units: [\n', /not valid YAML/],
      ['- a\n', /expected a map of settings/],
      ['units: x\n', /units must be a list/],
    ] as const) {
      const dir = workspace(text);
      const r = configWithVariant(dir, add(dir));
      assert.ok('error' in r && message.test(r.error), JSON.stringify(r));
    }
  });
});
