/**
 * A built file's fingerprint: a 64-bit hash of its objects' trees (values, quoting, the files
 * and spans they come from, what transformers noted). A build evaluated again after an edit
 * keeps the built files whose fingerprint and real files are the same (built.ts), so their
 * Resources, table entries and rule results stand. Two 32-bit FNV-1a style hashes with
 * different seeds: a collision would need both to agree.
 */
import type { BNode, BuiltObject } from '../sources/kustomize/types';

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

/**
 * The fingerprint of a built file's objects, and the files their values come from (`home`
 * first, then in the order the objects' trees name them): one walk gives both.
 */
export function fingerprint(objects: readonly BuiltObject[], homeOnly: boolean, home: string): { print: string; paths: string[] } {
  const h = new Hash();
  // Each file's path is hashed once; nodes hash its number.
  const paths = new Map<string, number>([[home, 0]]);
  h.str(home);
  // Most nodes come from the file of the node before them.
  let lastPath = home;
  let lastId = 0;
  const pathId = (p: string): number => {
    if (p === lastPath) return lastId;
    let id = paths.get(p);
    if (id === undefined) {
      paths.set(p, (id = paths.size));
      h.str(p);
    }
    lastPath = p;
    lastId = id;
    return id;
  };
  h.num(homeOnly ? 1 : 0);
  const node = (n: BNode): void => {
    h.num(pathId(n.src.path));
    h.num(n.span[0]);
    h.num(n.span[1]);
    if (n.src.note) h.str(n.src.note);
    if (n.t === 'scalar') {
      const v = n.value;
      h.num(typeof v === 'string' ? (n.quoted ? 2 : 3) : v === null ? 4 : typeof v === 'number' ? 5 : 6);
      if (typeof v !== 'string') h.str(String(v));
      else if (v.length <= shortValue) {
        let id = valueIds.get(v);
        if (id === undefined && valueIds.size < valueLimit) valueIds.set(v, (id = valueIds.size));
        if (id === undefined) h.str(v);
        else h.num(id);
      } else if (v.length <= longValue) h.str(v);
      else {
        // A long value (a dashboard's JSON, a script): its length and ends. Its text is the same
        // when its file is (the caller compares the files' versions too), and a transformer that
        // changes a value notes it (hashed above); names, ports and labels are short and hashed whole.
        h.num(v.length);
        h.str(v.slice(0, 16));
        h.str(v.slice(-16));
      }
    } else if (n.t === 'seq') {
      h.num(-2 - n.items.length);
      for (const i of n.items) node(i);
    } else {
      h.num(-1e6 - n.pairs.size);
      // forEach: no iterator and entry arrays per pair (this walk is most of an edit's re-evaluation).
      n.pairs.forEach((p, k) => {
        let id = keyIds.get(k);
        if (id === undefined && keyIds.size < keyLimit) keyIds.set(k, (id = keyIds.size));
        if (id === undefined) h.str(k);
        else h.num(-1 - id);
        h.num(pathId(p.keySrc.path));
        h.num(p.keySpan[0]);
        h.num(p.keySpan[1]);
        if (p.value) node(p.value);
        else h.num(-1);
      });
    }
  };
  for (const o of objects) {
    h.str(o.kind);
    node(o.root);
  }
  return { print: h.value, paths: homeOnly ? [home] : [...paths.keys()] };
}
