/**
 * Chart units through the editor (test/fixtures/ws-helm): a `podpath.units` entry with `chart:`
 * (the workspace/configuration answer) renders the chart with more values files, release and
 * namespace, and the findings follow the setting live; the chart's `Chart.yaml` carries one code
 * lens per `ci/*-values.yaml`, and its command (run by the server for editors other than VS
 * Code) adds the unit to `.podpath.yaml`.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { checkChartVariantCommand, unitsWithVariant, type ChartVariantArgs } from '../../server/src/protocol';
import { copyFixture, removeDir, TestClient, uriOf } from './client';

const targetPort = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => x.code === 'service-target-port-not-found');
const lines = (d: Diagnostic[]): number[] => targetPort(d).map((x) => x.range.start.line + 1);
const shown = (lenses: CodeLens[]): [number, string, string | undefined][] =>
  lenses.map((l) => [l.range.start.line + 1, l.command!.title, l.command!.command || undefined]);

describe('Helm chart units from the editor settings, and ci/ variants', () => {
  let dir = '';
  let folder = '';
  let c: TestClient;
  let values = '';
  let prodValues = '';
  let chartYaml = '';

  before(async () => {
    dir = copyFixture('ws-helm');
    folder = join(dir, 'workspace');
    values = uriOf(join(folder, 'shop', 'values.yaml'));
    prodValues = uriOf(join(folder, 'shop', 'values-prod.yaml'));
    chartYaml = uriOf(join(folder, 'shop', 'Chart.yaml'));
    c = await TestClient.start({ folders: [folder], debounceMs: 20 });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('a chart entry of podpath.units renders the chart with its values files: the finding moves to values-prod.yaml, and back', async () => {
    assert.deepEqual(lines(await c.pushed(values, (d) => targetPort(d).length > 0)), [11]);
    const prod = { name: 'shop-prod', chart: 'shop', values: ['shop/values-prod.yaml'], release: 'shop', namespace: 'prod' };
    await c.setSettings({ units: [prod] });
    const atProd = targetPort(await c.pushed(prodValues, (d) => targetPort(d).length > 0));
    assert.deepEqual(
      atProd.map((d) => d.range.start.line + 1),
      [3],
    );
    assert.match(atProd[0]!.message as string, /targetPort 7000/);
    assert.match(atProd[0]!.message as string, /shop-shop/, 'the release name of the setting names the Service');
    await c.pushed(values, (d) => targetPort(d).length === 0);
    await c.setSettings({});
    assert.deepEqual(lines(await c.pushed(values, (d) => targetPort(d).length > 0)), [11]);
    await c.pushed(prodValues, (d) => targetPort(d).length === 0);
  });

  it('a bad chart entry is logged with the message .podpath.yaml gives, and changes nothing', async () => {
    await c.setSettings({ units: [{ name: 'x', chart: 'nowhere' }] });
    await c.until(() => c.logs.some((l) => l.message.includes('podpath.units[0] (x): nowhere is not a chart folder (no Chart.yaml)')));
    assert.deepEqual(lines(c.published.get(values)!.diagnostics), [11]);
    await c.setSettings({});
  });

  it('Chart.yaml has a lens per ci/*-values.yaml; the unit its command adds to the setting checks the variant', async () => {
    const lenses = await c.codeLens(chartYaml);
    assert.deepEqual(shown(lenses), [[2, 'Check with ci/fixed-values.yaml', checkChartVariantCommand]]);
    const args = lenses[0]!.command!.arguments![0] as ChartVariantArgs;
    assert.deepEqual(args, {
      chart: uriOf(join(folder, 'shop')),
      values: uriOf(join(folder, 'shop', 'ci', 'fixed-values.yaml')),
      name: 'shop-fixed',
    });
    // With a unit for the chart, the lens says it takes its place, and passes what it keeps.
    const prod = { name: 'shop-prod', chart: 'shop', values: ['shop/values-prod.yaml'], release: 'shop', namespace: 'prod' };
    await c.setSettings({ units: [prod] });
    await c.pushed(prodValues, (d) => targetPort(d).length > 0);
    const instead = await c.codeLens(chartYaml);
    assert.deepEqual(shown(instead), [[2, 'Check with ci/fixed-values.yaml (in place of unit shop-prod)', checkChartVariantCommand]]);
    const keep = (instead[0]!.command!.arguments![0] as ChartVariantArgs).keep;
    assert.deepEqual(keep, { release: 'shop', namespace: 'prod' });
    // What VS Code's extension does with them (client/src/chartVariant.ts): paths relative to the folder.
    const units = unitsWithVariant([prod], { name: args.name, chart: 'shop', values: 'shop/ci/fixed-values.yaml', keep })!;
    assert.deepEqual(units, [
      { name: 'shop-fixed', chart: 'shop', values: ['shop/ci/fixed-values.yaml'], release: 'shop', namespace: 'prod' },
    ]);
    await c.setSettings({ units });
    await c.pushed(prodValues, (d) => targetPort(d).length === 0);
    await c.pushed(values, (d) => targetPort(d).length === 0);
    assert.deepEqual(shown(await c.codeLens(chartYaml)), [[2, 'Checked with ci/fixed-values.yaml (unit shop-fixed)', undefined]]);
    await c.setSettings({});
    await c.pushed(values, (d) => targetPort(d).length > 0);
  });

  it('other editors: the server runs the lens command and adds the unit to .podpath.yaml, comments kept', async () => {
    assert.deepEqual(c.initResult?.capabilities.executeCommandProvider?.commands?.includes(checkChartVariantCommand), true);
    const config = join(folder, '.podpath.yaml');
    writeFileSync(config, '# podpath for the shop\nrules: {}\n');
    const edits: WorkspaceEdit[] = [];
    c.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      edits.push(p.edit);
      const [edit] = p.edit.changes![uriOf(config)]!;
      writeFileSync(config, edit!.newText);
      return { applied: true };
    });
    const [lens] = await c.codeLens(chartYaml);
    const result = await c.request<{ applied: boolean }>('workspace/executeCommand', {
      command: checkChartVariantCommand,
      arguments: lens!.command!.arguments,
    });
    assert.equal(result.applied, true);
    assert.equal(
      readFileSync(config, 'utf8'),
      '# podpath for the shop\nrules: {}\nunits:\n  - name: shop-fixed\n    chart: shop\n    values:\n      - shop/ci/fixed-values.yaml\n',
    );
    await c.watched([{ uri: uriOf(config), type: 2 }]);
    await c.pushed(values, (d) => targetPort(d).length === 0);
    assert.deepEqual(shown(await c.codeLens(chartYaml)), [[2, 'Checked with ci/fixed-values.yaml (unit shop-fixed)', undefined]]);
    // Run again, it adds nothing and says so.
    const again = await c.request<{ applied: boolean }>('workspace/executeCommand', {
      command: checkChartVariantCommand,
      arguments: lens!.command!.arguments,
    });
    assert.equal(again.applied, false);
    assert.equal(edits.length, 1);
    assert.ok(c.messages.some((m) => /shop\/ci\/fixed-values\.yaml is checked already/.test(m.message)));
  });
});
