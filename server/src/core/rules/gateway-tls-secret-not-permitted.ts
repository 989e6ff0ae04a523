/**
 * A listener's certificateRef names a Secret in another namespace that no ReferenceGrant
 * there allows the Gateway (or ListenerSet) to use: the listener gets ResolvedRefs=False with
 * reason RefNotPermitted and serves no TLS. Silent when that namespace has nothing in the workspace.
 */
import { listenerProblems } from '../links/listeners';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'gateway-tls-secret-not-permitted',
    severity: 'warning',
    description: 'A Gateway listener certificateRef names a Secret in another namespace with no ReferenceGrant allowing it.',
  },
  check(r, ctx) {
    if (!r.gateway || r.namespace === undefined) return;
    for (const l of r.gateway.listeners) {
      for (const p of listenerProblems(ctx.lookup, r, l)) {
        if (p.reason !== 'RefNotPermitted' || !p.certificate) continue;
        const c = p.certificate;
        ctx.report({
          severity: 'warning',
          message: `No ReferenceGrant allows this Secret: add one in namespace ${c.namespace?.value}. Listener "${l.name.value}" may not use Secret ${c.namespace?.value}/${c.name.value}: ${p.message}, so the listener is not programmed (RefNotPermitted) and ${l.hostname?.value ?? 'its hosts'} get no TLS.`,
          span: (c.namespace ?? c.name).span,
          related: (p.grants ?? []).map((g) => ({
            file: g.file,
            span: g.nameSpan,
            message: `ReferenceGrant ${g.name} does not allow ${r.kind}s from ${r.namespace} to Secret ${c.name.value}`,
          })),
        });
      }
    }
  },
};
