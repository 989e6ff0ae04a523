/**
 * rules.md "Ingress and Gateway API": a Gateway API route's Service `backendRef` names no
 * Service in its namespace (`backendRefs[].namespace`, else the route's).
 */
import { namespaceHasObjects, serviceBackendRefs } from '../links/network';
import { reportMissingService } from './missingService';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-backend-service-not-found',
    severity: 'error',
    description: 'A Gateway API route backendRef names a Service that does not exist in its namespace.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.route || ns === undefined) return;
    for (const { ref, namespace } of serviceBackendRefs(r.route, ns)) {
      // A namespace the ref names and the workspace holds nothing of is deployed elsewhere,
      // even when a Service of that (often generic) name lives in some other namespace here.
      if (namespace !== ns && !namespaceHasObjects(ctx.lookup, namespace)) continue;
      const name = ref.name.value;
      reportMissingService(ctx, r.file, namespace, name, ref.name.span, `${r.kind} ${r.name}`, true);
    }
  },
};
