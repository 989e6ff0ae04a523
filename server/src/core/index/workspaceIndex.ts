/**
 * The workspace index: every file parsed once per version, and per apply unit (units.ts)
 * the lookup tables and the checker. Incremental: `setFile`/`removeFile` update only that
 * file's table entries in the units that hold it and mark for re-check only the resources
 * whose dependencies those entries touch.
 */
import type { Finding } from '../model/finding';
import type { FileFacts, FileProblem, Resource, SourceFile } from '../model/resource';
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
import type { UnitDef, UnitSpec } from '../units/discover';
import { UnitSources } from '../units/sources';
import { decodedUri, readKustomization, type Kustomization } from './kustomize';
import { dirOf, FolderKustomizations } from './folderKustomizations';
import type { Lookup, LookupOptions } from './lookup';
import { depKey, entriesOf, nsName, type Entry } from './tables';
import { UnitStates, type UnitState } from './units';
import { unitFindingsIn, unitProblemsIn, withUnits } from './unitFindings';
import { BuildCache, builderOver, type BuiltUnit } from '../units/built';
import { FolderNames } from './folderNames';

export interface IndexOptions extends ParseOptions, LookupOptions {
  /** Configured units (`.podpath.yaml` `units:`, setting `podpath.units`): when any, they replace discovery. */
  units?: { from: string; units: readonly UnitSpec[] };
}

export const defaultIndexOptions: IndexOptions = { ...defaultParseOptions, nodePortRange: [30000, 32767] };

function keysOf(entries: readonly Entry[] | undefined): string {
  return (entries ?? []).map((e) => depKey(e.table, e.key)).join('\n');
}

