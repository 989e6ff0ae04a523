/**
 * `.podpath.yaml`: the CLI's configuration file (rules.md "Suppression and configuration"),
 * discovered from a folder upward. Bad config is an error with one clear line.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ruleOverride, ruleSettingChoices, type RuleSettings } from '../core/features/diagnostics';
import { ruleIds } from '../core/rules';
import { defaultUnitName, type UnitSpec } from '../core/units/discover';
import { NotRead, readYamlFile, type FileText } from './readYaml';
import { errorText } from './walk';
import { isInside } from './paths';
import { ExcludeGlobs, GlobError } from './globs';
import { chartUnitKeys, parseChartUnit, type ChartUnitConfig } from './chartUnits';

export interface PodpathConfig {
  rules: RuleSettings;
  defaultNamespace?: string;
  nodePortRange?: [number, number];
  clusterDomain?: string;
  exclude: string[];
  maxFileSize?: number;
  /** `units:` entries with `chart:` — how charts of the workspace are installed (chartUnits.ts). */
  chartUnits?: ChartUnitConfig[];
  /** Apply units (`name` + `include`: kustomization folders, folders, files, globs; relative to the config file). */
  units?: UnitSpec[];
  /** Where it was read from, if anywhere. */
  path?: string;
}

export class ConfigError extends Error {}

/** What `findConfig` found: the file, or one it would not read and why. */
export interface FoundConfig {
  path?: string;
  /** A config file seen but not read (a symbolic link out of the workspace), with the reason. */
  refused?: { path: string; reason: string };
}

/**
 * Find `.podpath.yaml` (or `.podpath.yml`) in `from` or a folder above it, up to the
 * repository root (the nearest folder holding `.git`); outside a repository, in `from` only.
 * A config that is a symbolic link to a file outside that boundary is not read.
 */
export function findConfig(from: string): FoundConfig {
  const start = resolve(from);
  let top = start;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) {
      top = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  for (let dir = start; ; dir = dirname(dir)) {
    for (const name of ['.podpath.yaml', '.podpath.yml']) {
      const p = join(dir, name);
      if (!existsSync(p) && !isLink(p)) continue;
      if (!insideReal(p, top))
        return { refused: { path: p, reason: 'a symbolic link to outside the workspace; not read (give it with --config to use it)' } };
      return { path: p };
    }
    if (dir === top || dirname(dir) === dir) return {};
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether `p`, links resolved, is inside `top` (links resolved); a broken link is not. */
function insideReal(p: string, top: string): boolean {
  try {
    return isInside(realpathSync(p), realpathSync(top));
  } catch {
    return !isLink(p);
  }
}

/** Parse a node-port range written `30000-32767`. */
export function parseRange(v: unknown, where: string): [number, number] {
  const m = typeof v === 'string' ? /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(v) : null;
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!m || lo < 1 || hi > 65535 || lo > hi) throw new ConfigError(`${where}: nodePortRange must look like 30000-32767`);
  return [lo, hi];
}

/** A config file larger than this is not one a person wrote (and is not read). */
const maxConfigSize = 1024 * 1024;

/** Read and validate a config file. */
export function loadConfig(path: string): PodpathConfig {
  let file: FileText;
  try {
    file = readYamlFile(path, maxConfigSize);
  } catch (e) {
    throw new ConfigError(
      `${path}: ${e instanceof NotRead ? e.message : (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'a folder, not a file' : `cannot read it: ${errorText(e)}`}`,
    );
  }
  if (file.facts?.unreadSize !== undefined) throw new ConfigError(`${path}: over 1 MB, so not a podpath config file`);
  let raw: unknown;
  try {
    raw = parse(file.text, { prettyErrors: false, maxAliasCount: 100 });
  } catch (e) {
    // A syntax error, an alias bomb (maxAliasCount), nesting that exhausts the stack.
    throw new ConfigError(`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateConfig(raw ?? {}, path);
}

export function validateConfig(raw: unknown, path: string): PodpathConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: expected a map of settings`);
  const o = raw as Record<string, unknown>;
  const known = new Set(['rules', 'defaultNamespace', 'nodePortRange', 'clusterDomain', 'exclude', 'maxFileSize', 'units']);
  for (const k of Object.keys(o))
    if (!known.has(k)) throw new ConfigError(`${path}: unknown setting "${k}" (known: ${[...known].join(', ')})`);
  const cfg: PodpathConfig = { rules: {}, exclude: [], path };
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules))
      throw new ConfigError(`${path}: rules must be a map of rule id to ${ruleSettingChoices.join('|')}`);
    const rules: Record<string, RuleSettings[string]> = {};
    for (const [id, sev] of Object.entries(o.rules)) {
      if (!ruleIds.includes(id)) throw new ConfigError(`${path}: unknown rule "${id}"`);
      // YAML reads a bare `off` as the string "off" (1.2 core schema), so no boolean case here.
      const v = ruleOverride(sev);
      if (v === 'invalid' || sev === null || sev === '')
        throw new ConfigError(`${path}: rules.${id} must be one of ${ruleSettingChoices.join(', ')}`);
      if (v) rules[id] = v;
    }
    cfg.rules = rules;
  }
  if (o.defaultNamespace !== undefined) {
    if (typeof o.defaultNamespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(o.defaultNamespace))
      throw new ConfigError(`${path}: defaultNamespace must be a namespace name`);
    cfg.defaultNamespace = o.defaultNamespace;
  }
  if (o.clusterDomain !== undefined) {
    if (typeof o.clusterDomain !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(o.clusterDomain))
      throw new ConfigError(`${path}: clusterDomain must be a domain name`);
    cfg.clusterDomain = o.clusterDomain;
  }
  if (o.nodePortRange !== undefined) cfg.nodePortRange = parseRange(o.nodePortRange, path);
  if (o.exclude !== undefined) {
    if (!Array.isArray(o.exclude) || !o.exclude.every((g) => typeof g === 'string'))
      throw new ConfigError(`${path}: exclude must be a list of globs`);
    cfg.exclude = o.exclude as string[];
    try {
      new ExcludeGlobs(cfg.exclude);
    } catch (e) {
      if (e instanceof GlobError) throw new ConfigError(`${path}: ${e.message}`);
      throw e;
    }
  }
  if (o.maxFileSize !== undefined) {
    if (typeof o.maxFileSize !== 'number' || o.maxFileSize <= 0)
      throw new ConfigError(`${path}: maxFileSize must be a positive number of bytes`);
    cfg.maxFileSize = o.maxFileSize;
  }
  if (o.units !== undefined) {
    const units = parseUnits(o.units, dirname(resolve(path)));
    if (typeof units === 'string') throw new ConfigError(`${path}: ${units}`);
    if (units.units.length > 0) cfg.units = units.units;
    if (units.charts.length > 0) cfg.chartUnits = units.charts;
  }
  return cfg;
}

