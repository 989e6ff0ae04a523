/**
 * A Gateway's `gatewayClassName` names no GatewayClass in the workspace while the workspace
 * declares one a few edits away: a typo, and no controller takes the Gateway. Silent when the
 * workspace declares no GatewayClass at all, or none close to the name: Gateway controllers
 * install their classes (`istio`, `gke-l7-global-external-managed`), so a name unlike every
 * declared class is most likely one of those.
 */
import { anyNamespace } from '../index/tables';
import { editDistance } from '../links/closest';
import { isObjectName } from '../links/network';
import { replaceSpan, yamlScalar } from './edits';
import { fitFirst } from '../model/finding';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'gateway-class-not-found',
    severity: 'warning',
    description: 'A Gateway names a GatewayClass that is not in the workspace, a few edits away from one that is.',
  },
  check(r, ctx) {
    const cls = r.gateway?.className;
    // A name that cannot be an object name is a placeholder for a later substitution (`{GATEWAY_CLASS_NAME}`).
    if (r.kind !== 'Gateway' || !cls || !isObjectName(cls.value) || ctx.lookup.get('gwclass', cls.value).size > 0) return;
    const all = [...new Set([...ctx.lookup.get('gwclass', anyNamespace)].map((c) => c.name))].sort();
    if (all.length === 0) return;
    const max = Math.max(2, Math.floor(cls.value.length / 4));
    const pick = all.filter((c) => editDistance(cls.value, c, max) <= max);
    if (pick.length === 0) return;
    const missing = `is not in the workspace: did you mean ${pick
      .slice(0, 2)
      .map((c) => `"${c}"`)
      .join(' or ')}?`;
    ctx.report({
      severity: 'warning',
      message: `${fitFirst(`GatewayClass "${cls.value}" ${missing}`, `This GatewayClass ${missing}`)} Its GatewayClasses: ${all.slice(0, 5).join(', ')}. Unless the cluster has it, no controller accepts Gateway ${r.name} and none of its routes serve traffic.`,
      span: cls.span,
      fixes: pick.map((c) => ({
        title: `Change gatewayClassName to "${c}"`,
        preferred: pick.length === 1,
        edits: [replaceSpan(r.file, cls.span, yamlScalar(c))],
      })),
    });
  },
};
