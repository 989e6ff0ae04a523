/**
 * rules.md "Ingress and Gateway API": a cross-namespace `backendRef` that no ReferenceGrant
 * in the target namespace allows; the Gateway refuses it (ResolvedRefs=False,
 * RefNotPermitted). Silent when that namespace has nothing in the workspace.
 */
import { namespaceHasObjects, referenceGrantAllows, serviceBackendRefs } from '../links/network';
import { getSeq, getStr, type YMap } from '../model/ytree';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-backend-not-permitted',
    severity: 'warning',
    description: 'A cross-namespace route backendRef has no ReferenceGrant in the target namespace allowing it.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.route || ns === undefined) return;
    for (const { ref, namespace } of serviceBackendRefs(r.route, ns)) {
      if (namespace === ns || !ref.namespace) continue;
      if (!namespaceHasObjects(ctx.lookup, namespace)) continue;
      // A mesh "consumer route" may route to the Service it is attached to without a grant.
      if (parentServices(r.root, ns).has(`${namespace}/${ref.name.value}`)) continue;
      const grants = [...ctx.lookup.get('refgrant', namespace)];
      if (grants.some((g) => referenceGrantAllows(g, r.kind, ns, ref.name.value))) continue;
      ctx.report({
        severity: 'warning',
        message: `${r.kind} ${r.name} (namespace ${ns}) may not use Service ${namespace}/${ref.name.value}: no ReferenceGrant in namespace ${namespace} allows ${r.kind} from namespace ${ns} to Services, so the Gateway rejects this backend (RefNotPermitted).`,
        span: ref.namespace.span,
        related: grants.map((g) => ({ file: g.file, span: g.nameSpan, message: `ReferenceGrant ${g.name} does not allow ${r.kind} from ${ns} to Service ${ref.name.value}` })),
      });
    }
  },
};

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
