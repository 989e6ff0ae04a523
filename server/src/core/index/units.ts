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
import { entriesOf, newTables, type Entry, type Tables, type TableName } from './tables';
import { MultiMap } from './multimap';

export interface UnitState {
  def: UnitDef;
  tables: Tables;
  checker: Checker;
  /** URIs of the files whose resources are in its tables (of a built unit: the files its objects come from). */
  members: Set<string>;
  /** A kustomization build's objects: they, not its files' resources, are in its tables. */
  built?: BuiltUnit;
}

/** Builds a unit's kustomization (def.build) over the index's files; `uriOf` names an indexed file by its path. */
export interface Builder {
  build(def: UnitDef): BuiltUnit;
  uriOf(path: string): string | undefined;
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
  }

  /** Evaluate the builds of the units `names` again (a file their builds read changed); the rest stay as they are. */
  refresh(names: ReadonlySet<string>, builder: Builder): void {
    this.states = this.states.map((u) => {
      if (!names.has(u.def.name) || u.def.build === undefined) return u;
      for (const uri of u.members) this.changed.add(uri);
      return this.built(u.def, builder);
    });
    this.remap();
  }

  /** A unit of a kustomization's build: its objects in its tables, every file they come from (and its closure) its members. */
  private built(def: UnitDef, builder: Builder): UnitState {
    const u = this.fresh(def);
    const b = builder.build(def);
    u.built = b;
    for (const r of b.resources) for (const e of entriesOf(r)) (u.tables[e.table] as MultiMap<unknown, unknown>).add(e.key, e.value);
    u.checker.change([], b.resources, []);
    for (const uri of b.byUri.keys()) u.members.add(uri);
    for (const uri of b.problems.keys()) u.members.add(uri);
    for (const path of [...def.files, ...b.inputs]) {
      const uri = builder.uriOf(path);
      if (uri !== undefined) u.members.add(uri);
    }
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