function sameFileFacts(a: FileFacts | undefined, b: FileFacts | undefined): boolean {
  return a?.unreadSize === b?.unreadSize && !a?.invalidUtf8 === !b?.invalidUtf8;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  /** The folders' kustomizations, as parsing reads them (namespace, patches). */
  private readonly folders = new FolderKustomizations();
  private readonly entries = new Map<number, Entry[]>();
  /** What discovery reads: kustomizations and GitOps objects, by workspace path. */
  private readonly sources = new UnitSources();
  private readonly units: UnitStates;
  /** Files by workspace path and the folders that hold them: what a kustomize build reads. */
  private readonly byPath = new FolderNames<SourceFile>();
  /** Parsed files shared by the builds (see sources/kustomize/types.ts). */
  private readonly buildCache = new BuildCache();
  /** Built units whose build read a file that changed: evaluated again before the next check. */
  private readonly dirtyBuilds = new Set<string>();
  /** Units were built once: until then files only go into the index, and the first check builds every unit. */
  private settled = false;
  private nextId = 1;
  private readonly parsing: ParseContext = { nextId: () => this.nextId++, key: keyTable() };
  private opts: IndexOptions;
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
    this.units = new UnitStates(rules, onError);
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
    if (JSON.stringify(next.units ?? null) !== JSON.stringify(this.opts.units ?? null)) this.sources.stale = true;
    this.opts = next;
    if (reparse) for (const f of [...this.files.values()]) this.reparse(f);
    // Built objects are parsed with the options too: their builds are evaluated again.
    for (const u of this.units.states) {
      if (u.built) this.dirtyBuilds.add(u.def.name);
      else u.checker.invalidateAll();
    }
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
    const patched = isKustomizationPath(path) ? this.setKustomization(uri, path, readKustomization(text)) : undefined;
    if (found && found.path !== path) this.sources.forget(found.path);
    this.sources.file(path, text);
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
    this.sources.forget(old.path);
    const unpatched = this.folders.remove(uri);
    if (unpatched) this.reparseFolder(dirOf(uri), uri, unpatched);
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

  /**
   * A Lookup (records nothing) over the units that hold file `uri` — a file in several
   * units sees what any of them has — or over one unit by name, or over every unit.
   */
  lookup(at?: { uri: string } | { unit: string }): Lookup {
    return this.units.lookup(this.unitStates(at), this.opts);
  }

  private unitStates(at?: { uri: string } | { unit: string }): readonly UnitState[] {
    this.ensureUnits();
    if (at && 'uri' in at) return this.units.known(at.uri) ?? this.units.states;
    if (at) {
      const u = this.units.find(at.unit);
      if (u) return [u];
    }
    return this.units.states;
  }

  /** The units, the default one last (when it holds a file or is the only one). */
  unitList(): { def: UnitDef; files: string[] }[] {
    this.ensureUnits();
    const out = this.units.states.map((u) => ({ def: u.def, files: [...u.members].map((uri) => this.files.get(uri)?.path ?? uri).sort() }));
    return out.filter((u, i) => i < out.length - 1 || u.files.length > 0 || out.length === 1);
  }

  /** How many units there are (the default one counted when it is the only one or holds a file). */
  get unitCount(): number {
    this.ensureUnits();
    const n = this.units.states.length;
    return n > 1 && this.units.states[n - 1]!.members.size === 0 ? n - 1 : n;
  }

  /** The units (by name, in order) where Service `ns/name` exists. */
  unitsHaving(ns: string, name: string): string[] {
    this.ensureUnits();
    return this.units.states.filter((u) => u.tables.svc.get(nsName(ns, name)).size > 0).map((u) => u.def.name);
  }

  /** The names of the units that hold a file. */
  unitsOf(uri: string): string[] {
    return this.unitStates({ uri }).map((u) => u.def.name);
  }

  /** Whether checks are pending (run `check()`). */
  get pending(): number {
    // Units to discover again count only once there are files to put in them.
    const rediscover = (this.sources.stale && this.files.size > 0) || this.dirtyBuilds.size > 0 ? 1 : 0;
    const charts = this.charts.dirty ? 1 : 0;
    return charts + rediscover + this.units.states.reduce((n, u) => n + u.checker.pending, 0);
  }

  /**
   * Run the pending checks, unit after unit, until `stop` says so (see `Checker.run`: what is
   * left stays pending for the next call); returns the URIs whose findings changed.
   */
  check(stop: () => boolean = () => false): Set<string> {
    // Helm charts render first: their templates join the index as files of their own (charts.ts).
    this.charts.flush();
    this.ensureUnits(stop);
    const changed = new Set(this.units.changed);
    this.units.changed.clear();
    for (const u of this.units.states) {
      if (u.checker.pending === 0) continue;
      if (stop?.()) break;
      for (const uri of u.checker.run(this.units.lookup([u], this.opts), stop)) {
        // A built file's findings are reported in the files it is made of.
        // (one that went with this evaluation was named by units.ts).
        for (const real of u.built?.realUris.get(uri) ?? (uri.startsWith('podpath-build:') ? [] : [uri])) changed.add(real);
      }
    }
    return this.charts.takeChanged(changed);
  }

  /**
   * Raw findings of a file (before suppressions and severity settings), each once: a
   * finding that holds in several units says in which (see unitFindings.ts).
   */
  findings(file: SourceFile): Finding[] {
    // A patch a build reads is in no plain unit: one that only holds it as a file without objects says nothing of it.
    const units = this.unitStates({ uri: file.uri }).filter((u, _, all) => u.built || file.resources.length > 0 || all.length === 1);
    return withUnits(units.map((u) => ({ name: u.def.name, findings: unitFindingsIn(u, file) })));
  }

  /** What the kustomize builds that read a file found wrong in it (`kustomize-build`), each once. */
  buildProblems(file: SourceFile): ReturnType<typeof withUnits<FileProblem>> {
    const units = this.unitStates({ uri: file.uri }).filter((u) => u.built);
    return units.length ? withUnits(units.map((u) => ({ name: u.def.name, findings: unitProblemsIn(u, file) }))) : [];
  }

  /** The kustomize builds that read a file, with their units' names (for hovers and the traffic path). */
  builtAt = (file: SourceFile): { unit: string; built: BuiltUnit }[] =>
    this.unitStates({ uri: file.uri }).flatMap((u) => (u.built ? [{ unit: u.def.name, built: u.built }] : []));

  /** Discover the units again if what they come from changed, rebuilding those whose files changed. */
  private ensureUnits(stop?: () => boolean): void {
    if (!this.sources.stale && this.settled) {
      // Only a check evaluates builds again, one after another until `stop`: editor requests in between read the last results.
      for (const name of stop ? [...this.dirtyBuilds] : []) {
        this.units.refresh(new Set([name]), this.builder);
        this.dirtyBuilds.delete(name);
        if (stop?.()) break;
      }
      return;
    }
    const defs = this.sources.discover(
      [...this.files.values()].map((f) => f.path),
      this.opts.units,
    );
    this.buildCache.startFull();
    this.units.rebuild(defs, this.files.values(), (r) => this.entries.get(r.id) ?? [], this.builder, this.dirtyBuilds);
    this.buildCache.endFull();
    this.dirtyBuilds.clear();
    this.settled = true;
  }

  private readonly builder = builderOver(this.byPath, () => this.opts, this.parsing, this.buildCache);

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
    // Before the first check no unit holds anything yet: the first check builds them all at once.
    const file = (next ?? old)!;
    const all = this.settled ? ((old ? this.units.known(old.uri) : undefined) ?? this.units.of(file.uri, file.path)) : [];
    // A built unit holds its build's objects, not the file's: the build is evaluated again instead.
    const units = all.filter((u) => !u.built);
    if (this.settled) this.buildsReading(file.path);
    if (old) {
      this.byPath.delete(old.path, old);
      for (const r of removed) this.withdraw(r, units, keysBefore.has(r) ? shifted : touched);
      this.files.delete(old.uri);
      this.count(old, -1);
      for (const u of units) u.members.delete(old.uri);
      if (!next) this.units.forget(old.uri);
    }
    if (next) {
      this.byPath.set(next.path, next);
      this.files.set(next.uri, next);
      this.count(next, 1);
      for (const u of units) u.members.add(next.uri);
      for (const r of added) {
        const then = moved.get(r);
        this.contribute(r, units, then ? shifted : touched);
        if (!then) continue;
        // Should they differ all the same, every reader of either set checks again.
        const was = keysBefore.get(then)!;
        const now = keysOf(this.entries.get(r.id));
        if (was !== now) for (const key of `${was}\n${now}`.split('\n')) if (key) touched.add(key);
      }
    }
    for (const key of touched) shifted.delete(key);
    for (const u of units) u.checker.change(removed, added, touched, shifted, file.uri);
    this.version++;
  }

  /** Mark for evaluation the builds that read `path` or list its folder (a file appearing there may change them). */
  private buildsReading(path: string): void {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    for (const name of this.units.buildsReading(path, dir)) this.dirtyBuilds.add(name);
  }

  private count(f: SourceFile, sign: 1 | -1): void {
    this.counts.resources += sign * f.resources.length;
    if (f.excluded === 'too-large' || f.excluded === 'binary') this.counts.skipped += sign;
  }

  private contribute(r: Resource, units: readonly UnitState[], touched: Set<string>): void {
    const es = entriesOf(r);
    this.entries.set(r.id, es);
    for (const e of es) {
      for (const u of units) (u.tables[e.table] as { add(k: unknown, v: unknown): void }).add(e.key, e.value);
      touched.add(depKey(e.table, e.key));
    }
  }

  private withdraw(r: Resource, units: readonly UnitState[], touched: Set<string>): void {
    for (const e of this.entries.get(r.id) ?? []) {
      for (const u of units) (u.tables[e.table] as { delete(k: unknown, v: unknown): void }).delete(e.key, e.value);
      touched.add(depKey(e.table, e.key));
    }
    this.entries.delete(r.id);
  }

  /** Record a kustomization; returns the (decoded) URIs whose patch status may have changed. */
  private setKustomization(uri: string, path: string, k: Kustomization): Set<string> {
    this.sources.kustomization(path, k);
    return this.folders.set(uri, k);
  }

  /** What the folder's kustomization says about a file (its namespace, patch or resource); a chart's own context first. */
  contextOf(uri: string): FolderContext | undefined {
    return this.charts.contextOf(uri) ?? this.folders.contextOf(uri);
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
