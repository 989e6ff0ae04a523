/**
 * A map of keys to sets, the shape of every lookup table in the index. Every apply unit has a
 * table of each kind and most stay empty: the maps are made at the first entry, and a key
 * with one value keeps it without a Set.
 */
export class MultiMap<K, V> {
  // A key's one value is kept in a One (most keys have one value: a Set per key was a tenth of the index's memory).
  private map: Map<K, One<V> | Set<V>> | undefined;
  /** What was computed from a key's values (say, an index of names), dropped when they change. */
  private derivedOf: Map<K, Map<string, unknown>> | undefined;
  /** What was dropped, handed to the next computation (which may find it still holds: the same names). */
  private staleOf: Map<K, Map<string, unknown>> | undefined;

  /** A key's values change: what was computed from them is stale. */
  private changed(key: K): void {
    const had = this.derivedOf?.get(key);
    if (!had) return;
    this.derivedOf!.delete(key);
    (this.staleOf ??= new Map()).set(key, had);
  }

  add(key: K, value: V): void {
    this.changed(key);
    this.map ??= new Map();
    const had = this.map.get(key);
    if (!had) this.map.set(key, new One(value));
    else if (had instanceof One) {
      if (had.value !== value) this.map.set(key, new Set([had.value, value]));
    } else had.add(value);
  }

  delete(key: K, value: V): void {
    const had = this.map?.get(key);
    if (!had || !had.has(value)) return;
    this.changed(key);
    if (had instanceof One) this.map!.delete(key);
    else {
      had.delete(value);
      if (had.size === 0) this.map!.delete(key);
    }
  }

  get(key: K): ReadonlySet<V> {
    return this.map?.get(key) ?? empty;
  }

  /** `build` over a key's values, computed once until they change (`build` gets what it made before, if anything). */
  derived<T>(key: K, name: string, build: (values: ReadonlySet<V>, stale: T | undefined) => T): T {
    let byName = this.derivedOf?.get(key);
    if (byName?.has(name)) return byName.get(name) as T;
    const stale = this.staleOf?.get(key);
    const value = build(this.get(key), stale?.get(name) as T | undefined);
    if (stale) {
      stale.delete(name);
      if (stale.size === 0) this.staleOf!.delete(key);
    }
    this.derivedOf ??= new Map();
    if (!byName) this.derivedOf.set(key, (byName = new Map()));
    byName.set(name, value);
    return value;
  }

  keys(): IterableIterator<K> {
    return (this.map ?? noKeys).keys();
  }
}

/** A set of one value, read as a ReadonlySet. */
class One<V> implements ReadonlySet<V> {
  constructor(readonly value: V) {}

  get size(): number {
    return 1;
  }

  has(v: V): boolean {
    return v === this.value;
  }

  forEach(f: (value: V, key: V, set: ReadonlySet<V>) => void, thisArg?: unknown): void {
    f.call(thisArg, this.value, this.value, this);
  }

  *values(): SetIterator<V> {
    yield this.value;
  }

  keys(): SetIterator<V> {
    return this.values();
  }

  *entries(): SetIterator<[V, V]> {
    yield [this.value, this.value];
  }

  [Symbol.iterator](): SetIterator<V> {
    return this.values();
  }
}

const empty: ReadonlySet<never> = new Set();
const noKeys = new Map<never, never>();
