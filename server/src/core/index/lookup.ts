/**
 * Read access to the index's tables. A Lookup made for a rule run records every table key
 * it reads; the checker re-runs that rule's subject when an edit touches one of them.
 */
import type { Tables, TableName } from './tables';
import { depKey } from './tables';

type ValueOf<T extends TableName> = Tables[T] extends { get(k: never): ReadonlySet<infer V> } ? V : never;
type KeyOf<T extends TableName> = Parameters<Tables[T]['get']>[0];

export interface LookupOptions {
  defaultNamespace: string;
  clusterDomain: string;
  nodePortRange: [number, number];
  /**
   * The lookup's apply unit is one someone declared (a kustomization build, a GitOps target, a
   * configured unit), not the default unit that gathers the files in none: only there do two
   * folders surely go to one cluster together.
   */
  declaredUnit?: boolean;
}

/** Results of `once` for one check run: by owner and name, each with the keys it read. */
type Memo = Map<object, Map<string, { value: unknown; deps: readonly string[] }>>;

/** Owners a Memo holds at the most before it starts again. */
const memoLimit = 2048;

export class Lookup {
  constructor(
    private readonly tables: Tables,
    readonly options: LookupOptions,
    /** When set, every key read is added here. */
    readonly deps?: Set<string>,
    private readonly memo?: Memo,
  ) {}

  /** The values under a key of a table, recording the dependency. */
  get<T extends TableName>(table: T, key: KeyOf<T>): ReadonlySet<ValueOf<T>> {
    this.deps?.add(depKey(table, key as string | number));
    return (this.tables[table].get as (k: KeyOf<T>) => ReadonlySet<ValueOf<T>>)(key);
  }

  /**
   * `build` over the values under a key, computed once until they change (an index of the
   * Service names of a namespace), recording the dependency as `get` does. The result must
   * not be changed. After the values changed, `build` gets the last result, to hand back
   * when it still holds.
   */
  derived<T extends TableName, R>(
    table: T,
    key: KeyOf<T>,
    name: string,
    build: (values: ReadonlySet<ValueOf<T>>, stale: R | undefined) => R,
  ): R {
    this.deps?.add(depKey(table, key as string | number));
    type Derive = (k: KeyOf<T>, n: string, b: (v: ReadonlySet<ValueOf<T>>, stale: R | undefined) => R) => R;
    return (this.tables[table] as unknown as { derived: Derive }).derived(key, name, build);
  }

  /** A Lookup over the same tables that records into `deps`. */
  recording(deps: Set<string>): Lookup {
    return new Lookup(this.tables, this.options, deps, this.memo);
  }

  /** A Lookup for one check run: `once` computes each result a single time in it (the tables do not change during a run). */
  forRun(): Lookup {
    return new Lookup(this.tables, this.options, undefined, new Map());
  }

  /** The end of a check run: what `once` kept is dropped, whoever still holds this Lookup. */
  endRun(): void {
    this.memo?.clear();
  }

  /**
   * `compute` of `owner` once per check run, shared by every rule run that asks (say, the
   * templates behind a Service, for each of its port rules), with the keys it read recorded
   * for each of them as if it had read them itself. The result must not be changed. Outside
   * a check run (hover, definition, …) it is computed each time.
   */
  /** `once` for a result that belongs to no one object (a selection by its key), shared by the whole run. */
  shared<T>(name: string, compute: (lookup: Lookup) => T): T {
    return this.once(this.tables, name, compute);
  }

  once<T>(owner: object, name: string, compute: (lookup: Lookup) => T): T {
    if (!this.memo) return compute(this);
    let byName = this.memo.get(owner);
    let hit = byName?.get(name);
    if (!hit) {
      const deps = new Set<string>();
      hit = { value: compute(new Lookup(this.tables, this.options, deps, this.memo)), deps: [...deps] };
      // Bounded: a check of the whole workspace need not hold a result for every resource at once.
      if (!byName && this.memo.size >= memoLimit) this.memo.clear();
      if (!byName) this.memo.set(owner, (byName = new Map()));
      byName.set(name, hit);
    }
    if (this.deps) for (const d of hit.deps) this.deps.add(d);
    return hit.value as T;
  }
}
