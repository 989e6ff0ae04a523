/**
 * A small, read-only view of one YAML document: maps, sequences and scalars with their
 * file offsets. Aliases resolve to the same node (so an alias bomb costs nothing: nothing
 * is ever expanded) and merge keys (`<<`) are applied. Rules and features read this tree,
 * never the `yaml` library's AST.
 */

/** Half-open file offsets [start, end). */
export type Span = readonly [number, number];

export interface YScalar {
  readonly t: 'scalar';
  readonly value: string | number | boolean | null;
  readonly span: Span;
  /** True when the scalar was quoted in the source (so `"80"` is a string of digits). */
  readonly quoted: boolean;
}

export interface YPair {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode | undefined;
}

export interface YMap {
  readonly t: 'map';
  readonly pairs: ReadonlyMap<string, YPair>;
  readonly span: Span;
}

export interface YSeq {
  readonly t: 'seq';
  readonly items: readonly YNode[];
  readonly span: Span;
}

export type YNode = YScalar | YMap | YSeq;

export function isMap(n: YNode | undefined): n is YMap {
  return n !== undefined && n.t === 'map';
}
export function isSeq(n: YNode | undefined): n is YSeq {
  return n !== undefined && n.t === 'seq';
}
export function isScalar(n: YNode | undefined): n is YScalar {
  return n !== undefined && n.t === 'scalar';
}

/** The value at a key path of maps, or undefined. */
export function get(n: YNode | undefined, ...path: string[]): YNode | undefined {
  let cur = n;
  for (const k of path) {
    if (!isMap(cur)) return undefined;
    cur = cur.pairs.get(k)?.value;
  }
  return cur;
}

/** The pair at a key of a map (to point at the key), or undefined. */
export function pair(n: YNode | undefined, key: string): YPair | undefined {
  return isMap(n) ? n.pairs.get(key) : undefined;
}

/** A map's value if it is a map. */
export function getMap(n: YNode | undefined, ...path: string[]): YMap | undefined {
  const v = get(n, ...path);
  return isMap(v) ? v : undefined;
}

/** A sequence's items, or [] when absent or not a sequence. */
export function getSeq(n: YNode | undefined, ...path: string[]): readonly YNode[] {
  const v = get(n, ...path);
  return isSeq(v) ? v.items : [];
}

export function getScalar(n: YNode | undefined, ...path: string[]): YScalar | undefined {
  const v = get(n, ...path);
  return isScalar(v) ? v : undefined;
}

/** A scalar's value as a string (numbers and booleans stringified), else undefined. */
export function str(n: YNode | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

export function getStr(n: YNode | undefined, ...path: string[]): string | undefined {
  return str(get(n, ...path));
}

/** A scalar's value as an integer when it is a number or a string of digits. */
export function int(n: YNode | undefined): number | undefined {
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? n.value : undefined;
  if (typeof n.value === 'string' && /^[0-9]+$/.test(n.value)) return Number(n.value);
  return undefined;
}

/** A map of string → string (labels, selectors, annotations); non-scalar values are skipped. */
export function strMap(n: YNode | undefined): Map<string, { value: string; keySpan: Span; valueSpan: Span }> {
  const out = new Map<string, { value: string; keySpan: Span; valueSpan: Span }>();
  if (!isMap(n)) return out;
  for (const p of n.pairs.values()) {
    const v = p.value;
    if (isScalar(v)) out.set(p.key, { value: v.value === null ? '' : String(v.value), keySpan: p.keySpan, valueSpan: v.span });
  }
  return out;
}

function covers(span: Span, offset: number): boolean {
  return span[0] <= offset && (offset < span[1] || span[0] === span[1]);
}

/**
 * The key path to the deepest node at `offset`, e.g. `spec.ports[name=http].targetPort`.
 * Sequence items that are maps with a scalar `name` are named rather than numbered, so the
 * path survives reordering and insertions (it identifies a finding across edits).
 */
export function pathAt(root: YNode, offset: number): string {
  let out = '';
  let cur: YNode | undefined = root;
  // The depth bound guards against an alias that refers to its own ancestor.
  for (let depth = 0; cur && depth < 64; depth++) {
    let next: YNode | undefined;
    if (isMap(cur)) {
      for (const p of cur.pairs.values()) {
        if (covers(p.keySpan, offset)) return `${out}${out ? '.' : ''}${p.key}`;
        if (p.value && covers(p.value.span, offset)) {
          out += `${out ? '.' : ''}${p.key}`;
          next = p.value;
          break;
        }
      }
    } else if (isSeq(cur)) {
      const i = cur.items.findIndex((n) => covers(n.span, offset));
      const item = cur.items[i];
      if (item) {
        const name = getStr(item, 'name');
        out += name !== undefined ? `[name=${name}]` : `[${i}]`;
        next = item;
      }
    }
    cur = next;
  }
  return out;
}

/** The texts of the scalars among the nodes (strings and numbers; a sequence's items, recursively). */
export function scalarTexts(nodes: Iterable<YNode | undefined>, out: string[] = []): string[] {
  for (const n of nodes) {
    if (isScalar(n)) {
      if (typeof n.value === 'string' || typeof n.value === 'number') out.push(String(n.value));
    } else if (isSeq(n)) scalarTexts(n.items, out);
  }
  return out;
}
