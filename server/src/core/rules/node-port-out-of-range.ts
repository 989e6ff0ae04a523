/** rules.md: a `nodePort` outside the node-port range (setting `podpath.nodePortRange`). */
import { freeNodePortFix } from '../links/services-edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'node-port-out-of-range',
    severity: 'error',
    description: 'A nodePort lies outside the node-port range (podpath.nodePortRange, default 30000-32767); the API rejects it.',
  },
  check(r, ctx) {
    const svc = r.service;
    if (!svc) return;
    const [lo, hi] = ctx.lookup.options.nodePortRange;
    const suggested = new Set<number>();
    for (const p of svc.ports) {
      const n = p.nodePort?.value;
      // 0 asks the API to allocate one: not a port in use.
      if (n === undefined || n === 0 || (n >= lo && n <= hi)) continue;
      const { free, fixes } = freeNodePortFix(ctx.lookup, r, p, n, suggested);
      ctx.report({
        severity: 'error',
        message: `nodePort ${n} is outside the range ${lo}-${hi}: ${free !== undefined ? `use ${free}, or remove it` : 'remove it'} to get one allocated. The API rejects the Service.`,
        span: p.nodePort!.span,
        fixes,
      });
    }
  },
};
