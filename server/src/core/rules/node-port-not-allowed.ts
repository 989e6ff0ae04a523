/** rules.md: `nodePort` on a Service of type ClusterIP (or unset) or ExternalName; the API rejects it. */
import { servicePortMap } from '../links/services-edits';
import type { Fix } from '../model/finding';
import { getMap } from '../model/ytree';
import { addToMap, deleteLines, replaceSpan } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'node-port-not-allowed',
    severity: 'error',
    description: 'A nodePort is set on a Service of type ClusterIP (or no type) or ExternalName; the API rejects it.',
  },
  check(r, ctx) {
    const svc = r.service;
    if (!svc || (svc.type !== 'ClusterIP' && svc.type !== 'ExternalName')) return;
    for (const p of svc.ports) {
      const n = p.nodePort;
      // nodePort: 0 means "none"; the API accepts it on any type.
      if (!n || n.value === 0) continue;
      const fixes: Fix[] = [];
      const map = servicePortMap(r, p);
      const pr = map?.pairs.get('nodePort');
      // Deleting the line is safe only when `nodePort:` starts it (not `- nodePort:` or a flow map).
      const lineStart = pr ? r.file.text.lastIndexOf('\n', pr.keySpan[0] - 1) + 1 : 0;
      if (
        map &&
        pr &&
        /^[ \t]*$/.test(r.file.text.slice(lineStart, pr.keySpan[0])) &&
        !r.file.text.slice(map.span[0], map.span[1]).startsWith('{')
      ) {
        fixes.push({ title: 'Remove nodePort', edits: [deleteLines(r.file, pr.keySpan[0], n.span[1])] });
      }
      const spec = getMap(r.root, 'spec');
      const typeEdit = svc.typeSpan
        ? replaceSpan(r.file, svc.typeSpan, 'NodePort')
        : spec
          ? addToMap(r.file, spec, [['type', 'NodePort']])
          : undefined;
      if (typeEdit) fixes.push({ title: 'Change type to NodePort', edits: [typeEdit] });
      const typeText = svc.typeSpan ? `type ${svc.type}` : 'no type (so ClusterIP)';
      ctx.report({
        severity: 'error',
        message: `Only NodePort and LoadBalancer Services have a nodePort: remove it or set type: NodePort. nodePort ${n.value} is set on Service ${r.name} of ${typeText}, so the API rejects it.`,
        span: n.span,
        related: svc.typeSpan ? [{ file: r.file, span: svc.typeSpan, message: `type: ${svc.type}` }] : [],
        fixes,
      });
    }
  },
};
