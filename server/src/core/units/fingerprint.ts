/**
 * A built file's fingerprint: a 64-bit hash of its objects' trees as built (builtTrees.ts) and
 * of what transformers noted. A build evaluated again after an edit keeps the built files
 * whose fingerprint and real files (the same SourceFile objects) are the same (built.ts), so
 * their Resources, table entries and rule results stand. A parsed node the build shares is
 * named by its kind and place, not walked: with the same file objects it is the same node, as
 * the parsers never change a file's tree but to move it into the file's next version. Two
 * 32-bit FNV-1a style hashes with different seeds: a collision would need both to agree.
 */
import type { YNode } from '../model/ytree';
import type { Change } from './built';

class Hash {
  a = 0x811c9dc5;
  b = 0x01000193 ^ 0x5bd1e995;

  str(s: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    // A separator, so that "ab"+"c" and "a"+"bc" differ.
    this.a = Math.imul(a ^ 0xff, 0x01000193);
    this.b = Math.imul(b ^ 0xff, 0x5bd1e995) ^ (b >>> 15);
  }

  num(n: number): void {
    this.a = Math.imul(this.a ^ (n | 0), 0x01000193);
    this.b = Math.imul(this.b ^ (n | 0), 0x5bd1e995) ^ (this.b >>> 15);
  }

  get value(): string {
    return `${(this.a >>> 0).toString(36)}.${(this.b >>> 0).toString(36)}`;
  }
}

const longValue = 256;

/**
 * Map keys by number: a few hundred keys make up nearly every manifest, and a lookup of a
 * string whose hash V8 keeps beats hashing its characters at every node. Numbers, once
 * given, stay (the same key hashes the same way in every evaluation); past the limit, keys
 * are hashed as text.
 */
const keyIds = new Map<string, number>();
const keyLimit = 20_000;
/** Short values by number too (names, ports, images repeat across objects and evaluations), up to a bound. */
const valueIds = new Map<string, number>();
const valueLimit = 50_000;
const shortValue = 64;

function idOf(ids: Map<string, number>, limit: number, s: string): number | undefined {
  let id = ids.get(s);
  if (id === undefined && ids.size < limit) ids.set(s, (id = ids.size));
  return id;
}

/** The fingerprint of a built file: its source paths, each object's kind, tree and notes (`fresh`: the nodes the build made). */
export function printOf(
  paths: readonly string[],
  objects: readonly { kind: string; tree: YNode; notes: readonly Change[] }[],
  fresh: ReadonlySet<YNode>,
): string {
  const h = new Hash();
  for (const p of paths) h.str(p);
  const str = (ids: Map<string, number>, limit: number, s: string, tag: number): void => {
    const id = idOf(ids, limit, s);
    if (id === undefined) h.str(s);
    else h.num(tag - id);
  };
  const node = (n: YNode): void => {
    const span = n.span;
    h.num(span[0]);
    h.num(span[1]);
    if (!fresh.has(n)) {
      // A parsed node, shared: its kind and place name it.
      h.num(n.t === 'scalar' ? -11 : n.t === 'seq' ? -12 : -13);
      return;
    }
    if (n.t === 'scalar') {
      const v = n.value;
      h.num(typeof v === 'string' ? (n.quoted ? 2 : 3) : v === null ? 4 : typeof v === 'number' ? 5 : 6);
      if (typeof v !== 'string') h.str(String(v));
      else if (v.length <= shortValue) str(valueIds, valueLimit, v, 0);
      else if (v.length <= longValue) h.str(v);
      else {
        // A long value (a dashboard's JSON, a script): its length and ends. Its text is the same
        // when its file is (the caller compares the files too), and a transformer that
        // changes a value notes it (hashed below); names, ports and labels are short and hashed whole.
        h.num(v.length);
        h.str(v.slice(0, 16));
        h.str(v.slice(-16));
      }
    } else if (n.t === 'seq') {
      h.num(-2 - n.items.length);
      for (const i of n.items) node(i);
    } else {
      h.num(-1e6 - n.pairs.size);
      // forEach: no iterator and entry arrays per pair.
      n.pairs.forEach((p, k) => {
        str(keyIds, keyLimit, k, -1);
        const ks = p.keySpan;
        h.num(ks[0]);
        h.num(ks[1]);
        if (p.value) node(p.value);
        else h.num(-1);
      });
    }
  };
  for (const o of objects) {
    h.str(o.kind);
    node(o.tree);
    h.num(o.notes.length);
    for (const c of o.notes) {
      h.str(c.key);
      h.str(c.value);
      h.str(c.path);
      h.num(c.span[0]);
      h.num(c.span[1]);
      h.str(c.note);
    }
  }
  return h.value;
}
