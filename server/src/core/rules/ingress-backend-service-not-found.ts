/** rules.md "Ingress and Gateway API": an Ingress backend names no Service in its namespace. */
import { ingressBackends } from '../links/network';
import { reportMissingService } from './missingService';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'ingress-backend-service-not-found',
    severity: 'error',
    description: 'An Ingress backend names a Service that does not exist in the Ingress namespace.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.ingress || ns === undefined) return;
    for (const { backend, host, path } of ingressBackends(r.ingress)) {
      // Ingress backends never cross namespaces: only the Ingress's own is looked at.
      const name = backend.serviceName.value;
      const route = path === undefined ? 'default backend' : `backend of ${host ?? '*'}${path}`;
      reportMissingService(ctx, r.file, ns, name, backend.serviceName.span, `The ${route}`, false);
    }
  },
};
