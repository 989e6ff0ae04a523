/**
 * `vars:` (deprecated): `$(NAME)` in the fields kustomize's varReference lists (container
 * command, args, env values; Ingress hosts; Service ports; labels, annotations; and those of
 * `configurations:`) becomes the value of the named object's field.
 */
import type { Build } from './build';
import { get, getStr, noteChange } from './nodes';
import { orgId, type Res } from './resmap';
import { gvkOf, specApplies, walkSpec, type FieldSpec } from './fieldspecs';
import type { BMap, BNode, BScalar } from './types';

export interface Var {
  node: BMap;
  path: string;
}

function lookup(root: BNode, fieldPath: string): BNode | undefined {
  let cur: BNode | undefined = root;
  for (const seg of fieldPath.match(/\[[^\]]*\]|[^.[\]]+/g) ?? []) {
    if (!cur) return undefined;
    const m = /^\[([^=]+)=(.*)\]$/.exec(seg);
    if (cur.t === 'seq') cur = m ? cur.items.find((i) => getStr(i, m[1]!) === m[2]) : cur.items[Number(seg)];
    else if (cur.t === 'map') cur = cur.pairs.get(seg.replace(/^\[(.*)\]$/, '$1'))?.value;
    else return undefined;
  }
  return cur;
}

/** The string scalars under a node (a field of varReference may be a list or a map of them). */
function strings(n: BNode | undefined, out: BScalar[]): void {
  if (!n) return;
  if (n.t === 'scalar') {
    if (typeof n.value === 'string' && n.value.includes('$(')) out.push(n);
  } else if (n.t === 'seq') for (const i of n.items) strings(i, out);
  else for (const p of n.pairs.values()) strings(p.value, out);
}

export function resolveVars(list: Res[], vars: Var[], b: Build, specs: FieldSpec[]): void {
  const values = new Map<string, BScalar>();
  for (const v of vars) {
    const name = getStr(v.node, 'name');
    const ref = get(v.node, 'objref');
    if (!name) continue;
    const kind = getStr(ref, 'kind');
    const refName = getStr(ref, 'name');
    const found = list.filter((r) => {
      const o = orgId(r);
      return o.kind === kind && o.name === refName;
    });
    if (found.length !== 1) {
      b.error('var', `var '${name}' cannot be mapped to a field in the set of known resources`, v.path, v.node.span);
      continue;
    }
    const field = lookup(
      found[0]!.root,
      getStr(v.node, 'fieldref', 'fieldpath') ?? getStr(v.node, 'fieldref', 'fieldPath') ?? 'metadata.name',
    );
    if (field?.t === 'scalar') values.set(name, field);
  }
  for (const r of list) {
    const fields: BScalar[] = [];
    const g = gvkOf(getStr(r.root, 'apiVersion') ?? '', getStr(r.root, 'kind') ?? '');
    for (const fs of specs)
      if (specApplies(fs, g)) walkSpec(r.root, fs, undefined, (parent, key) => strings(parent.pairs.get(key)?.value, fields));
    for (const f of new Set(fields)) {
      const before = String(f.value);
      const whole = /^\$\(([A-Za-z0-9_.-]+)\)$/.exec(before);
      const v = whole ? values.get(whole[1]!) : undefined;
      // `$(VAR)` alone takes the value with its type (a port stays a number); inside a string, its text.
      if (v) f.value = v.value;
      else
        f.value = before.replace(/\$\(([A-Za-z0-9_.-]+)\)/g, (all, n: string) =>
          values.has(n) ? String(values.get(n)!.value ?? '') : all,
        );
      if (f.value !== before) {
        f.quoted = typeof f.value === 'string';
        noteChange(f, `vars: ${before}`, { path: v?.src.path ?? f.src.path, span: v?.span ?? f.span });
      }
    }
  }
}
