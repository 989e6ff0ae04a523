/**
 * A route's backendRef to a Service has no `port`: the API rejects the route ("Must have port
 * for Service reference"), as the Service may have several ports.
 */
import { nsName } from '../index/tables';
import { serviceBackendRefs } from '../links/network';
import type { Fix } from '../model/finding';
import { getSeq, isMap, type YMap } from '../model/ytree';
import { addToMap } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-backend-port-missing',
    severity: 'error',
    description: 'A Gateway API route backendRef to a Service has no port; the API rejects the route.',
  },
  check(r, ctx) {
    const ns = r.namespace;
    if (!r.route || ns === undefined) return;
    for (const { ref, namespace } of serviceBackendRefs(r.route, ns)) {
      if (ref.port || hasPortKey(r.root, ref.span)) continue;
      const svc = [...ctx.lookup.get('svc', nsName(namespace, ref.name.value))].find((s) => s.service);
      const ports = (svc?.service?.ports ?? []).filter((p) => p.port);
      const map = refMap(r.root, ref.span);
      const fixes: Fix[] = map
        ? ports.map((p) => ({
            title: `Add port: ${p.port!.value}`,
            preferred: ports.length === 1,
            edits: [addToMap(r.file, map, [['port', p.port!.value]])],
          }))
        : [];
      ctx.report({
        severity: 'error',
        message: `This backendRef to a Service has no port: add ${ports.length === 1 ? `port: ${ports[0]!.port!.value}` : 'a port'}. ${r.kind} ${r.name}: the API rejects the route ("Must have port for Service reference").${ports.length ? ` Service ${ref.name.value} has ${ports.map((p) => p.port!.value).join(', ')}.` : ''}`,
        span: ref.name.span,
        fixes,
      });
    }
  },
};

/** The backendRef's map in the route's tree. */
function refMap(root: YMap | undefined, span: readonly [number, number]): YMap | undefined {
  for (const rule of getSeq(root, 'spec', 'rules')) {
    for (const b of getSeq(rule, 'backendRefs')) if (isMap(b) && b.span[0] === span[0]) return b;
  }
  return undefined;
}

/** A `port` key whose value is not an integer is another rule's business (field-type-invalid). */
function hasPortKey(root: YMap | undefined, span: readonly [number, number]): boolean {
  return refMap(root, span)?.pairs.has('port') ?? false;
}
