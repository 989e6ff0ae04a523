/**
 * rules.md: two Service ports in the workspace use the same nodePort (node ports are
 * cluster-wide: any namespace, any protocol). Ports of one Service with different protocols
 * may share one. Each Service reports its own port; related points at the others.
 */
import { sameObject } from '../links/services';
import { freeNodePortFix } from '../links/services-edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'node-port-conflict',
    severity: 'error',
    description: 'Two Service ports in the workspace use the same nodePort; node ports are cluster-wide.',
  },
  check(r, ctx) {
    const svc = r.service;
    if (!svc) return;
    const suggested = new Set<number>();
    for (const p of svc.ports) {
      const n = p.nodePort?.value;
      if (n === undefined || n === 0) continue;
      const others = [...ctx.lookup.get('nodeport', n)].filter((u) => {
        if (u.resource === r) return u.port !== p && u.port.protocol === p.protocol;
        // The same Service written twice (e.g. per-environment copies) is one object, not two.
        return !sameObject(u.resource, r);
      });
      if (others.length === 0) continue;
      const names = others.map((u) =>
        u.resource === r
          ? `port #${u.port.index + 1} of this Service`
          : `Service ${u.resource.namespace}/${u.resource.name}${u.port.name ? ` port ${u.port.name.value}` : ''}`,
      );
      const { free, fixes } = freeNodePortFix(ctx.lookup, r, p, n, suggested);
      ctx.report({
        severity: 'error',
        message: `nodePort ${n} is also used by ${others.length === 1 ? (others[0]!.resource === r ? 'this Service' : `Service ${others[0]!.resource.name}`) : `${others.length} other ports`}: ${free !== undefined ? `use ${free}, or remove it` : 'remove it'} to get a free one. Node ports are cluster-wide, so only one Service can have it; it is also used by ${names.join(', ')}.`,
        span: p.nodePort!.span,
        related: others.map((u) => ({
          file: u.resource.file,
          span: u.port.nodePort?.span ?? u.port.span,
          message: `nodePort ${n} of Service ${u.resource.namespace}/${u.resource.name} (${u.resource.file.path})`,
        })),
        fixes,
      });
    }
  },
};
