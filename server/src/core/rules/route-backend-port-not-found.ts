/**
 * rules.md "Ingress and Gateway API": a route's backend Service has no `ports[].port` equal
 * to `backendRefs[].port` — often the Pods' port written where the Service port belongs.
 */
import {
  describeServicePort,
  portsReadable,
  resolveBackend,
  serviceBackendRefs,
  servicePortsTargeting,
  targetPortHint,
} from '../links/network';
import { effectiveTargetPort } from '../model/resource';
import { replaceSpan } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-backend-port-not-found',
    severity: 'error',
    description: 'A Gateway API route backendRef names a port that its Service does not have.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.route || ns === undefined) return;
    for (const { ref, namespace } of serviceBackendRefs(r.route, ns)) {
      const port = ref.port;
      if (!port) continue;
      const { service, servicePort } = resolveBackend(ctx.lookup, namespace, ref.name.value, port.value);
      const s = service?.service;
      if (!service || !s || servicePort || !portsReadable(s)) continue;
      const matches = servicePortsTargeting(ctx.lookup, service, port.value);
      const hint = targetPortHint(matches, port.value);
      const only = matches.length === 1 ? matches[0]!.servicePort : s.ports.length === 1 ? s.ports[0] : undefined;
      const list = s.ports.map(describeServicePort).join(', ');
      ctx.report({
        severity: 'error',
        message: hint
          ? `Service ${service.name} has no port ${port.value}: ${matches.length === 1 ? `use ${matches[0]!.servicePort.port!.value}` : 'use a Service port'}. ${hint}; a backendRef names the Service port, not the Pod's port — use ${matches.length === 1 ? matches[0]!.servicePort.port!.value : `one of ${list}`}.`
          : `Service ${service.name} has no port ${port.value}: ${only ? `use ${only.port!.value}` : 'use one of its ports'}. Its ports: ${list}.`,
        span: port.span,
        related: s.ports.map((p) => ({
          file: service.file,
          span: p.port!.span,
          message: `Service ${service.name} port ${describeServicePort(p)} → targetPort ${effectiveTargetPort(p)?.value ?? '?'}`,
        })),
        fixes: s.ports.map((p) => ({
          title: `Change port to ${p.port!.value}`,
          preferred: p === only,
          edits: [replaceSpan(r.file, port.span, String(p.port!.value))],
        })),
      });
    }
  },
};
