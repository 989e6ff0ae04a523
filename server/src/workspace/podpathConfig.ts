/**
 * `.podpath.yaml` in the language server: the file the CLI reads for a folder (found in the
 * folder or above it) applies to that folder in the editor too, so the same workspace gives
 * the same findings both ways. Editor settings win where they say something: a rule set in
 * `podpath.rules.*`, a value other than the default, a chart entry of `podpath.units` for
 * its chart; exclude globs add up.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { ConfigError, findConfig, loadConfig, type PodpathConfig } from '../node/config';
import type { ChartSettings } from '../core/index/charts';
import { chartSettings } from '../node/chartUnits';
import { displayPath, type Folder } from './folders';
import { defaultSettings, type Settings } from './settings';

/** The `.podpath.yaml` that applies to a folder, if any; a bad one is reported and ignored. */
export function folderConfig(fsPath: string, warn: (m: string) => void): PodpathConfig | undefined {
  const found = findConfig(fsPath);
  if (found.refused) warn(`ignored ${found.refused.path}: ${found.refused.reason}`);
  const path = found.path;
  if (!path) return undefined;
  try {
    return loadConfig(path);
  } catch (e) {
    warn(e instanceof ConfigError ? `ignored ${e.message}` : `ignored ${path}: ${String(e)}`);
    return undefined;
  }
}

/**
 * Settings with a `.podpath.yaml` under them; `folder` is the workspace folder's path (the
 * config's apply units name paths relative to the config, the index relative to the folder).
 */
export function withConfig(s: Settings, c: PodpathConfig | undefined, folder?: string): Settings {
  if (!c) return s;
  const pick = <T>(mine: T, fallback: T, theirs: T | undefined, same = (a: T, b: T): boolean => a === b): T =>
    theirs !== undefined && same(mine, fallback) ? theirs : mine;
  return {
    ...s,
    rules: { ...c.rules, ...s.rules },
    exclude: [...c.exclude, ...s.exclude],
    defaultNamespace: pick(s.defaultNamespace, defaultSettings.defaultNamespace, c.defaultNamespace),
    clusterDomain: pick(s.clusterDomain, defaultSettings.clusterDomain, c.clusterDomain),
    maxFileSize: pick(s.maxFileSize, defaultSettings.maxFileSize, c.maxFileSize),
    nodePortRange: pick(s.nodePortRange, defaultSettings.nodePortRange, c.nodePortRange, (a, b) => a[0] === b[0] && a[1] === b[1]),
    // Apply units of the setting replace the config's (as they replace discovery); else the config's, as the CLI reads them.
    ...(s.units.length || !c.units?.length || folder === undefined
      ? {}
      : { units: rebased(c, folder), unitsFrom: c.path ? relative(folder, c.path).split(sep).join('/') : '.podpath.yaml' }),
    // A chart entry of the setting wins over the config's entry for the same chart.
    chartUnits: [...s.chartUnits, ...(c.chartUnits ?? []).filter((u) => !s.chartUnits.some((x) => x.chart === u.chart))],
  };
}

function rebased(c: PodpathConfig, folder: string): Settings['units'] {
  const base = c.path ? dirname(resolve(folder, c.path)) : folder;
  return (c.units ?? []).map((u) => ({
    name: u.name,
    include: u.include.map((p) => relative(folder, resolve(base, p)).split(sep).join('/')),
  }));
}

/** The chart units of every folder's `.podpath.yaml`, for the index's charts (index/charts.ts); read when a chart renders. */
export function folderChartSettings(folders: () => readonly Folder[]): ChartSettings {
  return chartSettings(
    () => folders().flatMap((f) => f.settings.chartUnits),
    (abs) => displayPath(folders(), abs),
  );
}
