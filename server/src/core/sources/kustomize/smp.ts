/**
 * Strategic merge patches as kustomize applies them: maps merge key by key (`null` deletes),
 * lists of Kubernetes objects merge by their merge key (containers by name, container ports
 * by containerPort, Service ports by port, env and volumes by name, …), other lists are
 * replaced, the patch's items first (kustomize merges with "prepend"); `$patch: delete|replace`.
 * Like kustomize (kyaml), no other directive is known: `$retainKeys`, `$setElementOrder/…`
 * and `$deleteFromPrimitiveList/…` are copied into the object as keys.
 * Values that come from the patch keep the patch's file and spans.
 */
import { clone } from './nodes';
import type { BMap, BNode, BSeq } from './types';

/** The merge key of the list at a key path (keys only, no indices), or undefined when it is replaced whole. */
function mergeKey(path: string[], kind: string, items: BNode[]): string | undefined {
  const last = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  switch (last) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
    case 'webhooks':
      return 'name';
    case 'ports':
      if (/^(containers|initContainers|ephemeralContainers)$/.test(parent)) return 'containerPort';
      if (kind === 'Service' && path.length === 2 && parent === 'spec') return 'port';
      return undefined;
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'args':
    case 'command':
    case 'envFrom':
    case 'tolerations':
    case 'finalizers':
      return undefined;
  }
  // Without a schema, kustomize merges a list whose items all carry one of these keys.
  const maps = items.filter((i): i is BMap => i.t === 'map');
  if (maps.length === 0 || maps.length !== items.length) return undefined;
  return ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'].find((k) => maps.every((m) => m.pairs.has(k)));
}

function directive(m: BMap): string | undefined {
  const v = m.pairs.get('$patch')?.value;
  return v?.t === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

const isDirectiveKey = (k: string): boolean => k === '$patch';

/** A copy of a patch value without its directives. */
function cleaned(n: BNode): BNode {
  if (n.t === 'scalar') return clone(n);
  if (n.t === 'seq')
    return { ...n, items: n.items.filter((i) => !(i.t === 'map' && directive(i) !== undefined && i.pairs.size === 1)).map(cleaned) };
  const out: BMap = { t: 'map', pairs: new Map(), span: n.span, src: { ...n.src } };
  for (const [k, p] of n.pairs)
    if (!isDirectiveKey(k) && !(p.value?.t === 'scalar' && p.value.value === null))
      out.pairs.set(k, { ...p, keySrc: { ...p.keySrc }, value: p.value ? cleaned(p.value) : undefined });
  return out;
}

/** Apply `patch` to `target` in place; 'delete' when the patch deletes the whole object. */
export function applySmp(target: BMap, patch: BMap, kind: string): 'delete' | undefined {
  const d = directive(patch);
  if (d === 'delete') return 'delete';
  if (d === 'replace') {
    target.pairs.clear();
    for (const [k, p] of (cleaned(patch) as BMap).pairs) target.pairs.set(k, p);
    return undefined;
  }
  mergeMap(target, patch, [], kind);
  return undefined;
}

function mergeMap(dst: BMap, src: BMap, path: string[], kind: string): 'delete' | undefined {
  const d = directive(src);
  if (d === 'delete') return 'delete';
  if (d === 'replace') {
    dst.pairs.clear();
    for (const [k, p] of (cleaned(src) as BMap).pairs) dst.pairs.set(k, p);
    return undefined;
  }
  for (const [k, p] of src.pairs) {
    if (isDirectiveKey(k)) continue;
    const sv = p.value;
    const had = dst.pairs.get(k);
    if (!sv || (sv.t === 'scalar' && sv.value === null)) {
      dst.pairs.delete(k);
      continue;
    }
    const dv = had?.value;
    if (sv.t === 'map' && dv?.t === 'map') {
      if (mergeMap(dv, sv, [...path, k], kind) === 'delete') dst.pairs.delete(k);
      continue;
    }
    if (sv.t === 'map' && directive(sv) === 'delete') {
      dst.pairs.delete(k);
      continue;
    }
    if (sv.t === 'seq' && dv?.t === 'seq') {
      mergeList(dv, sv, [...path, k], kind);
      continue;
    }
    const value = cleaned(sv);
    if (had) had.value = value;
    else dst.pairs.set(k, { key: k, keySpan: p.keySpan, keySrc: { ...p.keySrc }, value });
  }
  return undefined;
}

function keyOf(n: BNode, key: string): unknown {
  if (n.t !== 'map') return undefined;
  const v = n.pairs.get(key)?.value;
  return v?.t === 'scalar' ? String(v.value) : undefined;
}

function mergeList(dst: BSeq, src: BSeq, path: string[], kind: string): void {
  if (src.items.some((i) => i.t === 'map' && directive(i) === 'replace' && i.pairs.size === 1)) {
    dst.items = (cleaned(src) as BSeq).items;
    return;
  }
  const key = mergeKey(path, kind, [...dst.items, ...src.items.filter((i) => !(i.t === 'map' && directive(i) !== undefined))]);
  if (!key) {
    dst.items = (cleaned(src) as BSeq).items;
    dst.src = { ...src.src };
    return;
  }
  // kustomize merges with "prepend": the patch's items first (merged with the ones they name), then the others.
  const out: BNode[] = [];
  const used = new Set<BNode>();
  for (const item of src.items) {
    const k = keyOf(item, key);
    const d = k === undefined ? undefined : dst.items.find((x) => keyOf(x, key) === k);
    if (d) used.add(d);
    if (item.t === 'map' && directive(item) === 'delete') continue;
    if (d?.t === 'map' && item.t === 'map') {
      if (mergeMap(d, item, path, kind) !== 'delete') out.push(d);
    } else out.push(cleaned(item));
  }
  for (const d of dst.items) if (!used.has(d)) out.push(d);
  dst.items = out;
}
