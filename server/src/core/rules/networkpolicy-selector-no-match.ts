/** rules.md "NetworkPolicy": a non-empty `spec.podSelector` matches no pod template in the namespace. */
import { closestTemplate, templatesForSelector } from '../links/selectors';
import {
  describeSelector,
  describeTemplateLabels,
  operatorForSelector,
  podsLiveElsewhere,
  selectorSpan,
  templateLabelsSpan,
} from '../links/network';
import { isEmptySelector } from '../parse/located';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'networkpolicy-selector-no-match',
    severity: 'warning',
    description: "A NetworkPolicy's podSelector matches no Pod template in its namespace, so the policy applies to nothing.",
  },
  check(r, ctx) {
    const np = r.networkPolicy;
    const ns = r.namespace;
    if (!np || ns === undefined) return;
    const sel = np.podSelector;
    // Empty selects every Pod; invalid (wrong types, a plain map) cannot be evaluated.
    if (sel.invalid || isEmptySelector(sel)) return;
    if (templatesForSelector(ctx.lookup, ns, sel).length > 0) return;
    // Pods an operator makes from a custom resource have no template in the workspace.
    if (operatorForSelector(ctx.lookup, ns, sel) || podsLiveElsewhere(ctx.lookup, ns, sel.matchLabels)) return;
    const closest = sel.matchLabels.size > 0 ? closestTemplate(ctx.lookup, ns, sel.matchLabels) : undefined;
    const near = closest?.template;
    ctx.report({
      severity: 'warning',
      message: `This policy selects no Pod: fix its podSelector${near ? ` (closest: ${near.owner.kind} ${near.owner.name})` : ''}. NetworkPolicy ${r.name} selects ${describeSelector(sel)}, but no Pod template in namespace ${ns} has those labels, so it applies to nothing${near ? `; closest: ${describeTemplateLabels(near)}` : ''}.`,
      span: selectorSpan(r.file.text, sel),
      related: near
        ? [{ file: near.owner.file, span: templateLabelsSpan(near), message: `Pod labels of ${near.owner.kind} ${near.owner.name}` }]
        : [],
    });
  },
};
