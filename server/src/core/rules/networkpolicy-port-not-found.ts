/**
 * rules.md "NetworkPolicy": an ingress rule's port *name* is declared by none of the Pods
 * the policy selects. A named policy port resolves against the selected Pods' own
 * container port names, so such a rule admits nothing on that port.
 */
import { describeTemplateLabels } from '../links/network';
import { describeContainerPort } from '../links/ports';
import { templatesForSelector } from '../links/selectors';
import { templatePorts } from '../parse/extractWorkload';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'networkpolicy-port-not-found',
    severity: 'warning',
    description: 'A NetworkPolicy ingress rule names a port that none of the Pods it selects declares.',
  },
  check(r, ctx) {
    const np = r.networkPolicy;
    const ns = r.namespace;
    if (!np || ns === undefined || np.podSelector.invalid) return;
    let templates: ReturnType<typeof templatesForSelector> | undefined;
    for (const rule of np.ingress) {
      for (const pp of rule.ports ?? []) {
        const name = pp.port?.value;
        if (typeof name !== 'string') continue;
        templates ??= templatesForSelector(ctx.lookup, ns, np.podSelector);
        // Selecting nothing is networkpolicy-selector-no-match's finding.
        if (templates.length === 0) return;
        if (templates.some((pt) => templatePorts(pt).some((cp) => cp.name?.value === name))) continue;
        const declared = templates.slice(0, 3).map((pt) => {
          const ports = templatePorts(pt)
            .filter((cp) => cp.name)
            .map(describeContainerPort);
          return `${pt.owner.kind} ${pt.owner.name}: ${ports.length > 0 ? ports.join(', ') : 'no named ports'}`;
        });
        ctx.report({
          severity: 'warning',
          message: `No selected Pod declares port "${name}": use a declared port name or number. None of the Pods this policy selects declares it, so this rule admits nothing on it (${declared.join('; ')}${templates.length > 3 ? '; …' : ''}).`,
          span: pp.port!.span,
          // The entry admits nothing: dead configuration, shown faded.
          tags: ['unnecessary'],
          related: templates.slice(0, 5).map((pt) => {
            const first = templatePorts(pt)[0];
            return { file: pt.owner.file, span: first ? first.span : pt.anchorSpan, message: `Ports of ${describeTemplateLabels(pt)}` };
          }),
        });
      }
    }
  },
};
