/**
 * rules.md "NetworkPolicy": an ingress `from` / egress `to` peer with a `podSelector` and no
 * `namespaceSelector` matches no pod template in the policy's namespace.
 */
import { fitFirst } from '../model/finding';
import { closestTemplate, templatesForSelector } from '../links/selectors';
import {
  describeSelector,
  describeTemplateLabels,
  operatorForSelector,
  podsLiveElsewhere,
  selectorSpan,
  templateLabelsSpan,
} from '../links/network';
import type { NetworkPolicyRule } from '../model/resource';
import { isEmptySelector } from '../parse/located';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'networkpolicy-peer-no-match',
    severity: 'info',
    description: 'A NetworkPolicy peer podSelector (without namespaceSelector) matches no Pod template in the namespace.',
  },
  check(r, ctx) {
    const np = r.networkPolicy;
    const ns = r.namespace;
    if (!np || ns === undefined) return;
    const sides: [NetworkPolicyRule[], string][] = [
      [np.ingress, 'Ingress source'],
      [np.egress, 'Egress destination'],
    ];
    for (const [rules, side] of sides) {
      for (const rule of rules) {
        for (const peer of rule.peers ?? []) {
          const sel = peer.podSelector;
          // With a namespaceSelector the Pods live in other namespaces: not ours to judge.
          if (!sel || peer.namespaceSelector || sel.invalid || isEmptySelector(sel)) continue;
          if (
            templatesForSelector(ctx.lookup, ns, sel).length > 0 ||
            operatorForSelector(ctx.lookup, ns, sel) ||
            podsLiveElsewhere(ctx.lookup, ns, sel.matchLabels)
          )
            continue;
          const closest = sel.matchLabels.size > 0 ? closestTemplate(ctx.lookup, ns, sel.matchLabels) : undefined;
          const near = closest?.template;
          ctx.report({
            severity: 'info',
            message: `${fitFirst(`This ${side.toLowerCase()} matches no Pod: fix the selector${near ? ` (closest: ${near.owner.kind} ${near.owner.name})` : ''}.`, `This ${side.toLowerCase()} matches no Pod: fix the selector.`)} ${side} podSelector ${describeSelector(sel)} matches no Pod template in namespace ${ns}${near ? `; closest: ${describeTemplateLabels(near)}` : ''}.`,
            span: selectorSpan(r.file.text, sel),
            // The peer admits (or allows) nothing: dead configuration, shown faded.
            tags: ['unnecessary'],
            related: near
              ? [{ file: near.owner.file, span: templateLabelsSpan(near), message: `Pod labels of ${near.owner.kind} ${near.owner.name}` }]
              : [],
          });
        }
      }
    }
  },
};
