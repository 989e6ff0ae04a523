/**
 * rules.md "Ingress and Gateway API": a Gateway API route's Service `backendRef` names no
 * Service in its namespace (`backendRefs[].namespace`, else the route's).
 */
import { nsName } from '../index/tables';
import { closestServiceNames, isObjectName, namespaceHasObjects, operatorForService, serviceBackendRefs } from '../links/network';
import { replaceSpan, yamlScalar } from './edits';
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
      if (!isObjectName(name) || ctx.lookup.get('svc', nsName(namespace, name)).size > 0) continue;
      // Another namespace with nothing in the workspace is managed elsewhere: no guessing.
      if (namespace !== ns && !namespaceHasObjects(ctx.lookup, namespace)) continue;
      if (operatorForService(ctx.lookup, namespace, name)) continue;
      const services = [...ctx.lookup.get('svcns', namespace)];
      const candidates = closestServiceNames(ctx.lookup, namespace, name);
      const hint = candidates.length > 0
        ? `did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`
        : services.length > 0 ? `its Services: ${[...new Set(services.map((s) => s.name))].slice(0, 5).join(', ')}.` : 'the namespace has no Service in the workspace.';
      ctx.report({
        severity: 'error',
        message: `${r.kind} backend Service "${name}" does not exist in namespace ${namespace}; ${hint}`,
        span: ref.name.span,
        related: candidates.flatMap((c) => services.filter((s) => s.name === c).slice(0, 1)).map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${s.name} in namespace ${namespace}` })),
        fixes: candidates.map((c) => ({ title: `Rename to "${c}"`, preferred: candidates.length === 1, edits: [replaceSpan(r.file, ref.name.span, yamlScalar(c))] })),
      });
    }
  },
};
