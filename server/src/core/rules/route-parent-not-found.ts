/**
 * A route's parentRef names a Gateway (or ListenerSet) that is not in its namespace. Silent
 * when the Gateway may live outside the workspace: its namespace has no objects here, or no
 * Gateway here while none of that name is in another namespace (a platform team's Gateways,
 * deployed from another repository, are the common case).
 */
import { anyNamespace, nsName } from '../index/tables';
import { closestNames } from '../links/closest';
import { attach } from '../links/gateways';
import { replaceSpan, yamlScalar } from './edits';
import { fitFirst } from '../model/finding';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'route-parent-not-found',
    severity: 'error',
    description: 'A route parentRef names a Gateway or ListenerSet that does not exist in its namespace.',
  },
  check(r, ctx) {
    if (!r.route) return;
    for (const ref of r.route.parentRefs) {
      const a = attach(ctx.lookup, r, ref);
      if (a.state !== 'missing' || !ref.nameAt) continue;
      const table = a.kind === 'Gateway' ? 'gwns' : undefined;
      const names = table ? [...ctx.lookup.get(table, a.namespace)].map((g) => g.name) : [];
      const closest = closestNames(a.name, names);
      const elsewhere = [...new Set([...ctx.lookup.get('gw', nsName(anyNamespace, a.name))].map((g) => g.namespace))].sort();
      const lead = closest.length
        ? `did you mean ${closest.map((c) => `"${c}"`).join(' or ')}?`
        : elsewhere.length === 1
          ? `set namespace: ${elsewhere[0]}.`
          : elsewhere.length
            ? 'set its namespace.'
            : 'fix the name or add it.';
      const hint = elsewhere.length
        ? ` A Gateway of that name is in namespace ${elsewhere.join(', ')}: set parentRefs[].namespace (the listener must also admit routes from ${r.namespace}).`
        : closest.length || names.length === 0
          ? ''
          : ` Its Gateways: ${[...new Set(names)].sort().slice(0, 5).join(', ')}.`;
      ctx.report({
        severity: 'error',
        message: `${fitFirst(`No ${a.kind} "${a.name}" in namespace ${a.namespace}: ${lead}`, `No ${a.kind} "${a.name}" in that namespace: ${lead}`, `No such ${a.kind}: ${lead}`)} ${r.kind} ${r.name} attaches to nothing and serves no traffic.${hint}`,
        span: ref.nameAt.span,
        fixes: closest.map((c) => ({
          title: `Change the parent to "${c}"`,
          preferred: closest.length === 1,
          edits: [replaceSpan(r.file, ref.nameAt!.span, yamlScalar(c))],
        })),
      });
    }
  },
};
