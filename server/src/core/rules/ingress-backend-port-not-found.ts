/**
 * rules.md "Ingress and Gateway API": the backend Service exists but has no port with that
 * `port.number` (against `ports[].port`) or `port.name` (against `ports[].name`). The
 * classic slip is the Pod's port (the Service's targetPort) in place of the Service port.
 */
import type { Lookup } from '../index/lookup';
import {
  describeServicePort,
  ingressBackends,
  portsReadable,
  resolveBackend,
  servicePortsTargeting,
  targetPortHint,
} from '../links/network';
import type { Fix } from '../model/finding';
import { effectiveTargetPort, type IngressBackend, type Resource, type ServicePort } from '../model/resource';
import { get, isMap, isSeq, pair, type Span, type YMap, type YNode } from '../model/ytree';
import { replaceSpan, yamlScalar } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'ingress-backend-port-not-found',
    severity: 'error',
    description: 'An Ingress backend names a port (number or name) that its Service does not have.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.ingress || ns === undefined) return;
    for (const { backend } of ingressBackends(r.ingress)) {
      const want = backend.portNumber?.value ?? backend.portName?.value;
      if (want === undefined) continue;
      const { service, servicePort } = resolveBackend(ctx.lookup, ns, backend.serviceName.value, want);
      const s = service?.service;
      // No Service: the service-not-found rule speaks. Unreadable ports, or none (an
      // ExternalName without ports: controllers use the number as the external port):
      // nothing can be proven missing. An ExternalName with ports must have the one named.
      if (!service || !s || servicePort || !portsReadable(s)) continue;
      const { message, preferred } = describe(ctx.lookup, service, want);
      ctx.report({
        severity: 'error',
        message,
        span: backend.portNumber?.span ?? backend.portName!.span,
        related: s.ports.map((p) => ({
          file: service.file,
          span: p.port!.span,
          message: `Service ${service.name} port ${describeServicePort(p)} → targetPort ${effectiveTargetPort(p)?.value ?? '?'}`,
        })),
        fixes: fixesFor(r, backend, s.ports, preferred),
      });
    }
  },
};

/** The message, and the Service port to prefer in the fixes (when there is an obvious one). */
function describe(lookup: Lookup, service: Resource, want: number | string): { message: string; preferred: ServicePort | undefined } {
  const ports = service.service!.ports;
  const list = ports.map(describeServicePort).join(', ');
  if (typeof want === 'number') {
    const matches = servicePortsTargeting(lookup, service, want);
    const hint = targetPortHint(matches, want);
    const only = matches.length === 1 ? matches[0]!.servicePort : undefined;
    if (hint) {
      const use = only ? `use ${only.port!.value}${only.name ? ` (or the name "${only.name.value}")` : ''}` : `use one of ${list}`;
      return {
        message: `Service ${service.name} has no port ${want}: ${only ? `use ${only.port!.value}` : 'use a Service port'}. ${hint}; an Ingress backend names the Service port, not the Pod's port — ${use}.`,
        preferred: only,
      };
    }
    return {
      message: `Service ${service.name} has no port ${want}: ${ports.length === 1 ? `use ${ports[0]!.port!.value}` : 'use one of its ports'}. Its ports: ${list}.`,
      preferred: ports.length === 1 ? ports[0] : undefined,
    };
  }
  // A name that is a targetPort name (the container port's name) rather than the Service port's.
  const byTarget = ports.filter((p) => effectiveTargetPort(p)?.value === want && p.name?.value !== want);
  if (byTarget.length > 0) {
    const p = byTarget[0]!;
    const use = p.name ? `"${p.name.value}" or number ${p.port!.value}` : `number ${p.port!.value} (the Service port has no name)`;
    return {
      message: `Service ${service.name} has no port named "${want}": use ${p.name ? `"${p.name.value}"` : `number ${p.port!.value}`}. "${want}" is the Pods' port name (targetPort of Service port ${describeServicePort(p)}); an Ingress backend must name the Service port — use ${use}.`,
      preferred: byTarget.length === 1 ? p : undefined,
    };
  }
  const named = ports.some((p) => p.name);
  return {
    message: `Service ${service.name} has no port named "${want}": ${named ? 'use one of its port names' : 'use port.number'}. Its ports: ${list}${named ? '' : ' (none has a name)'}.`,
    preferred: ports.length === 1 ? ports[0] : undefined,
  };
}

/** One fix per Service port: by number, and by name where it has one. */
function fixesFor(r: Resource, b: IngressBackend, ports: readonly ServicePort[], preferred: ServicePort | undefined): Fix[] {
  const fixes: Fix[] = [];
  const portMap = b.legacy ? undefined : v1PortMap(r.root, b.span);
  for (const p of ports) {
    const n = p.port!.value;
    const byNumber = edit(r, b, portMap, 'number', n);
    if (byNumber)
      fixes.push({
        title: `Change port to ${n}`,
        preferred: p === preferred && (b.portNumber !== undefined || !p.name),
        edits: [byNumber],
      });
    if (!p.name) continue;
    const byName = edit(r, b, portMap, 'name', p.name.value);
    if (byName)
      fixes.push({
        title: `Change port to "${p.name.value}"`,
        preferred: p === preferred && b.portName !== undefined && b.portNumber === undefined,
        edits: [byName],
      });
  }
  return fixes;
}

/**
 * The edit that makes the backend use `value` as its port. The old form takes either in
 * `servicePort`; the v1 form switches between `number:` and `name:` when needed.
 */
function edit(r: Resource, b: IngressBackend, portMap: YMap | undefined, key: 'number' | 'name', value: number | string) {
  if (b.legacy) return replaceSpan(r.file, b.portSpan, yamlScalar(value));
  const current = b.portNumber ? 'number' : 'name';
  const cur = pair(portMap, current);
  if (!cur?.value) return undefined;
  if (current === key) return replaceSpan(r.file, cur.value.span, yamlScalar(value));
  // Keep a flow map `{number: 8080}` readable: replace `number: 8080` by `name: http` in place.
  return replaceSpan(r.file, [cur.keySpan[0], cur.value.span[1]], `${key}: ${yamlScalar(value)}`);
}

/** The v1 backend's `service.port` map, found by the backend's span. */
function v1PortMap(root: YNode | undefined, span: Span): YMap | undefined {
  const backend = mapAt(root, span);
  const port = get(backend, 'service', 'port');
  return isMap(port) ? port : undefined;
}

function mapAt(n: YNode | undefined, span: Span): YMap | undefined {
  if (!n || n.t === 'scalar' || n.span[0] > span[0] || n.span[1] < span[1]) return undefined;
  if (isMap(n) && n.span[0] === span[0] && n.span[1] === span[1]) return n;
  const children = isSeq(n) ? n.items : isMap(n) ? [...n.pairs.values()].map((p) => p.value) : [];
  for (const c of children) {
    const hit = mapAt(c, span);
    if (hit) return hit;
  }
  return undefined;
}
