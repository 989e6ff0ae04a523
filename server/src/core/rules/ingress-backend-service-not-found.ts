/** rules.md "Ingress and Gateway API": an Ingress backend names no Service in its namespace. */
import { nsName } from '../index/tables';
import { closestServiceNames, ingressBackends, isObjectName, operatorForService } from '../links/network';
import { replaceSpan, yamlScalar } from './edits';
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
      const name = backend.serviceName.value;
      // Ingress backends never cross namespaces: only the Ingress's own is looked at.
      if (!isObjectName(name) || ctx.lookup.get('svc', nsName(ns, name)).size > 0) continue;
      // An operator may create it from a custom resource (`<name>-kb-http`, `<name>-head-svc`).
      if (operatorForService(ctx.lookup, ns, name)) continue;
      const services = [...ctx.lookup.get('svcns', ns)];
      const candidates = closestServiceNames(ctx.lookup, ns, name);
      const route = path === undefined ? 'default backend' : `backend of ${host ?? '*'}${path}`;
      const hint = candidates.length > 0
        ? `did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`
        : services.length > 0 ? `its Services: ${[...new Set(services.map((s) => s.name))].slice(0, 5).join(', ')}.` : 'the namespace has no Service in the workspace.';
      ctx.report({
        severity: 'error',
        message: `Service "${name}" (${route}) does not exist in namespace ${ns}; ${hint}`,
        span: backend.serviceName.span,
        related: candidates.flatMap((c) => services.filter((s) => s.name === c).slice(0, 1)).map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${s.name} in namespace ${ns}` })),
        fixes: candidates.map((c) => ({
          title: `Rename to "${c}"`,
          preferred: candidates.length === 1,
          edits: [replaceSpan(r.file, backend.serviceName.span, yamlScalar(c))],
        })),
      });
    }
  },
};
