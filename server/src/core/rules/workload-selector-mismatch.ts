/** rules.md: a Deployment/ReplicaSet/StatefulSet/DaemonSet/ReplicationController selector does not match its own template labels. */
import { describeWorkload } from '../links/services';
import { setTemplateLabels } from '../links/services-edits';
import { labelSelectorMatches } from '../links/selectors';
import { fitFirst, type Fix } from '../model/finding';
import type { Span } from '../model/ytree';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'workload-selector-mismatch',
    severity: 'error',
    description: "A workload's spec.selector does not match its own Pod template labels; the API rejects it.",
  },
  check(r, ctx) {
    const pt = r.podTemplate;
    const sel = pt?.workloadSelector;
    if (!pt || !sel || sel.invalid || labelSelectorMatches(sel, pt.labels)) return;
    const reasons: string[] = [];
    const spans: Span[] = [];
    const entries: [string, string][] = [];
    let fixable = true;
    for (const [k, v] of sel.matchLabels) {
      const have = pt.labels.get(k)?.value;
      if (have === v.value) continue;
      reasons.push(
        have === undefined ? `${k}=${v.value}: the template has no label ${k}` : `${k}=${v.value}: the template has ${k}=${have}`,
      );
      spans.push(v.valueSpan);
      entries.push([k, v.value]);
    }
    for (const e of sel.matchExpressions) {
      if (labelSelectorMatches({ matchLabels: new Map(), matchExpressions: [e], span: e.span }, pt.labels)) continue;
      const have = pt.labels.get(e.key)?.value;
      reasons.push(
        `${e.key} ${e.operator}${e.values.length > 0 ? ` (${e.values.join(', ')})` : ''}: the template has ${have === undefined ? `no label ${e.key}` : `${e.key}=${have}`}`,
      );
      spans.push(e.span);
      // Only `In` with one value says which label to set; other expressions need a person.
      if (e.operator === 'In' && e.values.length === 1) entries.push([e.key, e.values[0]!]);
      else fixable = false;
    }
    const who = describeWorkload(r);
    const fixes: Fix[] = [];
    const edits = fixable ? setTemplateLabels(pt, entries) : undefined;
    if (edits && edits.length > 0) {
      const allNew = entries.every(([k]) => !pt.labels.has(k));
      fixes.push({
        title: `${allNew ? 'Add' : 'Set'} template label${entries.length > 1 ? 's' : ''} ${entries.map(([k, v]) => `${k}=${v}`).join(', ')}`,
        preferred: true,
        edits,
      });
    }
    const labels = [...pt.labels].map(([k, v]) => `${k}=${v.value}`).join(', ');
    ctx.report({
      severity: 'error',
      message: `${fitFirst(
        ...(fixes.length > 0
          ? [`The selector does not match the Pod template: ${fixes[0]!.title.charAt(0).toLowerCase()}${fixes[0]!.title.slice(1)}.`]
          : []),
        'The selector does not match the Pod template: make the template labels match.',
      )} The selector of ${who} does not match its own Pod template (${reasons.join('; ')}); the API rejects the ${r.kind}.`,
      span: spans[0] ?? sel.span,
      related: [{ file: r.file, span: pt.labelsNode?.span ?? pt.anchorSpan, message: `Pod template labels: ${labels || '(none)'}` }],
      fixes,
    });
  },
};
