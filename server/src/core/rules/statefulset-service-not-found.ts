/** rules.md: `StatefulSet.spec.serviceName` names no Service in the namespace (info: not headless). */
import { closestServiceNames } from '../links/network';
import { nsName } from '../index/tables';
import { getScalar } from '../model/ytree';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'statefulset-service-not-found',
    severity: 'warning',
    description: 'A StatefulSet serviceName names no Service in its namespace (info when that Service is not headless).',
    severityNote: 'warning when the Service is missing; info when it exists but is not headless',
  },
  check(r, ctx) {
    const sn = r.statefulSetServiceName;
    const ns = r.namespace;
    if (r.kind !== 'StatefulSet' || !sn || sn.value === '' || ns === undefined) return;
    const services = [...ctx.lookup.get('svc', nsName(ns, sn.value))];
    if (services.length === 0) {
      const near = closestServiceNames(ctx.lookup, ns, sn.value);
      ctx.report({
        severity: 'warning',
        message: `StatefulSet ${r.name} names serviceName "${sn.value}", but there is no Service ${sn.value} in namespace ${ns}${near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}: its Pods get no stable DNS names (<pod>.${sn.value}.${ns}.svc). Create a headless Service (clusterIP: None) with that name.`,
        span: sn.span,
      });
      return;
    }
    // Several definitions of the same Service (per-environment copies): one headless is enough.
    if (services.some((s) => s.service?.headless)) return;
    const svc = services[0]!;
    ctx.report({
      severity: 'info',
      message: `Service ${sn.value}, named by StatefulSet ${r.name} as its serviceName, is not headless (clusterIP: None), so the Pods get no per-Pod DNS names like ${r.name}-0.${sn.value}.${ns}.svc.`,
      span: sn.span,
      related: [{ file: svc.file, span: getScalar(svc.root, 'spec', 'clusterIP')?.span ?? svc.nameSpan, message: `Service ${sn.value}: not headless${svc.service?.clusterIP ? ` (clusterIP: ${svc.service.clusterIP})` : ''}` }],
    });
  },
};
