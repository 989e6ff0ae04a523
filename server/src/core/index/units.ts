/**
 * The index's apply units (core/units/discover.ts): each has its own lookup tables and its
 * own checker, so links resolve only among the objects applied with it, and an edit
 * re-checks only the units that hold the edited file. A file in several units contributes
 * its resources to each. With no unit found the default unit holds every file: the
 * workspace is one cluster, as before units.
 */
import type { Resource } from '../model/resource';
import type { Rule } from '../rules/rule';
import { defaultUnitName, holds, type UnitDef } from '../units/discover';
import { Checker } from './checker';
import { Lookup, type LookupOptions } from './lookup';
import type { BuiltUnit } from '../units/built';
import { builtDifference } from './builtReuse';
import { depKey, entriesOnce, newTables, type Entry, type Tables, type TableName } from './tables';
import { MultiMap } from './multimap';

export interface UnitState {
  def: UnitDef;
  tables: Tables;
  checker: Checker;
  /** URIs of the files whose resources are in its tables (of a built unit: the files its objects come from). */
  members: Set<string>;
  /** A kustomization build's objects: they, not its files' resources, are in its tables. */
  built?: BuiltUnit;
  /** The options its build was parsed with (`Builder.options`): an evaluation with others starts afresh. */
  builtWith?: unknown;
}

/** Builds a unit's kustomization (def.build) over the index's files; `uriOf` names an indexed file by its path. */
export interface Builder {
  /** With `previous` (the unit's last build), built files that did not change are handed back as they were. */
  build(def: UnitDef, previous?: BuiltUnit): BuiltUnit;
  uriOf(path: string): string | undefined;
  /** The options builds are parsed with now (compared by identity). */
  options(): unknown;
}

export const defaultUnitDef: UnitDef = { name: defaultUnitName, origins: [{ kind: 'default' }], files: new Set(), folders: [], globs: [] };

/** A file the units know: its URI, workspace path and resources. */
export interface UnitFile {
  uri: string;
  path: string;
  resources: readonly Resource[];
}