/** What `units:` (or the `podpath.units` setting) says: apply units, and how charts are installed. */
export interface UnitEntries {
  /** `{ name, include }` entries: when any, they replace discovery. */
  units: UnitSpec[];
  /** `{ name, chart, values, release, namespace, set, kubeVersion }` entries (chartUnits.ts). */
  charts: ChartUnitConfig[];
}

/**
 * `units:` of `.podpath.yaml` and the `podpath.units` setting, one parser for both: a list of
 * `{ name, include: [paths or globs] }` (apply units) and `{ name, chart, values, … }` (how a
 * chart is installed; its paths resolve from `base`, the config file's folder or the first
 * workspace folder, and must exist). A string says what is wrong, naming the entry.
 */
export function parseUnits(v: unknown, base: string | undefined): UnitEntries | string {
  const shape =
    'units must be a list of { name, include: [folders, files or globs] } or { name, chart, values: [files], release, namespace }';
  if (!Array.isArray(v)) return shape;
  const out: UnitEntries = { units: [], charts: [] };
  const names = new Set<string>();
  for (const [i, u] of v.entries()) {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return shape;
    const o = u as Record<string, unknown>;
    const name = o.name;
    if (typeof name !== 'string' || name.trim() === '') return `units[${i}]: name must be a non-empty string`;
    if (name === defaultUnitName) return `units[${i}]: "${defaultUnitName}" is the name of the unit of the files in no other unit`;
    if (names.has(name)) return `units[${i}]: the name "${name}" is used twice`;
    names.add(name);
    if ('chart' in o) {
      if (base === undefined) return `units[${i}] (${name}): a chart entry needs a workspace folder (its paths are relative to it)`;
      const c = parseChartUnit(o, i, base, out.charts);
      if (typeof c === 'string') return c;
      out.charts.push(c);
      continue;
    }
    const { include, ...rest } = o;
    const extra = Object.keys(rest).find((k) => k !== 'name');
    if (extra !== undefined) return `units[${i}]: unknown key "${extra}" (known: name, include; or ${chartUnitKeys.join(', ')})`;
    if (!Array.isArray(include) || include.length === 0 || !include.every((p) => typeof p === 'string' && p !== ''))
      return `units[${i}] (${name}): include must be a non-empty list of folders, files or globs`;
    out.units.push({ name, include: include as string[] });
  }
  return out;
}
