/**
 * rules.md "Ingress and Gateway API": a cross-namespace `backendRef` that no ReferenceGrant
 * in the target namespace allows; the Gateway refuses it (ResolvedRefs=False,
 * RefNotPermitted). Silent when that namespace has nothing in the workspace.
 */
import { serviceBackendRefs } from '../links/network';
import { refNotPermitted } from '../links/routes';
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
      const grants = refNotPermitted(ctx.lookup, r, ref, namespace);
      if (!grants || !ref.namespace) continue;
      ctx.report({
        severity: 'warning',
        message: `No ReferenceGrant allows this backend: add one in namespace ${namespace}. ${r.kind} ${r.name} (namespace ${ns}) may not use Service ${namespace}/${ref.name.value}: no ReferenceGrant in namespace ${namespace} allows ${r.kind} from namespace ${ns} to Services, so the Gateway rejects this backend (RefNotPermitted).`,
        span: ref.namespace.span,
        related: grants.map((g) => ({
          file: g.file,
          span: g.nameSpan,
          message: `ReferenceGrant ${g.name} does not allow ${r.kind} from ${ns} to Service ${ref.name.value}`,
        })),
      });
    }
  },
};
