/** rules.md: two ports of one Service share `port`+`protocol`, or share `name` (the API rejects it). */
import type { ServicePort } from '../model/resource';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-port-duplicate',
    severity: 'error',
    description: 'Two ports of one Service share port and protocol, or share a name; the API rejects it.',
  },
  check(r, ctx) {
    const ports = r.service?.ports ?? [];
    const byNumber = new Map<string, ServicePort>();
    const byName = new Map<string, ServicePort>();
    // Reported at the later port, as the API does (spec.ports[i]: Duplicate value); related → the first.
    for (const p of ports) {
      if (p.port) {
        const key = `${p.port.value}/${p.protocol}`;
        const first = byNumber.get(key);
        if (first) {
          ctx.report({
            severity: 'error',
            message: `Port ${p.port.value}/${p.protocol} is declared twice: remove one or change its port or protocol. Service ${r.name} declares it as ports #${first.index + 1} and #${p.index + 1}; the API rejects the Service.`,
            span: p.port.span,
            related: [{ file: r.file, span: first.port!.span, message: `port ${p.port.value}/${p.protocol} first declared here` }],
          });
        } else byNumber.set(key, p);
      }
      if (p.name && p.name.value !== '') {
        const first = byName.get(p.name.value);
        if (first) {
          ctx.report({
            severity: 'error',
            message: `Port name "${p.name.value}" is used twice: rename one of them. Service ${r.name} names ports #${first.index + 1} and #${p.index + 1} "${p.name.value}"; port names must be unique, the API rejects the Service.`,
            span: p.name.span,
            related: [{ file: r.file, span: first.name!.span, message: `"${p.name.value}" first used here` }],
          });
        } else byName.set(p.name.value, p);
      }
    }
  },
};
