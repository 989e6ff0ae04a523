/**
 * Gateway API permissions: whether a route may use a Service in another namespace. The rule
 * route-backend-not-permitted and the traffic path both ask here, so they never disagree.
 */
import type { Lookup } from '../index/lookup';
import type { Resource, RouteBackendRef } from '../model/resource';
import { getSeq, getStr, type YMap } from '../model/ytree';
import { namespaceHasObjects, referenceGrantAllows } from './network';

/**
 * The ReferenceGrants of the target namespace when none allows the route's backendRef
 * (the Gateway rejects it: ResolvedRefs=False, RefNotPermitted); undefined when the ref is
 * allowed, stays in the route's namespace, or the target namespace has nothing in the
 * workspace (its grants may live elsewhere).
 */
export function refNotPermitted(lookup: Lookup, route: Resource, ref: RouteBackendRef, namespace: string): Resource[] | undefined {
  const ns = route.namespace;
  if (ns === undefined || namespace === ns || !ref.namespace) return undefined;
  if (!namespaceHasObjects(lookup, namespace)) return undefined;
  // A mesh "consumer route" may route to the Service it is attached to without a grant.
  if (parentServices(route.root, ns).has(`${namespace}/${ref.name.value}`)) return undefined;
  const grants = [...lookup.get('refgrant', namespace)];
  if (grants.some((g) => referenceGrantAllows(g, route.kind, ns, ref.name.value))) return undefined;
  return grants;
}

/** `ns/name` of the route's parentRefs that are Services (GAMMA mesh routes). */
function parentServices(root: YMap | undefined, ns: string): Set<string> {
  const out = new Set<string>();
  for (const p of getSeq(root, 'spec', 'parentRefs')) {
    const group = getStr(p, 'group') ?? 'gateway.networking.k8s.io';
    const name = getStr(p, 'name');
    if (getStr(p, 'kind') === 'Service' && (group === '' || group === 'core') && name) out.add(`${getStr(p, 'namespace') || ns}/${name}`);
  }
  return out;
}

/** A route's ResolvedRefs condition as a Gateway reports it: True, or False with the first reason found. */
export function routeRefsResolved(
  lookup: Lookup,
  route: Resource,
): { resolved: true } | { resolved: false; reason: 'InvalidKind' | 'BackendNotFound' | 'RefNotPermitted'; ref: RouteBackendRef } {
  const ns = route.namespace;
  if (!route.route || ns === undefined) return { resolved: true };
  for (const rule of route.route.rules) {
    for (const ref of rule.backendRefs) {
      if (ref.kind !== 'Service' || (ref.group !== '' && ref.group !== 'core')) return { resolved: false, reason: 'InvalidKind', ref };
      const namespace = ref.namespace?.value || ns;
      if (refNotPermitted(lookup, route, ref, namespace)) return { resolved: false, reason: 'RefNotPermitted', ref };
      if (lookup.get('svc', `${namespace}/${ref.name.value}`).size === 0 && namespaceHasObjects(lookup, namespace))
        return { resolved: false, reason: 'BackendNotFound', ref };
    }
  }
  return { resolved: true };
}
