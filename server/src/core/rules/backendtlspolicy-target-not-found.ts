/**
 * A BackendTLSPolicy targets a Service that is not in its namespace, or a `sectionName` that
 * is no port name of that Service: the policy applies to nothing, and the Gateway speaks
 * plain text to a backend that expects TLS.
 */
import { nsName } from '../index/tables';
import { closestNames } from '../links/closest';
import { closestServiceNames, isObjectName } from '../links/network';
import { replaceSpan, yamlScalar } from './edits';
import { noService } from './missingService';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'backendtlspolicy-target-not-found',
    severity: 'warning',
    description: 'A BackendTLSPolicy targets a Service, or a Service port name, that does not exist.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    const p = r.backendTLSPolicy;
    if (!p || ns === undefined) return;
    for (const t of p.targets) {
      if (t.kind !== 'Service' || (t.group !== '' && t.group !== 'core') || !isObjectName(t.name.value)) continue;
      const svc = [...ctx.lookup.get('svc', nsName(ns, t.name.value))].find((s) => s.service);
      if (!svc) {
        if (ctx.lookup.get('svcns', ns).size === 0) continue;
        const closest = closestServiceNames(ctx.lookup, ns, t.name.value);
        ctx.report({
          severity: 'warning',
          message: `${noService(t.name.value, ns, closest.length ? `did you mean ${closest.map((c) => `"${c}"`).join(' or ')}?` : 'fix the target or add the Service.')} BackendTLSPolicy ${r.name} applies to nothing, so the Gateway speaks plain text to the backend.`,
          span: t.name.span,
          fixes: closest.map((c) => ({
            title: `Change the target to "${c}"`,
            preferred: closest.length === 1,
            edits: [replaceSpan(r.file, t.name.span, yamlScalar(c))],
          })),
        });
        continue;
      }
      const section = t.sectionName;
      const ports = svc.service!.ports;
      if (!section || ports.some((sp) => sp.name?.value === section.value)) continue;
      const names = ports.flatMap((sp) => (sp.name ? [sp.name.value] : []));
      const closest = closestNames(section.value, names);
      const pick = closest.length ? closest : names.length === 1 ? names : [];
      ctx.report({
        severity: 'warning',
        message: `Service ${svc.name} has no port named "${section.value}": ${pick.length === 1 ? `use "${pick[0]}"` : names.length ? 'use one of its port names' : 'name the port or drop sectionName'}. ${names.length ? `Its port names: ${names.join(', ')}` : 'Its ports have no names'}; BackendTLSPolicy ${r.name} applies to nothing.`,
        span: section.span,
        related: ports.flatMap((sp) =>
          sp.name ? [{ file: svc.file, span: sp.name.span, message: `port ${sp.name.value}: ${sp.port?.value ?? '?'}` }] : [],
        ),
        fixes: pick.map((c) => ({
          title: `Change sectionName to "${c}"`,
          preferred: pick.length === 1,
          edits: [replaceSpan(r.file, section.span, yamlScalar(c))],
        })),
      });
    }
  },
};
