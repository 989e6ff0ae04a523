/**
 * Reading a workspace from disk into an index: the CLI's way in (the server has its own,
 * editor-aware loader on top of the same walker). All PATHs form one workspace.
 */
import { promises as fs } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIndex } from '../core/api';
import type { IndexOptions, WorkspaceIndex } from '../core/index/workspaceIndex';
import type { FileFacts } from '../core/model/resource';
import { defaultParseOptions } from '../core/parse/parseFile';
import { readChartsFromDisk } from './chartFiles';
import { chartSettings } from './chartUnits';
import type { PodpathConfig } from './config';
import { NotRead, readYamlFile } from './readYaml';
import { errorText, walkYaml } from './walk';

/** A file read for the index: absolute path, text, and what the reader knew about its bytes. */
export type ReadFile = readonly [path: string, text: string, facts?: FileFacts];

export class UsageError extends Error {}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  files: number;
  /** Files that could not be read: reported, not fatal. */
  problems: { path: string; message: string }[];
}

/** Read every YAML file under the paths (files or folders) into a checked index. */
export async function loadWorkspace(paths: string[], config: PodpathConfig, cwd = process.cwd()): Promise<LoadedWorkspace> {
  const { texts, problems } = await readWorkspace(paths, config, cwd);
  return { index: indexWorkspace(texts, config, cwd), files: texts.length, problems };
}

/** The texts of every YAML file under the paths, kustomizations first (see indexWorkspace). */
export async function readWorkspace(
  paths: string[],
  config: PodpathConfig,
  cwd = process.cwd(),
): Promise<{ texts: ReadFile[]; problems: LoadedWorkspace['problems'] }> {
  cwd = resolve(cwd);
  const files = new Set<string>();
  const problems: LoadedWorkspace['problems'] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let st: import('node:fs').Stats;
    try {
      st = await fs.stat(abs);
    } catch (e) {
      throw new UsageError(`${p}: ${errorText(e)}`);
    }
    if (st.isDirectory()) {
      const walked = await walkYaml(abs, { exclude: config.exclude });
      for (const f of walked.files) files.add(f);
      problems.push(...walked.problems.map((x) => ({ path: rel(cwd, x.path), message: x.message })));
    } else if (st.isFile()) files.add(abs);
    else throw new UsageError(`${p}: not a file or folder`);
  }
  // Kustomizations first, so that their folders' files resolve namespaces in one pass.
  const ordered = [...files].sort((a, b) => Number(isKustomization(b)) - Number(isKustomization(a)) || (a < b ? -1 : 1));
  return { texts: readAll(ordered, config.maxFileSize ?? defaultParseOptions.maxFileSize, problems, cwd), problems };
}

/**
 * Index and check texts already read (absolute path, text), in their order: what
 * `podpath check` does after reading, and what the benchmark times.
 */
export function indexWorkspace(texts: readonly ReadFile[], config: PodpathConfig, cwd = process.cwd()): WorkspaceIndex {
  cwd = resolve(cwd);
  const index = createIndex({
    ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}),
    ...(config.clusterDomain ? { clusterDomain: config.clusterDomain } : {}),
    ...(config.nodePortRange ? { nodePortRange: config.nodePortRange } : {}),
    ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}),
    ...(config.units?.length ? { units: configUnits(config, cwd) } : {}),
  });
  readChartsFromDisk(
    index,
    chartSettings(
      () => config.chartUnits ?? [],
      (abs) => rel(cwd, abs),
    ),
  );
  const folders = new Map<string, string>();
  for (const [abs, text, facts] of texts) index.setFile(fileUri(abs, folders), rel(cwd, abs), text, 0, facts);
  index.check();
  return index;
}

/** The config's units with their paths made relative to `cwd`, as the index names files. */
function configUnits(config: PodpathConfig, cwd: string): NonNullable<IndexOptions['units']> {
  const base = config.path ? dirname(resolve(cwd, config.path)) : cwd;
  return {
    from: config.path ? rel(cwd, resolve(cwd, config.path)) : '.podpath.yaml',
    units: (config.units ?? []).map((u) => ({
      name: u.name,
      include: u.include.map((p) => (resolve(base, p) === cwd ? '' : rel(cwd, resolve(base, p)))),
    })),
  };
}

function isKustomization(p: string): boolean {
  return /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/.test(p);
}

/**
 * How messages name a file: relative to `cwd` (cli-and-protocol.md), with `../` above it,
 * forward slashes; absolute only where no relative path exists (another drive on Windows).
 */
function rel(cwd: string, abs: string): string {
  if (sep === '/' && cwd !== '/' && abs.startsWith(`${cwd}/`)) return abs.slice(cwd.length + 1); // the common case, cheaply
  const r = relative(cwd, abs);
  return (r === '' || /^[a-zA-Z]:/.test(r) ? abs : r).split(sep).join('/');
}

/** `pathToFileURL(abs).href`, with each folder's URL made once: most file names need no escaping. */
function fileUri(abs: string, folders: Map<string, string>): string {
  const at = abs.lastIndexOf(sep);
  const name = abs.slice(at + 1);
  if (!/^[\w.-]+$/.test(name)) return pathToFileURL(abs).href;
  const dir = abs.slice(0, at + 1);
  let base = folders.get(dir);
  if (base === undefined) folders.set(dir, (base = pathToFileURL(dir).href));
  return base + name;
}

/** Read files in the given order; unreadable ones are reported. A file over `maxFileSize` is only stat'ed (see readYamlFile). */
function readAll(paths: string[], maxFileSize: number, problems: LoadedWorkspace['problems'], cwd: string): ReadFile[] {
  const out: ReadFile[] = [];
  for (const p of paths) {
    try {
      const { text, facts } = readYamlFile(p, maxFileSize);
      out.push(facts ? [p, text, facts] : [p, text]);
    } catch (e) {
      problems.push({ path: rel(cwd, p), message: e instanceof NotRead ? e.message : errorText(e) });
    }
  }
  return out;
}
