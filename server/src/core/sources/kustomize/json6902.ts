/** JSON patches (RFC 6902) on the evaluator's trees: add, remove, replace, move, copy, test. */
import { clone, fromPlain, newMap, newSeq, setPair } from './nodes';
import type { BMap, BNode, Place } from './types';

export interface JsonOp {
  op: string;
  path: string;
  from?: string;
  /** The value as a tree placed in the patch (its spans point into the patch's file). */
  value?: BNode;
  at: Place;
}

function pointer(p: string): string[] | undefined {
  if (p === '') return [];
  if (!p.startsWith('/')) return undefined;
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Slot {
  parent: BNode;
  key: string;
}

/** The slot of a path; with `create` (kustomize adds with "ensure path exists"), missing maps on the way are made. */
function find(root: BNode, path: string[], create?: Place): Slot | undefined {
  let cur: BNode | undefined = root;
  for (let i = 0; i < path.length - 1; i++) {
    let next = child(cur, path[i]!);
    if (!next && create && cur?.t === 'map') {
      next = /^\d+$/.test(path[i + 1]!) ? newSeq(create) : newMap(create);
      setPair(cur, path[i]!, next, create);
    }
    cur = next;
    if (!cur) return undefined;
  }
  return { parent: cur, key: path[path.length - 1]! };
}

function child(n: BNode | undefined, key: string): BNode | undefined {
  if (!n) return undefined;
  if (n.t === 'map') return n.pairs.get(key)?.value;
  if (n.t === 'seq' && /^\d+$/.test(key)) return n.items[Number(key)];
  return undefined;
}

function equal(a: BNode | undefined, b: BNode | undefined): boolean {
  if (!a || !b || a.t !== b.t) return false;
  if (a.t === 'scalar') return b.t === 'scalar' && a.value === b.value;
  if (a.t === 'seq') return b.t === 'seq' && a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]));
  const bm = b as BMap;
  return a.pairs.size === bm.pairs.size && [...a.pairs].every(([k, p]) => equal(p.value, bm.pairs.get(k)?.value));
}

/** Apply the operations in order; the first that fails stops the patch with kustomize-like words. */
export function applyJsonPatch(root: BMap, ops: JsonOp[]): string | undefined {
  for (const op of ops) {
    const path = pointer(op.path);
    if (!path || path.length === 0) return `invalid path ${JSON.stringify(op.path)} in ${op.op} operation`;
    const err = applyOne(root, op, path);
    if (err) return err;
  }
  return undefined;
}

function remove(slot: Slot): BNode | undefined {
  const { parent, key } = slot;
  if (parent.t === 'map') {
    const v = parent.pairs.get(key)?.value;
    if (!parent.pairs.delete(key)) return undefined;
    return v ?? fromPlain(null, parent.src);
  }
  if (parent.t === 'seq' && /^\d+$/.test(key) && Number(key) < parent.items.length) return parent.items.splice(Number(key), 1)[0];
  return undefined;
}

function add(slot: Slot, value: BNode, replace: boolean, at: Place): string | undefined {
  const { parent, key } = slot;
  if (parent.t === 'map') {
    // kustomize's JSON patch library sets a missing key on replace, like add.
    const had = parent.pairs.get(key);
    if (had) had.value = value;
    else parent.pairs.set(key, { key, keySpan: at.span, keySrc: { path: at.path, span: at.span }, value });
    return undefined;
  }
  if (parent.t === 'seq') {
    if (key === '-' && !replace) {
      parent.items.push(value);
      return undefined;
    }
    if (!/^\d+$/.test(key)) return `add operation does not apply: invalid index ${key}`;
    const i = Number(key);
    if (replace) {
      if (i >= parent.items.length) return `replace operation does not apply: doc is missing key: ${key}`;
      parent.items[i] = value;
    } else {
      if (i > parent.items.length) return `add operation does not apply: index ${i} out of bounds`;
      parent.items.splice(i, 0, value);
    }
    return undefined;
  }
  return `${replace ? 'replace' : 'add'} operation does not apply: doc is missing path`;
}

function applyOne(root: BMap, op: JsonOp, path: string[]): string | undefined {
  const slot = find(root, path, op.op === 'add' || op.op === 'replace' ? op.at : undefined);
  const missing = `${op.op} operation does not apply: doc is missing path: "${op.path}"`;
  switch (op.op) {
    case 'add':
    case 'replace':
      if (!slot) return missing;
      return add(slot, op.value ? clone(op.value) : fromPlain(null, op.at), op.op === 'replace', op.at);
    case 'remove':
      if (!slot || !remove(slot)) return missing;
      return undefined;
    case 'move':
    case 'copy': {
      const from = op.from !== undefined ? pointer(op.from) : undefined;
      const fromSlot = from && from.length > 0 ? find(root, from) : undefined;
      if (!fromSlot) return `${op.op} operation does not apply: doc is missing from path: "${op.from}"`;
      const v = op.op === 'move' ? remove(fromSlot) : child(fromSlot.parent, fromSlot.key);
      if (!v) return `${op.op} operation does not apply: doc is missing from path: "${op.from}"`;
      const to = find(root, path);
      if (!to) return missing;
      return add(to, op.op === 'copy' ? clone(v) : v, false, op.at);
    }
    case 'test':
      if (!slot || !equal(child(slot.parent, slot.key), op.value)) return `testing value ${op.path} failed`;
      return undefined;
    default:
      return `unexpected kind of operation: ${op.op}`;
  }
}
