/**
 * The shared half of ingress-backend-service-not-found and route-backend-service-not-found:
 * a backend names a Service that is not in its namespace. Silent when the Service may well
 * exist outside the workspace: an operator creates it, the cluster fills the namespace
 * (kube-system), or no Service of the namespace is in the workspace at all (they are
 * deployed from elsewhere: another repo or chart) and none of that name is in another one.
 */
import { anyNamespace, nsName } from '../index/tables';
import { closestServiceNames, isObjectName, managedByCluster, operatorForService } from '../links/network';
import { fitFirst } from '../model/finding';
import type { Resource, SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { replaceSpan, yamlScalar } from './edits';
import type { RuleContext } from './rule';

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Namespace, name, then file: an order that is the same however the index was built. */
function byPlace(a: Resource, b: Resource): number {
  return cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name) || cmp(a.file.uri, b.file.uri) || a.span[0] - b.span[0];
}

/** The first (by place) Service named `name` in `namespace`. */
function firstNamed(ctx: RuleContext, namespace: string, name: string): Resource | undefined {
  return [...ctx.lookup.get('svc', nsName(namespace, name))].sort(byPlace)[0];
}

export function reportMissingService(
  ctx: RuleContext,
  file: SourceFile,
  namespace: string,
  name: string,
  span: Span,
  what: string,
  crosses: boolean,
): void {
  if (!isObjectName(name) || ctx.lookup.get('svc', nsName(namespace, name)).size > 0) return;
  // An operator may create it from a custom resource (`<name>-kb-http`, `<name>-head-svc`).
  if (operatorForService(ctx.lookup, namespace, name) || managedByCluster(namespace)) return;
  const services = ctx.lookup.get('svcns', namespace);
  // The name in another namespace is the classic namespace mix-up: worth saying.
  // Sorted: what a message lists must not depend on the order files were indexed in.
  const elsewhere = [...ctx.lookup.get('svc', nsName(anyNamespace, name))].sort(byPlace).slice(0, 3);
  if (services.size === 0 && elsewhere.length === 0) return;
  const candidates = closestServiceNames(ctx.lookup, namespace, name);
  const others = [...new Set(elsewhere.map((s) => s.namespace))];
  const move = crosses ? 'name its namespace or move it.' : 'move it here.';
  // The first sentence says what to do; which backend and the namespace's Services follow.
  const message =
    candidates.length > 0
      ? `${noService(name, namespace, `did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`)} ${what} names it.`
      : elsewhere.length > 0
        ? `${fitFirst(`Service "${name}" is only in namespace ${others.join(', ')}: ${move}`, `Service "${name}" is in another namespace: ${move}`, `The Service is in another namespace: ${move}`)} ${what} looks in namespace ${namespace}, and backends do not cross namespaces by themselves.`
        : `${noService(name, namespace, 'fix the name or add the Service.')} ${what} names it; the namespace's Services: ${[...new Set([...services].map((s) => s.name))].sort().slice(0, 5).join(', ')}.`;
  ctx.report({
    severity: 'error',
    message,
    span,
    related: [
      ...candidates
        .flatMap((c) => firstNamed(ctx, namespace, c) ?? [])
        .map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${s.name} in namespace ${namespace}` })),
      ...(candidates.length === 0
        ? elsewhere.map((s) => ({ file: s.file, span: s.nameSpan, message: `Service ${s.name} in namespace ${s.namespace}` }))
        : []),
    ],
    fixes: candidates.map((c) => ({
      title: `Rename to "${c}"`,
      preferred: candidates.length === 1,
      edits: [replaceSpan(file, span, yamlScalar(c))],
    })),
  });
}

/** "No Service "x" in namespace y: <advice>", shortened until it fits the first sentence's limit. */
export function noService(name: string, namespace: string, advice: string): string {
  return fitFirst(
    `No Service "${name}" in namespace ${namespace}: ${advice}`,
    `No Service "${name}" in that namespace: ${advice}`,
    `No such Service: ${advice}`,
  );
}
