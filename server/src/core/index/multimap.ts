/**
 * A map of keys to sets, the shape of every lookup table in the index. Every apply unit has a
 * table of each kind and most stay empty: the maps are made at the first entry.
 */
export class MultiMap<K, V> {
  private map: Map<K, Set<V>> | undefined;
  /** What was computed from a key's values (say, an index of names), dropped when they change. */
  private derivedOf: Map<K, Map<string, unknown>> | undefined;

  add(key: K, value: V): void {
    this.derivedOf?.delete(key);
    this.map ??= new Map();
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(value);
  }

  delete(key: K, value: V): void {
    const set = this.map?.get(key);
    if (!set) return;
    this.derivedOf?.delete(key);
    set.delete(value);
    if (set.size === 0) this.map!.delete(key);
  }

  get(key: K): ReadonlySet<V> {
    return this.map?.get(key) ?? empty;
  }

  /** `build` over a key's values, computed once until they change. */
  derived<T>(key: K, name: string, build: (values: ReadonlySet<V>) => T): T {
    let byName = this.derivedOf?.get(key);
    if (byName?.has(name)) return byName.get(name) as T;
    const value = build(this.get(key));
    this.derivedOf ??= new Map();
    if (!byName) this.derivedOf.set(key, (byName = new Map()));
    byName.set(name, value);
    return value;
  }

  keys(): IterableIterator<K> {
    return (this.map ?? noKeys).keys();
  }
}

const empty: ReadonlySet<never> = new Set();
const noKeys = new Map<never, never>();
