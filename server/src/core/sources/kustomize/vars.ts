/**
 * `vars:` (deprecated): `$(NAME)` in the fields kustomize's varReference lists (container
 * command, args, env values; Ingress hosts; …) becomes the value of the named object's field.
 */
import type { Build } from './build';
import { get, getStr, noteChange } from './nodes';
import { curId, orgId, type Res } from './resmap';
import type { BMap, BNode } from './types';

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

/** Every string scalar in the parts of an object vars may be used in. */
function varFields(r: Res, out: BNode[]): void {
  const visit = (n: BNode | undefined, path: string[]): void => {
    if (!n) return;
    if (n.t === 'seq') for (const i of n.items) visit(i, path);
    else if (n.t === 'map') for (const [k, p] of n.pairs) visit(p.value, [...path, k]);
    else if (typeof n.value === 'string' && n.value.includes('$(')) {
      const last = path[path.length - 1];
      const inContainer = path.includes('containers') || path.includes('initContainers');
      if ((inContainer && (last === 'command' || last === 'args' || last === 'value' || last === 'mountPath' || last === 'subPath')) || path.includes('annotations') || (curId(r).kind === 'Ingress' && (last === 'host' || last === 'hosts' || last === 'secretName')) || (path[0] === 'data')) out.push(n);
    }
  };
  visit(r.root, []);
}

export function resolveVars(list: Res[], vars: Var[], b: Build): void {
  const values = new Map<string, string>();
  for (const v of vars) {
    const name = getStr(v.node, 'name');
    const ref = get(v.node, 'objref');
    if (!name) continue;
    const kind = getStr(ref, 'kind');
    const refName = getStr(ref, 'name');
    const found = list.filter((r) => { const o = orgId(r); return o.kind === kind && o.name === refName; });
    if (found.length !== 1) {
      b.error('var', `var '${name}' cannot be mapped to a field in the set of known resources`, v.path, v.node.span);
      continue;
    }
    const field = lookup(found[0]!.root, getStr(v.node, 'fieldref', 'fieldpath') ?? getStr(v.node, 'fieldref', 'fieldPath') ?? 'metadata.name');
    if (field?.t === 'scalar') values.set(name, String(field.value));
  }
  for (const r of list) {
    const fields: BNode[] = [];
    varFields(r, fields);
    for (const f of fields) {
      if (f.t !== 'scalar') continue;
      const before = String(f.value);
      const after = before.replace(/\$\(([A-Za-z0-9_.-]+)\)/g, (all, n: string) => values.get(n) ?? all);
      if (after !== before) {
        f.value = after;
        noteChange(f, `vars replaced in ${before}`, { path: f.src.path, span: f.span });
      }
    }
  }
}
