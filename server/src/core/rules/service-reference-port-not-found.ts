/**
 * rules.md "DNS references to Services": a reference's `:port` is none of the Service's
 * `ports[].port`. Usually the Pods' port (the targetPort) written where in-cluster clients
 * must use the Service port.
 */
import { describeServicePort, portsReadable, resolveDnsRef, servicePortsTargeting, targetPortHint } from '../links/network';
import { effectiveTargetPort } from '../model/resource';
import { fitFirst } from '../model/finding';
import { replaceSpan } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-reference-port-not-found',
    severity: 'warning',
    description: 'A Service DNS reference uses a port that the Service does not have.',
  },
  check(r, ctx) {
    for (const ref of r.dnsRefs) {
      if (ref.port === undefined) continue;
      const res = resolveDnsRef(ctx.lookup, ref);
      const s = res?.service.service;
      // Headless names resolve to Pod IPs, so any Pod port is right; ExternalName ports are only informative.
      if (!res || !s || res.servicePort || s.headless || s.type === 'ExternalName' || !portsReadable(s)) continue;
      const service = res.service;
      const matches = servicePortsTargeting(ctx.lookup, service, ref.port);
      const hint = targetPortHint(matches, ref.port);
      const only = matches.length === 1 ? matches[0]!.servicePort : s.ports.length === 1 ? s.ports[0] : undefined;
      const list = s.ports.map(describeServicePort).join(', ');
      // Keep the host exactly as the user wrote it (`cart.shop.svc.cluster.local`), change only the port.
      const written = ref.portSpan ? r.file.text.slice(ref.span[0], ref.portSpan[0] - 1) : '';
      const host = written.startsWith(ref.service) ? written : `${ref.service}${ref.qualified ? `.${ref.namespace}.svc` : ''}`;
      const use = matches.length === 1 ? `${host}:${matches[0]!.servicePort.port!.value}` : `one of ${list}`;
      const portSpan = ref.portSpan ?? ref.span;
      const good = matches.length === 1 ? matches[0]!.servicePort : only;
      const first = good
        ? fitFirst(
            `Service ${service.name} has no port ${ref.port}: use ${host}:${good.port!.value}.`,
            `Service ${service.name} has no port ${ref.port}: use port ${good.port!.value}.`,
          )
        : `Service ${service.name} has no port ${ref.port}: use one of its ports.`;
      const exact = r.file.text.slice(portSpan[0], portSpan[1]) === String(ref.port);
      ctx.report({
        severity: 'warning',
        message: hint
          ? `${first} ${hint} (${ref.where}); in-cluster clients must use the Service port, not the Pod's port${matches.length === 1 ? '' : ` — use ${use}`}.`
          : `${first} Its ports: ${list} (${ref.where}).`,
        span: portSpan,
        related: s.ports.map((p) => ({
          file: service.file,
          span: p.port!.span,
          message: `Service ${service.name} port ${describeServicePort(p)} → targetPort ${effectiveTargetPort(p)?.value ?? '?'}`,
        })),
        fixes: exact
          ? s.ports.map((p) => ({
              title: `Change port to ${p.port!.value}`,
              preferred: p === only,
              edits: [replaceSpan(r.file, portSpan, String(p.port!.value))],
            }))
          : [],
      });
    }
  },
};
