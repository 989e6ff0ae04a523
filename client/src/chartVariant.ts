/**
 * `podpath.checkChartVariant`, the command of the lenses on a chart's `Chart.yaml`: add a unit
 * that renders the chart with one of its `ci/*-values.yaml` files to the setting
 * `podpath.units` (the server reads the change and renders the chart again). The setting is
 * window-scoped, its paths relative to the first workspace folder, so it is written to the
 * workspace's settings: in a window of one folder, that folder's `.vscode/settings.json`.
 */
import { relative, sep } from 'node:path';
import { ConfigurationTarget, Uri, window, workspace } from 'vscode';
import { unitsWithVariant, type ChartVariantArgs } from '../../server/src/protocol';

function isArgs(v: unknown): v is ChartVariantArgs {
  const a = v as ChartVariantArgs;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof a.chart === 'string' &&
    typeof a.values === 'string' &&
    typeof a.name === 'string' &&
    (a.keep === undefined || (typeof a.keep === 'object' && a.keep !== null))
  );
}

export async function checkChartVariant(arg: unknown): Promise<void> {
  if (!isArgs(arg)) throw new Error('checkChartVariant: expected { chart, values, name } (run it from the lens on a Chart.yaml)');
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the setting podpath.units needs a workspace folder (its paths are relative to the first one)');
  const rel = (uri: string): string => relative(folder.uri.fsPath, Uri.parse(uri).fsPath).split(sep).join('/') || '.';
  const config = workspace.getConfiguration('podpath', folder.uri);
  const units = config.get<unknown>('units');
  const add = { name: arg.name, chart: rel(arg.chart), values: rel(arg.values), keep: arg.keep };
  const next = unitsWithVariant(Array.isArray(units) ? units : [], add);
  if (!next) {
    void window.showInformationMessage(`podpath: ${rel(arg.values)} is checked already (setting podpath.units).`);
    return;
  }
  await config.update('units', next, ConfigurationTarget.Workspace);
}
