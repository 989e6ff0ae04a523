/**
 * rules.md "Ingress and Gateway API": `tls[].secretName` names no Secret in the namespace.
 * Only `info`: TLS Secrets are often created outside the repository (kubectl, a secrets
 * operator), so this is worth knowing rather than certainly wrong.
 */
import { nsName } from '../index/tables';
import { isObjectName } from '../links/network';
import { fitFirst } from '../model/finding';
import type { Rule } from './rule';

/** Annotations that make cert-manager's ingress-shim create the Secret. */
const certManagerAnnotations = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];
/** Kinds whose controllers create a Secret of their own name (sealed-secrets, external-secrets). */
const secretMakers = new Set(['SealedSecret', 'ExternalSecret']);

export const rule: Rule = {
  meta: {
    id: 'ingress-tls-secret-not-found',
    severity: 'info',
    description: 'An Ingress TLS entry names a Secret that is not in the workspace and that nothing in it creates.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.ingress || ns === undefined) return;
    if (certManagerAnnotations.some((a) => r.annotations.has(a)) || r.annotations.get('kubernetes.io/tls-acme') === 'true') return;
    for (const tls of r.ingress.tls) {
      const secret = tls.secretName;
      // A name that cannot be an object name is a placeholder for a later substitution.
      if (!secret || !isObjectName(secret.value)) continue;
      const key = nsName(ns, secret.value);
      if (ctx.lookup.get('secret', key).size > 0 || ctx.lookup.get('cert', key).size > 0) continue;
      // Read the whole namespace only now that the cheap lookups failed.
      if ([...ctx.lookup.get('obj', ns)].some((o) => secretMakers.has(o.kind) && o.name === secret.value)) continue;
      const hosts = tls.hosts.map((h) => h.value);
      const missing = 'is not in the workspace: add it or let cert-manager issue it.';
      ctx.report({
        severity: 'info',
        message: `${fitFirst(`Secret "${secret.value}" ${missing}`, `This Secret ${missing}`)} No Secret ${secret.value} is in namespace ${ns}, and no cert-manager Certificate creates it: unless it is created elsewhere, ${hosts.length > 0 ? hosts.join(', ') : 'its hosts'} ${hosts.length === 1 ? 'gets' : 'get'} the controller's default certificate. With cert-manager, add the cert-manager.io/cluster-issuer (or issuer) annotation.`,
        span: secret.span,
      });
    }
  },
};
