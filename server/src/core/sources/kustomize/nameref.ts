/**
 * Name references: after names changed (prefix, suffix, hash), every field that names
 * another object (kustomize's nameReference list: a Service in an Ingress backend or a
 * StatefulSet's serviceName, a ConfigMap or Secret in volumes and env, …) takes the new
 * name of the object it named — the one of that kind, in the referrer's namespace, that
 * had the old name.
 */
import { gvkOf, nameReferences, specApplies, walkSpec, type NameRef } from './fieldspecs';
import { getStr, noteChange, scalar, setPair } from './nodes';
import { allIds, curId, effectiveNs, isClusterScoped, type Res } from './resmap';
import { toSpec, type Frame } from './kctx';
import type { BNode, BScalar } from './types';

function extraRefs(frame: Frame): NameRef[] {
  return frame.nameRefs.flatMap((r) => {
    const o = r as { kind?: string; group?: string; fieldSpecs?: Record<string, unknown>[] };
    return o.kind ? [{ kind: o.kind, ...(o.group ? { group: o.group } : {}), refs: (o.fieldSpecs ?? []).map(toSpec) }] : [];
  });
}

export function fixNameReferences(list: Res[], frame: Frame): void {
  const refs = [...nameReferences, ...extraRefs(frame)];
  const renamed = list.filter((r) => r.prev.some((p) => p.name !== curId(r).name));
  if (renamed.length === 0) return;
  for (const ref of refs) {
    const referents = renamed.filter((r) => {
      const id = curId(r);
      return id.kind === ref.kind && (!ref.group || id.group === ref.group);
    });
    if (referents.length === 0) continue;
    for (const referrer of list) {
      const rid = curId(referrer);
      const g = gvkOf(getStr(referrer.root, 'apiVersion') ?? '', rid.kind);
      for (const fs of ref.refs) {
        if (!specApplies(fs, g)) continue;
        walkSpec(referrer.root, fs, undefined, (parent, key) => {
          const v = parent.pairs.get(key)?.value;
          if (v) update(v, referrer, referents, ref.kind);
        });
      }
    }
  }
}

/** The one referent that had `name`, seen from `referrer`'s namespace; undefined when none or several. */
function referent(name: string, referrer: Res, referents: Res[], ns?: string): Res | undefined {
  const rns = ns ?? effectiveNs(curId(referrer));
  // A reference that names its namespace must match it; one that does not takes the referrer's (any, for a cluster-scoped referrer).
  const cluster = (r: Res): boolean => isClusterScoped(curId(r).kind) || (ns === undefined && isClusterScoped(curId(referrer).kind));
  const found = referents.filter(
    (r) =>
      r !== referrer &&
      allIds(r)
        .slice(0, -1)
        .some((id) => id.name === name && (cluster(r) || effectiveNs(id) === rns || effectiveNs(curId(r)) === rns)),
  );
  const names = new Set(found.map((r) => curId(r).name));
  return names.size === 1 ? found[0] : undefined;
}

function rename(s: BScalar, to: Res, kind: string): void {
  const id = curId(to);
  const was = String(s.value);
  if (was === id.name) return;
  s.value = id.name;
  const nameNode = to.root.pairs.get('metadata')?.value;
  const n = nameNode?.t === 'map' ? nameNode.pairs.get('name')?.value : undefined;
  const by = n ? { path: n.src.path, span: n.span } : { path: to.root.src.path, span: to.root.span };
  noteChange(s, `${kind} ${was} renamed to ${id.name}${n?.src.note ? ` (${n.src.note})` : ''}`, by);
}

function update(v: BNode, referrer: Res, referents: Res[], kind: string): void {
  if (v.t === 'scalar' && v.value !== null) {
    const r = referent(String(v.value), referrer, referents);
    if (r) rename(v, r, kind);
  } else if (v.t === 'seq') {
    for (const item of v.items) {
      if (item.t === 'scalar') update(item, referrer, referents, kind);
      else if (item.t === 'map') updateMap(item, referrer, referents, kind);
    }
  } else if (v.t === 'map') updateMap(v, referrer, referents, kind);
}

/** A reference written as a map with name (and namespace): RBAC subjects, webhook services. */
function updateMap(m: BNode & { t: 'map' }, referrer: Res, referents: Res[], kind: string): void {
  const subjectKind = getStr(m, 'kind');
  if (subjectKind !== undefined && subjectKind !== kind) return;
  const name = m.pairs.get('name')?.value;
  if (name?.t !== 'scalar' || name.value === null) return;
  const ns = getStr(m, 'namespace');
  const r = referent(String(name.value), referrer, referents, ns !== undefined ? (ns === '' ? 'default' : ns) : undefined);
  if (!r) return;
  rename(name, r, kind);
  const nsNode = m.pairs.get('namespace')?.value;
  const newNs = curId(r).namespace;
  if (!newNs || (nsNode?.t === 'scalar' && nsNode.value === newNs)) return;
  if (nsNode?.t === 'scalar') nsNode.value = newNs;
  else setPair(m, 'namespace', scalar(newNs, { path: name.src.path, span: name.span }), { path: name.src.path, span: name.span });
}
