/**
 * rules.md "NetworkPolicy": every pod template behind a Service is isolated for ingress by
 * NetworkPolicies and no rule of them admits any source on the effective targetPort, so the
 * Service can never answer on that port. Conservative on purpose: any rule covering the
 * port counts as admitting (its peers may match sources outside the workspace), and a
 * template whose port cannot be resolved is never called blocked.
 */
import type { Lookup } from '../index/lookup';
import { ingressVerdict, type PodPort } from '../links/network';
import { resolvePort } from '../links/ports';
import { templatesForMap } from '../links/selectors';
import { effectiveTargetPort, type PodTemplate, type Resource, type ServicePort } from '../model/resource';
import { listed, relatedFor } from '../model/finding';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-blocked-by-networkpolicy',
    severity: 'warning',
    description: 'NetworkPolicies isolate every Pod behind a Service and none admits traffic on its targetPort.',
  },
  check(r, ctx) {
    const s = r.service;
    const ns = r.namespace;
    if (!s || ns === undefined || s.type === 'ExternalName' || !s.selector || s.selector.size === 0) return;
    const templates = templatesForMap(ctx.lookup, ns, s.selector);
    if (templates.length === 0) return;
    for (const p of s.ports) {
      const target = effectiveTargetPort(p);
      if (!target) continue;
      const blocking = new Map<string, Resource>();
      // Templates under the same policies share one verdict: its list is read once, not once per template.
      const seen = new Set<readonly Resource[]>();
      const allBlocked = templates.every((pt) => {
        const lists = blockedBy(ctx.lookup, pt, p, target.value);
        for (const list of lists ?? []) {
          if (seen.has(list)) continue;
          seen.add(list);
          for (const pol of list) blocking.set(`${pol.namespace}/${pol.name}`, pol);
        }
        return lists !== undefined;
      });
      if (!allBlocked || blocking.size === 0) continue;
      const names = [...new Set([...blocking.values()].map((b) => b.name))].sort();
      const workloads = listed([...new Set(templates.map((pt) => `${pt.owner.kind} ${pt.owner.name}`))].sort());
      const dest = `${target.value}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;
      ctx.report({
        severity: 'warning',
        message: `NetworkPolicies block all traffic to port ${dest}: add an ingress rule that admits it. Service ${r.name} port ${p.port?.value ?? '?'} can never answer: ${names.length > 1 ? `NetworkPolicies ${listed(names)} isolate` : `NetworkPolicy ${names[0]} isolates`} the Pods of ${workloads} for ingress, and no ingress rule admits port ${dest} (admit it from the clients that should reach it).`,
        span: target.span,
        related: relatedFor([...blocking.values()], (b) => ({
          file: b.file,
          span: b.nameSpan,
          message: `NetworkPolicy ${b.name} isolates these Pods and admits nothing on ${dest}`,
        })),
      });
    }
  },
};

/**
 * The lists of isolating policies (shared by templates with the same verdict) when ingress to the port is denied on every container port it
 * reaches in the template; undefined when some traffic may arrive or the port is unknown.
 */
function blockedBy(lookup: Lookup, pt: PodTemplate, p: ServicePort, target: string | number): (readonly Resource[])[] | undefined {
  const { matches } = resolvePort(pt, target, p.protocol);
  const dests: PodPort[] = matches.flatMap((cp) =>
    cp.containerPort ? [{ port: cp.containerPort.value, protocol: cp.protocol, name: cp.name?.value }] : [],
  );
  // An undeclared number is still where traffic goes; an unresolved name goes nowhere we know.
  // (An out-of-range number is port-number-invalid's business, not a policy's.)
  if (dests.length === 0 && typeof target === 'number' && target >= 1 && target <= 65535)
    dests.push({ port: target, protocol: p.protocol });
  if (dests.length === 0) return undefined;
  const out: (readonly Resource[])[] = [];
  for (const d of dests) {
    const v = ingressVerdict(lookup, pt, d);
    if (!v.isolated || v.allowedBy.length > 0) return undefined;
    out.push(v.blockingPolicies);
  }
  return out;
}
