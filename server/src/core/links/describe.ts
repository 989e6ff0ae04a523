/** How selectors and template labels are said in messages, and where findings about them point. */
import type { LabelSelector, PodTemplate } from '../model/resource';
import type { Span } from '../model/ytree';

/** `app=web, tier in (a, b), !legacy` — a LabelSelector as people write it with kubectl -l. */
export function describeSelector(sel: LabelSelector): string {
  const parts = [...sel.matchLabels].map(([k, v]) => `${k}=${v.value}`);
  for (const e of sel.matchExpressions) {
    if (e.operator === 'In') parts.push(`${e.key} in (${e.values.join(', ')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${e.values.join(', ')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator}`);
  }
  return parts.join(', ');
}

/** `Deployment web (app=web, tier=front)` for messages about a template's labels. */
export function describeTemplateLabels(pt: PodTemplate): string {
  const labels = [...pt.labels].map(([k, v]) => `${k}=${v.value}`).join(', ');
  return `${pt.owner.kind} ${pt.owner.name} (${labels || 'no labels'})`;
}

/** Where to point at a template's labels: the labels map, else its anchor. */
export function templateLabelsSpan(pt: PodTemplate): Span {
  return pt.labelsNode && pt.labels.size > 0 ? trimSpan(pt.owner.file.text, pt.labelsNode.span) : pt.anchorSpan;
}

/** A span without the trailing whitespace that block collections carry (so it ends on its last line). */
export function trimSpan(text: string, span: Span): Span {
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1] ?? '')) end--;
  return [span[0], end];
}

/**
 * Where to point at a LabelSelector: its `matchLabels` pairs when that is all it has (from
 * the first key to the last value), else the whole selector; trailing blank lines trimmed.
 */
export function selectorSpan(text: string, sel: LabelSelector): Span {
  if (sel.matchExpressions.length === 0 && sel.matchLabels.size > 0) {
    const pairs = [...sel.matchLabels.values()];
    return [Math.min(...pairs.map((p) => p.keySpan[0])), Math.max(...pairs.map((p) => p.valueSpan[1]))];
  }
  return trimSpan(text, sel.span);
}
