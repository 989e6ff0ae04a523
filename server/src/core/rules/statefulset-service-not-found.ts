/**
 * rules.md: `StatefulSet.spec.serviceName` names no Service in the namespace (info: not
 * headless). The Service is looked for in the StatefulSet's own set of manifests first: its
 * file when that file holds Services (an install.yaml, an all-in-one), else its folder when
 * that holds Services. A Service of that name elsewhere in the workspace belongs to another
 * build (another sample, the other mode of an app), so it neither satisfies the StatefulSet
 * nor is the one to judge as "not headless". Only when the StatefulSet's file and folder hold
 * no Service at all (manifests sorted by kind) does the whole namespace count.
 */
import { closestServiceNames } from '../links/network';
import { nsName } from '../index/tables';
import { fitFirst } from '../model/finding';
import type { Resource } from '../model/resource';
import { getScalar } from '../model/ytree';
import { noService } from './missingService';
import type { Rule } from './rule';

function folderOf(r: Resource): string {
  const p = r.file.path;
  return p.slice(0, p.lastIndexOf('/') + 1);
}

export const rule: Rule = {
  meta: {
    id: 'statefulset-service-not-found',
    severity: 'warning',
    description:
      'A StatefulSet serviceName names no Service in its namespace and set of manifests (info when that Service is not headless).',
    severityNote: 'warning when the Service is missing; info when it exists but is not headless',
  },
  check(r, ctx) {
    const sn = r.statefulSetServiceName;
    const ns = r.namespace;
    if (r.kind !== 'StatefulSet' || !sn || sn.value === '' || ns === undefined) return;
    const named = [...ctx.lookup.get('svc', nsName(ns, sn.value))];
    const dns = `its Pods get no stable DNS names (<pod>.${sn.value}.${ns}.svc). Create a headless Service (clusterIP: None) with that name`;
    if (named.length === 0) {
      const near = closestServiceNames(ctx.lookup, ns, sn.value);
      ctx.report({
        severity: 'warning',
        message: `${noService(sn.value, ns, near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'add a headless Service of that name.')} StatefulSet ${r.name} names it as serviceName: ${dns}.`,
        span: sn.span,
      });
      return;
    }
    // The StatefulSet's own set of manifests: its file, else its folder, when they hold Services.
    // (Read through the lookup, so that a Service added or removed next to it re-checks it.)
    const folder = folderOf(r);
    const nsServices = [...ctx.lookup.get('svcns', ns)];
    const inFile = nsServices.some((s) => s.file.uri === r.file.uri);
    const inFolder = inFile || nsServices.some((s) => folderOf(s) === folder);
    const unit = inFile ? named.filter((s) => s.file.uri === r.file.uri) : inFolder ? named.filter((s) => folderOf(s) === folder) : named;
    if (unit.length === 0) {
      const where = inFile
        ? `this file (${r.file.path}), which holds the other Services`
        : `this folder (${folder || './'}), which holds the other Services`;
      ctx.report({
        severity: 'warning',
        message: `${fitFirst(`No Service "${sn.value}" beside this StatefulSet: add a headless one here.`, 'Its Service is not beside this StatefulSet: add a headless one here.')} StatefulSet ${r.name} names serviceName "${sn.value}", but ${where}, has no Service ${sn.value}; the one in ${named[0]!.file.path} belongs to other manifests. Applied as they are, ${dns}.`,
        span: sn.span,
        related: named
          .slice(0, 3)
          .map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${sn.value} of other manifests (${s.file.path})` })),
      });
      return;
    }
    // Several definitions of the same Service (per-environment copies): one headless is enough.
    if (unit.some((s) => s.service?.headless)) return;
    // The one to name: from a file of the same name (accounts-db.yaml next to accounts-db.yaml), else the first.
    const base = (x: Resource): string => x.file.path.slice(x.file.path.lastIndexOf('/') + 1);
    const svc = unit.find((s) => base(s) === base(r)) ?? unit[0]!;
    ctx.report({
      severity: 'info',
      message: `${fitFirst(`Service ${sn.value} is not headless: set clusterIP: None for per-Pod DNS names.`, 'Its Service is not headless: set clusterIP: None for per-Pod DNS names.')} Service ${sn.value}, named by StatefulSet ${r.name} as its serviceName, is not headless, so the Pods get no per-Pod DNS names like ${r.name}-0.${sn.value}.${ns}.svc.`,
      span: sn.span,
      related: [
        {
          file: svc.file,
          span: getScalar(svc.root, 'spec', 'clusterIP')?.span ?? svc.nameSpan,
          message: `Service ${sn.value}: not headless${svc.service?.clusterIP ? ` (clusterIP: ${svc.service.clusterIP})` : ''}`,
        },
      ],
    });
  },
};
