/**
 * `podpath build CHART`: what `helm template` prints, rendered by podpath's own renderer
 * (no helm binary). Findings go to stderr; a chart that does not render is exit 1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { renderChart } from '../core/sources/helm/render';
import { chartFilesOnDisk, gunzip } from '../node/chartFiles';
import { UsageError } from '../node/loadWorkspace';

export interface ChartBuildArgs {
  chart: string | undefined;
  values: string[];
  set: string[];
  release?: string;
  namespace?: string;
  kubeVersion?: string;
  format: string;
}

export function runChartBuild(a: ChartBuildArgs): { stdout: string; stderr: string; exit: number } {
  if (!a.chart) throw new UsageError('build needs a CHART folder');
  if (!['yaml', 'json'].includes(a.format)) throw new UsageError(`--format ${a.format}: build writes yaml or json`);
  if (!existsSync(a.chart) || !statSync(a.chart).isDirectory() || !existsSync(join(a.chart, 'Chart.yaml')))
    throw new UsageError(`${a.chart}: not a chart folder (no Chart.yaml)`);
  const valuesFiles = a.values.map((f) => {
    if (!existsSync(f)) throw new UsageError(`--values ${f}: no such file`);
    return { name: f, text: readFileSync(f, 'utf8') };
  });
  if (a.kubeVersion !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(a.kubeVersion))
    throw new UsageError(`--kube-version ${a.kubeVersion}: expected MAJOR.MINOR[.PATCH]`);
  const r = renderChart(chartFilesOnDisk(a.chart), {
    releaseName: a.release ?? 'release-name',
    namespace: a.namespace ?? 'default',
    kubeVersion: a.kubeVersion,
    valuesFiles,
    set: a.set,
    gunzip,
  });
  const stderr = r.findings.map((f) => `podpath: ${f.path ? f.path + ': ' : ''}${f.message}\n`).join('');
  const failed = r.findings.some(
    (f) => f.kind === 'render' || f.kind === 'limit' || f.kind === 'values' || f.kind === 'load' || f.kind === 'yaml',
  );
  let stdout = r.manifest.trim() === '' ? '' : r.manifest;
  if (a.format === 'json') {
    const docs = [...r.documents, ...r.hooks].map((d) => ({
      source: d.template,
      object: parseDocument(d.text, { version: '1.1' }).toJS(),
    }));
    stdout = JSON.stringify(docs, null, 2) + '\n';
  }
  return { stdout, stderr, exit: failed ? 1 : 0 };
}
