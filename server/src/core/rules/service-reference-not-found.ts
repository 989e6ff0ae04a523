/**
 * rules.md "DNS references to Services": a fully qualified reference (`…svc` or
 * `…svc.<clusterDomain>`) names a Service that is not in the workspace, while its
 * namespace has other objects there (else the namespace is managed elsewhere: silent).
 */
import { nsName } from '../index/tables';
import {
  closestServiceNames,
  dnsHostSpan,
  isBuiltinService,
  managedByCluster,
  namespaceHasObjects,
  operatorForService,
} from '../links/network';
import { replaceSpan } from './edits';
import { noService } from './missingService';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-reference-not-found',
    severity: 'warning',
    description: 'A fully qualified Service DNS name in env, args, command or ConfigMap data names no Service in the workspace.',
  },
  check(r, ctx) {
    for (const ref of r.dnsRefs) {
      // Short forms are references only when the Service exists: nothing to report.
      if (!ref.qualified) continue;
      if (ctx.lookup.get('svc', nsName(ref.namespace, ref.service)).size > 0) continue;
      // kubernetes.default and kube-dns.kube-system exist in every cluster.
      if (isBuiltinService(ref.namespace, ref.service)) continue;
      if (
        !namespaceHasObjects(ctx.lookup, ref.namespace, r) ||
        operatorForService(ctx.lookup, ref.namespace, ref.service) ||
        managedByCluster(ref.namespace)
      )
        continue;
      const services = [...ctx.lookup.get('svcns', ref.namespace)];
      const candidates = closestServiceNames(ctx.lookup, ref.namespace, ref.service);
      const host = dnsHostSpan(r.file.text, ref);
      // The Service label starts the host; edit it only when the span is exact.
      const label =
        host && r.file.text.slice(host[0], host[0] + ref.service.length).toLowerCase() === ref.service
          ? ([host[0], host[0] + ref.service.length] as const)
          : undefined;
      const hostText = host ? r.file.text.slice(host[0], host[1]) : '';
      const written = /^[-a-z0-9._]{1,253}$/i.test(hostText) ? hostText : `${ref.service}.${ref.namespace}.svc`;
      const lead =
        candidates.length > 0 ? `did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?` : 'fix the name or add the Service.';
      const hint =
        candidates.length > 0
          ? ''
          : services.length > 0
            ? ` Its Services: ${[...new Set(services.map((s) => s.name))].slice(0, 5).join(', ')}.`
            : ' The namespace has no Service in the workspace.';
      ctx.report({
        severity: 'warning',
        message: `${noService(ref.service, ref.namespace, lead)} ${written} names it (${ref.where}).${hint}`,
        span: host ?? ref.span,
        related: candidates
          .flatMap((c) => services.filter((s) => s.name === c).slice(0, 1))
          .map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${s.name} in namespace ${ref.namespace}` })),
        fixes: label
          ? candidates.map((c) => ({
              title: `Rename to "${c}"`,
              preferred: candidates.length === 1,
              edits: [replaceSpan(r.file, label, c)],
            }))
          : [],
      });
    }
  },
};
