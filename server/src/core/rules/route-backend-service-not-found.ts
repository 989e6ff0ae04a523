/**
 * rules.md "Ingress and Gateway API": a Gateway API route's Service `backendRef` names no
 * Service in its namespace (`backendRefs[].namespace`, else the route's).
 */
import { serviceBackendRefs } from '../links/network';
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
      const name = ref.name.value;
      reportMissingService(ctx, r.file, namespace, name, ref.name.span, (hint) => `${r.kind} backend Service "${name}" does not exist in namespace ${namespace}; ${hint}`);
    }
  },
};
