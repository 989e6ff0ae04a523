/**
 * The workspace index: every file parsed once per version, the lookup tables, and the
 * checker. Incremental: `setFile`/`removeFile` update only that file's table entries and
 * mark for re-check only the resources whose dependencies those entries touch.
 */
import type { Finding } from '../model/finding';
import type { FileFacts, Resource, SourceFile } from '../model/resource';
import {
  defaultParseOptions,
  isKustomizationPath,
  keyTable,
  parseFile,
  type FolderContext,
  type ParseContext,
  type ParseOptions,
} from '../parse/parseFile';
import type { Rule } from '../rules/rule';
import { ChartSources } from './charts';
import { Checker } from './checker';
import { decodedUri, folderContext, patchTargets, readKustomization, type Kustomization } from './kustomize';
import { Lookup, type LookupOptions } from './lookup';
import { depKey, entriesOf, newTables, type Entry, type Tables } from './tables';

export interface IndexOptions extends ParseOptions, LookupOptions {}

export const defaultIndexOptions: IndexOptions = { ...defaultParseOptions, nodePortRange: [30000, 32767] };

function keysOf(entries: readonly Entry[] | undefined): string {
  return (entries ?? []).map((e) => depKey(e.table, e.key)).join('\n');
}

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function sameFileFacts(a: FileFacts | undefined, b: FileFacts | undefined): boolean {
  return a?.unreadSize === b?.unreadSize && !a?.invalidUtf8 === !b?.invalidUtf8;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  private readonly kustomizations = new Map<string, Map<string, Kustomization>>();
  /** Decoded URI of each file some kustomization lists as a patch → those kustomizations' URIs. */
  private readonly patches = new Map<string, Set<string>>();
  private readonly entries = new Map<number, Entry[]>();
  private tables: Tables = newTables();
  private nextId = 1;
  private readonly parsing: ParseContext = { nextId: () => this.nextId++, key: keyTable() };
  private opts: IndexOptions;
  readonly checker: Checker;
  /** Helm charts: rendered templates join the index as files of their own (charts.ts). */
  readonly charts: ChartSources = new ChartSources({
    getFile: (uri) => this.files.get(uri),
    urisUnder: (prefix) => [...this.files.keys()].filter((u) => u.startsWith(prefix)),
    setRendered: (uri, path, text) => this.setFile(uri, path, text),
    removeFile: (uri) => this.removeFile(uri),
    reparse: (uri) => {
      const f = this.files.get(uri);
      if (f) this.reparse(f);
    },
  });
  /** Bumped on every change; results carry it so stale ones can be dropped. */
  version = 0;
  /** Resources in all files, and files skipped as too large or binary: kept up to date, for status reports. */
  private counts = { resources: 0, skipped: 0 };

  constructor(rules: readonly Rule[], opts: Partial<IndexOptions> = {}, onError?: (e: unknown, r: Resource, rule: string) => void) {
    this.opts = { ...defaultIndexOptions, ...opts };
    this.checker = new Checker(rules, onError);
  }

  get options(): IndexOptions {
    return this.opts;
  }

  /** Change settings; every file is parsed again when parsing depends on what changed. */
  setOptions(opts: Partial<IndexOptions>): void {
    const next = { ...this.opts, ...opts };
    const reparse =
      next.defaultNamespace !== this.opts.defaultNamespace ||
      next.clusterDomain !== this.opts.clusterDomain ||
      next.maxFileSize !== this.opts.maxFileSize;
    this.opts = next;
    if (reparse) for (const f of [...this.files.values()]) this.reparse(f);
    this.checker.invalidateAll();
    this.charts.invalidateAll();
    this.version++;
  }

  /**
   * Add or replace a file. `path` is how messages and the CLI name it; `facts`, what its
   * reader knew about its bytes (see FileFacts).
   */
  setFile(uri: string, path: string, text: string, version = 0, facts?: FileFacts): SourceFile {
    const found = this.files.get(uri);
    const sameFacts = sameFileFacts(found?.facts, facts);
    if (found && found.text === text && found.path === path && sameFacts) {
      found.version = version;
      return found;
    }
    // Resources carry over from the last version only when it was read the same way.
    const old = sameFacts ? found : undefined;
    const patched = isKustomizationPath(path) ? this.setKustomization(uri, readKustomization(text)) : undefined;
    // Unchanged documents keep their resources, or are known to be the same (see parseFile), unless a kustomization changes.
    const moved = new Map<Resource, Resource>();
    const file = parseFile(
      uri,
      path,
      text,
      version,
      this.opts,
      this.contextOf(uri),
      this.parsing,
      isKustomizationPath(path) ? undefined : old,
      moved,
      facts,
    );
    this.replace(found, file, moved);
    if (patched) this.reparseFolder(dirOf(uri), uri, patched);
    this.charts.changed(uri, path, true);
    return file;
  }

  /** Remove a file (deleted, excluded, or closed and gone from disk). */
  removeFile(uri: string): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.replace(old, undefined);
    const dir = dirOf(uri);
    const ks = this.kustomizations.get(dir);
    if (ks?.delete(uri)) {
      if (ks.size === 0) this.kustomizations.delete(dir);
      this.reparseFolder(dir, uri, this.setPatches(uri, []));
    }
    this.charts.changed(uri, old.path, false);
    return true;
  }

  getFile(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  allFiles(): IterableIterator<SourceFile> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  get resourceCount(): number {
    return this.counts.resources;
  }

  /** Files not analysed because they are too large or binary (a `file-skipped` finding each). */
  get skippedCount(): number {
    return this.counts.skipped;
  }

  *resources(): IterableIterator<Resource> {
    for (const f of this.files.values()) yield* f.resources;
  }

  /** A Lookup over the current tables (records nothing). */
  lookup(): Lookup {
    return new Lookup(this.tables, this.opts);
  }

  /** Run the pending checks (until `stop` says so, see `Checker.run`); returns the URIs whose findings changed. */
  check(stop?: () => boolean): Set<string> {
    this.charts.flush();
    return this.charts.takeChanged(this.checker.run(this.lookup(), stop));
  }

  /** Raw findings of a file (before suppressions and severity settings). */
  findings(file: SourceFile): Finding[] {
    const out: Finding[] = [];
    for (const r of file.resources) out.push(...this.checker.findingsOf(r));
    return out;
  }

  /**
   * Swap a file's versions in the tables and tell the checker. `moved` pairs resources of
   * unchanged documents that only moved (new → old): their table keys are the same, so
   * what reads them needs checking again only where its findings point into this file.
   */
  private replace(old: SourceFile | undefined, next: SourceFile | undefined, moved = new Map<Resource, Resource>()): void {
    const touched = new Set<string>();
    const shifted = new Set<string>();
    // Resources carried over from the old version stay in the tables and keep their results.
    const before = new Set(old?.resources);
    const after = new Set(next?.resources);
    const removed = [...before].filter((r) => !after.has(r));
    const added = [...after].filter((r) => !before.has(r));
    // The keys each moved resource had: an unchanged document gives the same keys again.
    const keysBefore = new Map([...moved.values()].map((then) => [then, keysOf(this.entries.get(then.id))]));
    if (old) {
      for (const r of removed) this.withdraw(r, keysBefore.has(r) ? shifted : touched);
      this.files.delete(old.uri);
      this.count(old, -1);
    }
    if (next) {
      this.files.set(next.uri, next);
      this.count(next, 1);
      for (const r of added) {
        const then = moved.get(r);
        this.contribute(r, then ? shifted : touched);
        if (!then) continue;
        // Should they differ all the same, every reader of either set checks again.
        const was = keysBefore.get(then)!;
        const now = keysOf(this.entries.get(r.id));
        if (was !== now) for (const key of `${was}\n${now}`.split('\n')) if (key) touched.add(key);
      }
    }
    for (const key of touched) shifted.delete(key);
    this.checker.change(removed, added, touched, shifted, next?.uri ?? old?.uri);
    this.version++;
  }

  private count(f: SourceFile, sign: 1 | -1): void {
    this.counts.resources += sign * f.resources.length;
    if (f.excluded === 'too-large' || f.excluded === 'binary') this.counts.skipped += sign;
  }

  private contribute(r: Resource, touched: Set<string>): void {
    const es = entriesOf(r);
    this.entries.set(r.id, es);
    for (const e of es) {
      (this.tables[e.table] as { add(k: unknown, v: unknown): void }).add(e.key, e.value);
      touched.add(depKey(e.table, e.key));
    }
  }

  private withdraw(r: Resource, touched: Set<string>): void {
    for (const e of this.entries.get(r.id) ?? []) {
      (this.tables[e.table] as { delete(k: unknown, v: unknown): void }).delete(e.key, e.value);
      touched.add(depKey(e.table, e.key));
    }
    this.entries.delete(r.id);
  }

  /** Record a kustomization; returns the (decoded) URIs whose patch status may have changed. */
  private setKustomization(uri: string, k: Kustomization): Set<string> {
    const dir = dirOf(uri);
    let ks = this.kustomizations.get(dir);
    if (!ks) this.kustomizations.set(dir, (ks = new Map()));
    ks.set(uri, k);
    return this.setPatches(uri, patchTargets(dir, k));
  }

  /** Make `targets` the patches of kustomization `uri`; returns those it had or has now. */
  private setPatches(uri: string, targets: readonly string[]): Set<string> {
    const changed = new Set(targets);
    for (const [target, by] of this.patches) {
      if (!by.delete(uri)) continue;
      changed.add(target);
      if (by.size === 0) this.patches.delete(target);
    }
    for (const t of targets) {
      let by = this.patches.get(t);
      if (!by) this.patches.set(t, (by = new Set()));
      by.add(uri);
    }
    return changed;
  }

  /** What the folder's kustomization says about a file (its namespace, patch or resource). */
  contextOf(uri: string): FolderContext | undefined {
    const chart = this.charts.contextOf(uri);
    if (chart) return chart;
    return folderContext(this.kustomizationFor(uri), baseName(uri), this.patches.size > 0 && this.patches.has(decodedUri(uri)));
  }

  private kustomizationFor(uri: string): Kustomization | undefined {
    const ks = this.kustomizations.get(dirOf(uri));
    return ks ? ks.values().next().value : undefined;
  }

  /** A kustomization changed: its folder's files, and the patches it lists or listed, may change namespace or patch status. */
  private reparseFolder(dir: string, except: string, patched: ReadonlySet<string>): void {
    for (const f of [...this.files.values()]) {
      if (f.uri !== except && (dirOf(f.uri) === dir || (patched.size > 0 && patched.has(decodedUri(f.uri))))) this.reparse(f);
    }
  }

  private reparse(f: SourceFile): void {
    this.replace(
      f,
      parseFile(f.uri, f.path, f.text, f.version, this.opts, this.contextOf(f.uri), this.parsing, undefined, undefined, f.facts),
    );
  }
}
