/**
 * A route's parentRef names a Gateway (or ListenerSet) in the workspace, but no listener of it
 * accepts the route: the Gateway sets `Accepted: False` on the route with reason
 * NoMatchingParent (unknown sectionName or port), NotAllowedByListeners (allowedRoutes does
 * not admit its namespace or kind) or NoMatchingListenerHostname. The message says which.
 */
import { closestNames } from '../links/closest';
import { attach, type Attachment, type RejectReason } from '../links/gateways';
import { fitFirst, type Fix } from '../model/finding';
import type { ParentRef, Resource } from '../model/resource';
import { admitNamespaceFix } from './gatewayEdits';
import { replaceSpan, yamlScalar } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-not-accepted',
    severity: 'error',
    description: 'No listener of the Gateway a route names accepts it (sectionName/port, allowedRoutes namespaces or kinds, hostnames).',
  },
  check(r, ctx) {
    if (!r.route) return;
    for (const ref of r.route.parentRefs) {
      const a = attach(ctx.lookup, r, ref);
      if (a.state !== 'rejected') continue;
      const span =
        a.reason === 'NoMatchingParent'
          ? (ref.sectionNameAt?.span ?? ref.port?.span ?? ref.nameAt?.span ?? ref.span)
          : a.reason === 'NoMatchingListenerHostname'
            ? (r.route.hostnamesAt[0]?.span ?? ref.span)
            : (ref.nameAt?.span ?? ref.span);
      const listeners = a.parent.gateway?.listeners ?? [];
      ctx.report({
        severity: 'error',
        message: `${fitFirst(`${a.parent.kind} ${a.parent.name} rejects this route: ${whatToDo[a.reason]}.`, `Its ${a.parent.kind} rejects this route: ${whatToDo[a.reason]}.`)} ${r.kind} ${r.name} is not accepted (${a.reason}): ${a.why}; the route serves no traffic through it.`,
        span,
        related: (a.selected.length ? a.selected.map((x) => x.listener) : listeners).slice(0, 5).map((l) => ({
          file: a.parent.file,
          span: l.name.span,
          message: `listener ${l.name.value}: ${l.protocol?.value ?? '?'} port ${l.port?.value ?? '?'}${l.hostname ? ` hostname ${l.hostname.value}` : ''}`,
        })),
        fixes: fixesFor(r, ref, a),
      });
    }
  },
};

/** The first sentence's advice, per reason. */
const whatToDo: Record<RejectReason, string> = {
  NoMatchingParent: 'fix sectionName or port',
  NotAllowedByListeners: 'admit it in allowedRoutes',
  NoMatchingListenerHostname: "match a listener's hostname",
};

function fixesFor(r: Resource, ref: ParentRef, a: Extract<Attachment, { state: 'rejected' }>): Fix[] {
  const listeners = a.parent.gateway?.listeners ?? [];
  if (a.reason === 'NoMatchingParent' && ref.sectionNameAt) {
    const names = listeners.filter((l) => ref.port === undefined || l.port?.value === ref.port.value).map((l) => l.name.value);
    const closest = closestNames(ref.sectionNameAt.value, names);
    const pick = closest.length ? closest : names.length === 1 ? names : [];
    return pick.map((c) => ({
      title: `Change sectionName to "${c}"`,
      preferred: pick.length === 1,
      edits: [replaceSpan(r.file, ref.sectionNameAt!.span, yamlScalar(c))],
    }));
  }
  if (a.reason === 'NotAllowedByListeners' && r.namespace !== undefined) {
    return a.selected.flatMap((x) => admitNamespaceFix(x.owner, x.listener, r.namespace!) ?? []);
  }
  return [];
}
