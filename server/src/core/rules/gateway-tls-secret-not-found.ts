/**
 * A listener's certificateRef names a Secret that is not in the workspace and that nothing in
 * it creates. Only `info`, like ingress-tls-secret-not-found: certificates are often created
 * outside the repository.
 */
import { nsName } from '../index/tables';
import { isObjectName, namespaceHasObjects } from '../links/network';
import { fitFirst } from '../model/finding';
import type { Rule } from './rule';

const certManagerAnnotations = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];
const secretMakers = new Set(['SealedSecret', 'ExternalSecret']);

export const rule: Rule = {
  meta: {
    id: 'gateway-tls-secret-not-found',
    severity: 'info',
    description: 'A Gateway listener certificateRef names a Secret that is not in the workspace and that nothing in it creates.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.gateway || ns === undefined) return;
    // cert-manager's gateway-shim creates the Secrets of an annotated Gateway.
    if (certManagerAnnotations.some((a) => r.annotations.has(a))) return;
    for (const l of r.gateway.listeners) {
      for (const c of l.certificateRefs) {
        if (c.kind !== 'Secret' || (c.group !== '' && c.group !== 'core') || !isObjectName(c.name.value)) continue;
        const target: string = c.namespace?.value || ns;
        if (target !== ns && !namespaceHasObjects(ctx.lookup, target)) continue;
        const key = nsName(target, c.name.value);
        if (ctx.lookup.get('secret', key).size > 0 || ctx.lookup.get('cert', key).size > 0) continue;
        if ([...ctx.lookup.get('obj', target)].some((o) => secretMakers.has(o.kind) && o.name === c.name.value)) continue;
        const missing = 'is not in the workspace: add it or let cert-manager issue it.';
        ctx.report({
          severity: 'info',
          message: `${fitFirst(`Secret "${c.name.value}" ${missing}`, `This Secret ${missing}`)} No Secret ${c.name.value} is in namespace ${target}, and no cert-manager Certificate creates it: unless it is created elsewhere, listener "${l.name.value}" is not programmed (InvalidCertificateRef). With cert-manager, annotate the Gateway with cert-manager.io/cluster-issuer (or issuer).`,
          span: c.name.span,
        });
      }
    }
  },
};
