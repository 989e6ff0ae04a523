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
}

export class Lookup {
  constructor(
    private readonly tables: Tables,
    readonly options: LookupOptions,
    /** When set, every key read is added here. */
    readonly deps?: Set<string>,
  ) {}

  /** The values under a key of a table, recording the dependency. */
  get<T extends TableName>(table: T, key: KeyOf<T>): ReadonlySet<ValueOf<T>> {
    this.deps?.add(depKey(table, key as string | number));
    return (this.tables[table].get as (k: KeyOf<T>) => ReadonlySet<ValueOf<T>>)(key);
  }

  /** A Lookup over the same tables that records into `deps`. */
  recording(deps: Set<string>): Lookup {
    return new Lookup(this.tables, this.options, deps);
  }
}