export class UnitStates {
  /** Sorted by name, the default unit last. */
  states: UnitState[];
  private readonly byUri = new Map<string, UnitState[]>();
  /** URIs whose findings changed because units were rebuilt; the next check names them. */
  readonly changed = new Set<string>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly onError: ((e: unknown, r: Resource, rule: string) => void) | undefined,
  ) {
    this.states = [this.fresh(defaultUnitDef)];
  }

  private fresh(def: UnitDef): UnitState {
    return { def, tables: newTables(), checker: new Checker(this.rules, this.onError), members: new Set() };
  }

  /** The units that hold a file (at least one: the default unit holds what no other does). */
  of(uri: string, path: string): UnitState[] {
    let us = this.byUri.get(uri);
    if (!us) this.byUri.set(uri, (us = this.pick(path)));
    return us;
  }

  /** The units a file is in now, if it is indexed. */
  known(uri: string): readonly UnitState[] | undefined {
    const us = this.byUri.get(uri);
    if (us || !uri.startsWith('podpath-build:')) return us;
    // A built file (units/built.ts) is its unit's own.
    const own = this.states.find((u) => u.built?.realUris.has(uri));
    return own ? [own] : undefined;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private pick(path: string): UnitState[] {
    const out: UnitState[] = [];
    for (const u of this.states) if (u.def.name !== defaultUnitName && holds(u.def, path)) out.push(u);
    return out.length ? out : [this.states[this.states.length - 1]!];
  }

  /**
   * Make `defs` the units. A unit whose files stay the same keeps its tables and results; the
   * others are built again from the files' resources (`entries` gives each one's table entries).
   */
  rebuild(
    defs: readonly UnitDef[],
    files: Iterable<UnitFile>,
    entries: (r: Resource) => readonly Entry[],
    builder: Builder,
    dirty: ReadonlySet<string>,
  ): void {
    const next = [...defs, defaultUnitDef];
    const members = new Map<string, UnitFile[]>(next.map((d) => [d.name, []]));
    const all = [...files];
    for (const f of all) {
      let any = false;
      for (const d of defs) {
        if (holds(d, f.path)) {
          members.get(d.name)!.push(f);
          any = true;
        }
      }
      if (!any) members.get(defaultUnitName)!.push(f);
    }
    const old = new Map(this.states.map((u) => [u.def.name, u]));
    const states: UnitState[] = [];
    for (const def of next) {
      const fs = members.get(def.name)!;
      const had = old.get(def.name);
      if (def.build !== undefined) {
        if (had?.built && had.def.build === def.build && !dirty.has(def.name)) {
          had.def = def;
          old.delete(def.name);
          states.push(had);
        } else states.push(this.built(def, builder));
        continue;
      }
      if (had && !had.built && had.members.size === fs.length && fs.every((f) => had.members.has(f.uri))) {
        had.def = def;
        old.delete(def.name);
        states.push(had);
        continue;
      }
      const u = this.fresh(def);
      const added: Resource[] = [];
      for (const f of fs) {
        u.members.add(f.uri);
        for (const r of f.resources) {
          added.push(r);
          for (const e of entries(r)) (u.tables[e.table] as MultiMap<unknown, unknown>).add(e.key, e.value);
        }
      }
      u.checker.change([], added, []);
      for (const uri of u.members) this.changed.add(uri);
      states.push(u);
    }
    for (const u of old.values()) for (const uri of u.members) this.changed.add(uri);
    this.states = states;
    this.remap();
    this.readers.clear();
    for (const u of states) this.reading(u, 1);
  }

  /**
   * Evaluate the builds of the units `names` again (a file their builds read changed); the
   * rest stay as they are. A unit keeps its tables and results for the built files that did
   * not change (builtReuse.ts), and checks again only the objects of those that did.
   */
  refresh(names: ReadonlySet<string>, builder: Builder): void {
    for (const u of this.states) {
      if (!names.has(u.def.name) || u.def.build === undefined || !u.built) continue;
      if (u.builtWith !== builder.options()) {
        const fresh = this.built(u.def, builder);
        for (const uri of u.members) this.changed.add(uri);
        this.setMembers(u, fresh.members);
        this.reading(u, -1);
        Object.assign(u, fresh);
        this.reading(u, 1);
        continue;
      }
      this.reevaluate(u, builder);
    }
  }

  private reevaluate(u: UnitState, builder: Builder): void {
    const old = u.built!;
    const built = builder.build(u.def, old);
    const { removed, added, gone } = builtDifference(old, built);
    const touched = new Set<string>();
    for (const r of removed)
      for (const e of entriesOnce(r)) {
        (u.tables[e.table] as MultiMap<unknown, unknown>).delete(e.key, e.value);
        touched.add(depKey(e.table, e.key));
      }
    for (const r of added)
      for (const e of entriesOnce(r)) {
        (u.tables[e.table] as MultiMap<unknown, unknown>).add(e.key, e.value);
        touched.add(depKey(e.table, e.key));
      }
    this.reading(u, -1);
    u.built = built;
    this.reading(u, 1);
    u.checker.change(removed, added, touched);
    // The real files of a built file that went: their findings from it go too.
    for (const f of gone) for (const real of old.realUris.get(f.uri) ?? []) this.changed.add(real);
    // kustomize's findings (per real file) that differ.
    for (const uri of new Set([...old.problems.keys(), ...built.problems.keys()]))
      if (JSON.stringify(old.problems.get(uri) ?? []) !== JSON.stringify(built.problems.get(uri) ?? [])) this.changed.add(uri);
    this.setMembers(u, this.membersOf(u.def, built, builder));
  }

  /** Replace a unit's members, keeping the map of units by URI in step (a member that comes or goes changes its findings). */
  private setMembers(u: UnitState, next: Set<string>): void {
    for (const uri of u.members) {
      if (next.has(uri)) continue;
      this.changed.add(uri);
      const list = this.byUri.get(uri);
      const i = list ? list.indexOf(u) : -1;
      if (i >= 0) list!.splice(i, 1);
      if (list?.length === 0) this.byUri.delete(uri);
    }
    for (const uri of next) {
      if (u.members.has(uri)) continue;
      this.changed.add(uri);
      const list = this.byUri.get(uri);
      if (!list) this.byUri.set(uri, [u]);
      else if (!list.includes(u)) list.push(u);
    }
    u.members = next;
  }

  private membersOf(def: UnitDef, b: BuiltUnit, builder: Builder): Set<string> {
    const members = new Set<string>();
    for (const uri of b.byUri.keys()) members.add(uri);
    for (const uri of b.problems.keys()) members.add(uri);
    for (const path of [...def.files, ...b.inputs]) {
      const uri = builder.uriOf(path);
      if (uri !== undefined) members.add(uri);
    }
    return members;
  }

  /** A unit of a kustomization's build: its objects in its tables, every file they come from (and its closure) its members. */
  private built(def: UnitDef, builder: Builder): UnitState {
    const u = this.fresh(def);
    const b = builder.build(def);
    u.built = b;
    for (const r of b.resources) for (const e of entriesOnce(r)) (u.tables[e.table] as MultiMap<unknown, unknown>).add(e.key, e.value);
    u.builtWith = builder.options();
    u.checker.change([], b.resources, []);
    u.members = this.membersOf(def, b, builder);
    for (const uri of u.members) this.changed.add(uri);
    return u;
  }

  private remap(): void {
    this.byUri.clear();
    for (const u of this.states)
      for (const uri of u.members) {
        let us = this.byUri.get(uri);
        if (!us) this.byUri.set(uri, (us = []));
        us.push(u);
      }
  }

  /** Built units by a path their build read (a file, or a folder it listed). */
  private readonly readers = new Map<string, Set<UnitState>>();

  private reading(u: UnitState, sign: 1 | -1): void {
    for (const path of u.built?.inputs ?? []) {
      let set = this.readers.get(path);
      if (sign > 0) {
        if (!set) this.readers.set(path, (set = new Set()));
        set.add(u);
      } else if (set) {
        set.delete(u);
        if (set.size === 0) this.readers.delete(path);
      }
    }
  }

  /** The names of the built units whose build read `path` or listed `dir` (a file appearing there may change them). */
  buildsReading(path: string, dir: string): string[] {
    const out: string[] = [];
    for (const u of this.readers.get(path) ?? []) out.push(u.def.name);
    for (const u of this.readers.get(dir) ?? []) out.push(u.def.name);
    return out;
  }

  find(name: string): UnitState | undefined {
    return this.states.find((u) => u.def.name === name);
  }

  /** A Lookup over one unit's tables, or over the union of several (for editor features on a shared file). */
  lookup(units: readonly UnitState[], opts: LookupOptions): Lookup {
    const declaredUnit = units.every((u) => u.def.name !== defaultUnitName);
    return new Lookup(
      units.length === 1 ? units[0]!.tables : unionTables(units.map((u) => u.tables)),
      declaredUnit ? { ...opts, declaredUnit } : opts,
    );
  }
}

/** Tables that answer with the union of several units' tables (read-only). */
function unionTables(ts: readonly Tables[]): Tables {
  const out = {} as Record<TableName, unknown>;
  for (const name of Object.keys(ts[0] ?? newTables()) as TableName[])
    out[name] = new UnionMap(ts.map((t) => t[name] as MultiMap<unknown, unknown>));
  return out as unknown as Tables;
}

class UnionMap<K, V> {
  constructor(private readonly maps: readonly MultiMap<K, V>[]) {}

  get(key: K): ReadonlySet<V> {
    let one: ReadonlySet<V> | undefined;
    let union: Set<V> | undefined;
    for (const m of this.maps) {
      const s = m.get(key);
      if (s.size === 0) continue;
      if (!one) one = s;
      else {
        union ??= new Set(one);
        for (const v of s) union.add(v);
      }
    }
    return union ?? one ?? new Set();
  }

  /** Computed each time: a union is made for one editor request, never kept. */
  derived<T>(key: K, _name: string, build: (values: ReadonlySet<V>) => T): T {
    return build(this.get(key));
  }
}
