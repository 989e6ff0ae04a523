/**
 * The server's settings (package.json `contributes.configuration`), read per workspace
 * folder through `workspace/configuration` and parsed leniently: a bad value falls back
 * to its default with a warning, never an error.
 */
import { globProblem, shortPattern } from '../node/globs';
import { ruleOverride, ruleSettingChoices, type RuleSetting, type RuleSettings } from '../core/features/diagnostics';
import { ruleIds } from '../core/rules';
import { parseRange, parseUnits } from '../node/config';
import type { ChartUnitConfig } from '../node/chartUnits';
import type { UnitSpec } from '../core/units/discover';
import type { IndexOptions } from '../core/index/workspaceIndex';

export interface Settings {
  rules: RuleSettings;
  defaultNamespace: string;
  nodePortRange: [number, number];
  clusterDomain: string;
  /** `podpath.exclude` globs plus the `files.exclude` globs set to true. */
  exclude: string[];
  /** Bytes. */
  maxFileSize: number;
  codeLens: { enable: boolean };
  inlayHints: { enable: boolean };
  /** Chart units (values files, release, namespace of a chart): `podpath.units` entries with `chart:`, then `.podpath.yaml`'s. */
  chartUnits: readonly ChartUnitConfig[];
  /** Configured apply units (replace discovery when any). */
  units: UnitSpec[];
  /** Where `units` come from, for `podpath units` and the log (the setting unless a `.podpath.yaml` gave them). */
  unitsFrom?: string;
}

/** The `podpath.*` settings other than the rules (the manifest test keeps package.json in step). */
export const generalSettingKeys = [
  'podpath.defaultNamespace',
  'podpath.nodePortRange',
  'podpath.clusterDomain',
  'podpath.exclude',
  'podpath.maxFileSize',
  'podpath.units',
  'podpath.codeLens.enable',
  'podpath.inlayHints.enable',
  'podpath.trace.server',
] as const;

/**
 * One setting per rule, `podpath.rules.<id>`: VS Code nests dotted keys, so the `podpath`
 * section arrives as `{ rules: { <id>: … } }`, the same shape other LSP clients send.
 */
export const ruleSettingKeys: readonly string[] = ruleIds.map((id) => `podpath.rules.${id}`);

/** Every `podpath.*` setting the extension declares. */
export const settingKeys: readonly string[] = [...generalSettingKeys, ...ruleSettingKeys];

/** The choices of a rule setting; `default` (the declared default) keeps the rule's own severity. */
export const ruleSettingValues = ruleSettingChoices;

export const defaultSettings: Settings = {
  rules: {},
  defaultNamespace: 'default',
  nodePortRange: [30000, 32767],
  clusterDomain: 'cluster.local',
  exclude: [],
  maxFileSize: 5 * 1024 * 1024,
  codeLens: { enable: true },
  inlayHints: { enable: true },
  chartUnits: [],
  units: [],
};

type Raw = Record<string, unknown>;

function obj(v: unknown): Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {};
}

/**
 * Settings from the `podpath` section and the `files.exclude` map; problems go to `warn`.
 * `base` is the folder the paths of `podpath.units` are relative to (the first workspace folder).
 */
