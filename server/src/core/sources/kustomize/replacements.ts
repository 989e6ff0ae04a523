/** `replacements:` copy a field of one object into fields of others (fieldPaths with `[key=value]` and `*`). */
import { clone, fromY, get, getStr, newMap, noteChange, setPair } from './nodes';
import { select, type Res, type Selector } from './resmap';
import { at, type KCtx } from './kctx';
import type { BMap, BNode, Place } from './types';

export interface Replacement {
  node: BMap;
  path: string;
}

export function readReplacements(k: KCtx, items: BNode[]): Replacement[] {
  const out: Replacement[] = [];
  for (const e of items) {
    if (e.t !== 'map') continue;
    const path = getStr(e, 'path');
    if (path === undefined) {
      out.push({ node: e, path: k.path });
      continue;
    }
    const p = k.b.resolve(k.dir, path, at(k, e), 'replacement');
    const parsed = p === undefined ? undefined : k.b.reader.yaml(p);
    if (!parsed || p === undefined) {
      if (p !== undefined) k.b.error('missing-file', `replacements: ${path} not found`, k.path, e.span);
      continue;
    }
    for (const d of parsed.docs) {
      const n = fromY(d, p);
      const list = n.t === 'seq' ? n.items : [n];
      for (const r of list) if (r.t === 'map') out.push({ node: r, path: p });
    }
  }
  return out;
}

function segments(fp: string): string[] {
  return fp.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
}

/** The nodes a fieldPath names (with `create`, missing maps and the last field are made, placed at `place`). */
function lookup(root: BNode, fp: string, create?: Place): { parent: BNode; key: string }[] {
  let cur: { parent: BNode | undefined; node: BNode | undefined; key: string }[] = [{ parent: undefined, node: root, key: '' }];
  const segs = segments(fp);
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const next: typeof cur = [];
    for (const c of cur) {
      const n = c.node;
      if (!n) continue;
      const m = /^\[([^=]+)=(.*)\]$/.exec(seg);
      if (n.t === 'seq') {
        n.items.forEach((item, idx) => {
          if (seg === '*' || (m && getStr(item, m[1]!) === m[2]) || seg === String(idx))
            next.push({ parent: n, node: item, key: String(idx) });
        });
      } else if (n.t === 'map') {
        const key = seg.replace(/^\[(.*)\]$/, '$1');
        if (seg === '*') for (const [k2, p] of n.pairs) next.push({ parent: n, node: p.value, key: k2 });
        else {
          let v = n.pairs.get(key)?.value;
          if (!v && create && !last) {
            v = newMap(create);
            setPair(n, key, v, create);
          }
          if (v || (create && last)) next.push({ parent: n, node: v, key });
        }
      }
    }
    cur = next;
  });
  return cur.filter((c): c is { parent: BNode; node: BNode | undefined; key: string } => c.parent !== undefined);
}

function selectorOf(n: BNode | undefined): Selector {
  const s: Selector = {};
  if (n?.t !== 'map') return s;
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getStr(n, key);
    if (v !== undefined) s[key] = v;
  }
  return s;
}

export function runReplacements(k: KCtx, list: Res[], reps: Replacement[]): void {
  if (reps.length) k.b.crossObject = true;
  for (const rep of reps) {
    const source = get(rep.node, 'source');
    const sources = select(list, selectorOf(source));
    if (sources.length !== 1) {
      k.b.error(
        'replacement',
        `${sources.length === 0 ? 'nothing selected' : 'multiple matches'} by replacement source ${JSON.stringify(selectorOf(source))}`,
        rep.path,
        (source ?? rep.node).span,
      );
      continue;
    }
    const found = lookup(sources[0]!.root, getStr(source, 'fieldPath') ?? 'metadata.name');
    let value = found[0]
      ? found[0].parent.t === 'map'
        ? found[0].parent.pairs.get(found[0].key)?.value
        : found[0].parent.t === 'seq'
          ? found[0].parent.items[Number(found[0].key)]
          : undefined
      : undefined;
    if (!value) {
      k.b.error(
        'replacement',
        `fieldPath \`${getStr(source, 'fieldPath') ?? 'metadata.name'}\` is missing for replacement source`,
        rep.path,
        (source ?? rep.node).span,
      );
      continue;
    }
    const sopts = get(source, 'options');
    if (value.t === 'scalar' && getStr(sopts, 'delimiter') !== undefined) {
      const part = String(value.value).split(getStr(sopts, 'delimiter')!)[Number(getStr(sopts, 'index') ?? '0')];
      value = { ...value, value: part ?? '' };
    }
    const target = get(rep.node, 'targets');
    for (const t of target?.t === 'seq' ? target.items : []) {
      const rejects = get(t, 'reject');
      const rejected = new Set((rejects?.t === 'seq' ? rejects.items : []).flatMap((r) => select(list, selectorOf(r))));
      const opts = get(t, 'options');
      const create = getStr(opts, 'create') === 'true' ? { path: rep.path, span: t.span } : undefined;
      const paths = get(t, 'fieldPaths');
      for (const r of select(list, selectorOf(get(t, 'select')))) {
        if (rejected.has(r)) continue;
        for (const fp of paths?.t === 'seq' ? paths.items : []) {
          const path = getStr(fp) ?? String(fp.t === 'scalar' ? fp.value : '');
          const slots = lookup(r.root, path, create);
          if (slots.length === 0) k.b.error('replacement', `unable to find field "${path}" in replacement target`, rep.path, fp.span);
          for (const slot of slots) set(slot, value, opts, { path: rep.path, span: t.span });
        }
      }
    }
  }
}

function set(slot: { parent: BNode; key: string }, value: BNode, opts: BNode | undefined, by: Place): void {
  const delimiter = getStr(opts, 'delimiter');
  let v = clone(value);
  const old =
    slot.parent.t === 'map'
      ? slot.parent.pairs.get(slot.key)?.value
      : slot.parent.t === 'seq'
        ? slot.parent.items[Number(slot.key)]
        : undefined;
  if (delimiter !== undefined && old?.t === 'scalar' && v.t === 'scalar') {
    const parts = String(old.value ?? '').split(delimiter);
    const i = Number(getStr(opts, 'index') ?? '0');
    if (i >= 0 && i < parts.length) parts[i] = String(v.value);
    else if (i < 0) parts.unshift(String(v.value));
    else parts.push(String(v.value));
    v = { ...old, value: parts.join(delimiter), src: { ...old.src } };
  }
  // kustomize copies the source's text: into an existing field it keeps that field's type
  // (a string stays a string), a new field reads the text as plain YAML ("8080" is a number).
  if (v.t === 'scalar' && v.value !== null) {
    const text = String(v.value);
    const asNumber = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
    if (old?.t === 'scalar' && typeof old.value === 'string') v = { ...v, value: text, quoted: true };
    else if (old?.t === 'scalar' && typeof old.value === 'number' && asNumber !== undefined) v = { ...v, value: asNumber, quoted: false };
    else if (!old) v = { ...v, value: asNumber ?? (text === 'true' ? true : text === 'false' ? false : text), quoted: false };
  }
  if (v.t === 'scalar') noteChange(v, `set by replacements from ${by.path}`, by);
  if (slot.parent.t === 'map') setPair(slot.parent, slot.key, v, by);
  else if (slot.parent.t === 'seq') slot.parent.items[Number(slot.key)] = v;
}