export function parseSettings(podpath: unknown, filesExclude: unknown, warn: (m: string) => void = () => {}, base?: string): Settings {
  const raw = obj(podpath);
  const s: Settings = {
    ...defaultSettings,
    rules: {},
    exclude: [],
    units: [],
    codeLens: { ...defaultSettings.codeLens },
    inlayHints: { ...defaultSettings.inlayHints },
  };
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(obj(raw.rules))) {
    const o = ruleOverride(v);
    if (!ruleIds.includes(id)) warn(`podpath.rules: unknown rule "${id}"`);
    else if (o === 'invalid') warn(`podpath.rules.${id}: expected one of ${ruleSettingValues.join(', ')}`);
    else if (o) rules[id] = o;
  }
  s.rules = rules;
  if (typeof raw.defaultNamespace === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw.defaultNamespace))
    s.defaultNamespace = raw.defaultNamespace;
  else if (raw.defaultNamespace !== undefined) warn('podpath.defaultNamespace: expected a namespace name');
  if (typeof raw.clusterDomain === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(raw.clusterDomain))
    s.clusterDomain = raw.clusterDomain;
  else if (raw.clusterDomain !== undefined) warn('podpath.clusterDomain: expected a domain name');
  if (raw.nodePortRange !== undefined) {
    try {
      s.nodePortRange = parseRange(raw.nodePortRange, 'podpath.nodePortRange');
    } catch (e) {
      warn((e as Error).message);
    }
  }
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0) s.maxFileSize = raw.maxFileSize;
  else if (raw.maxFileSize !== undefined) warn('podpath.maxFileSize: expected a positive number of bytes');
  if (Array.isArray(raw.exclude)) s.exclude.push(...raw.exclude.filter((g): g is string => typeof g === 'string' && g !== ''));
  for (const [glob, on] of Object.entries(obj(filesExclude))) if (on === true) s.exclude.push(glob.replace(/^\.\//, ''));
  // A glob that cannot be matched in time linear in the path (too long, too many braces) is left out, with a warning.
  s.exclude = s.exclude.filter((g) => {
    const problem = globProblem(g);
    if (problem) warn(`podpath.exclude / files.exclude: glob ${shortPattern(g)}: ${problem}; ignored`);
    return !problem;
  });
  if (typeof obj(raw.codeLens).enable === 'boolean') s.codeLens.enable = obj(raw.codeLens).enable as boolean;
  if (typeof obj(raw.inlayHints).enable === 'boolean') s.inlayHints.enable = obj(raw.inlayHints).enable as boolean;
  if (raw.units !== undefined) {
    // The same entries as `.podpath.yaml` `units:` (one parser): apply units, and chart entries.
    const units = parseUnits(raw.units, base);
    if (typeof units === 'string') warn(`podpath.${units}`);
    else {
      s.units = units.units;
      s.chartUnits = units.charts;
    }
  }
  return s;
}

/** Whether two settings differ in what decides which files are indexed. */
export function excludeChanged(a: Settings, b: Settings): boolean {
  return a.exclude.join('\n') !== b.exclude.join('\n');
}

/** One item of a `workspace/configuration` request. */
export interface ConfigItem {
  scopeUri: string | undefined;
  section: string;
}

/**
 * The settings the client gives for each folder and for the window: pulled with
 * `workspace/configuration` when it can (`pull`), else the last ones it pushed.
 */
export async function clientSettings(
  pull: ((items: ConfigItem[]) => Promise<unknown[]>) | undefined,
  folderUris: string[],
  pushed: unknown,
  warn: (m: string) => void,
  error: (m: string) => void,
  base?: string,
): Promise<{ folders: Settings[]; global: Settings }> {
  if (!pull) {
    const raw = (pushed ?? {}) as { podpath?: unknown; files?: { exclude?: unknown } };
    const s = parseSettings(raw.podpath ?? raw, raw.files?.exclude, warn, base);
    return { folders: folderUris.map(() => s), global: s };
  }
  const scopes: (string | undefined)[] = [...folderUris, undefined];
  const items = scopes.flatMap((scopeUri) => [
    { scopeUri, section: 'podpath' },
    { scopeUri, section: 'files.exclude' },
  ]);
  let res: unknown[] = [];
  try {
    res = await pull(items);
  } catch (e) {
    error(`workspace/configuration failed: ${String(e)}`);
  }
  const all = scopes.map((_, i) => parseSettings(res[2 * i], res[2 * i + 1], warn, base));
  return { folders: all.slice(0, folderUris.length), global: all[all.length - 1]! };
}

/** What the index takes from a folder's settings. */
export function indexOptions(s: Settings): Partial<IndexOptions> {
  return {
    defaultNamespace: s.defaultNamespace,
    clusterDomain: s.clusterDomain,
    maxFileSize: s.maxFileSize,
    nodePortRange: s.nodePortRange,
    units: s.units.length ? { from: s.unitsFrom ?? 'setting podpath.units', units: s.units } : undefined,
  };
}
