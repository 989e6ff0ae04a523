/** rules.md: a Service's selector matches no pod template in its namespace. */
import { anyNamespace } from '../index/tables';
import { describeWorkload, podsOutsideWorkspace, selectsPods } from '../links/services';
import { setTemplateLabels } from '../links/services-edits';
import { closestTemplate, templatesForMap } from '../links/selectors';
import { fitFirst, type Fix, type TextEditSpec } from '../model/finding';
import type { Resource } from '../model/resource';
import { getMap, type Span } from '../model/ytree';
import { keyIndent, replaceSpan, yamlScalar } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-selector-no-match',
    severity: 'warning',
    description: 'A Service selector matches no Pod template in its namespace, so the Service has no endpoints.',
  },
  check(r, ctx) {
    const svc = r.service;
    const ns = r.namespace;
    if (!svc || ns === undefined || !selectsPods(svc) || !svc.selector) return;
    const selector = svc.selector;
    if (templatesForMap(ctx.lookup, ns, selector).length > 0) return;
    // The Pods may well exist outside the workspace (operators, runtime labels, Helm templates).
    if (podsOutsideWorkspace(ctx.lookup, r) !== undefined) return;

    const pairs = [...selector].map(([k, v]) => `${k}=${v.value}`).join(', ');
    const firstPair = selector.values().next().value!;
    const head = `Service ${r.name} selects ${pairs}, but no Pod template in namespace ${ns} has ${selector.size > 1 ? 'all of those labels' : 'that label'}`;
    const closest = closestTemplate(ctx.lookup, ns, selector);
    // The closest template is the one with the most matching pairs: a template in another
    // namespace with all of them beats one here that has none, only a key in common.
    const elsewhere =
      !closest || closest.differing.length === selector.size ? templatesForMap(ctx.lookup, anyNamespace, selector).slice(0, 3) : [];
    if (!closest || elsewhere.length > 0) {
      // The labels exist in another namespace: the Service (or the workload) is in the wrong one.
      const where = elsewhere.map((pt) => `${describeWorkload(pt.owner)} in namespace ${pt.owner.namespace}`).join(', ');
      ctx.report({
        severity: 'warning',
        message:
          elsewhere.length > 0
            ? `${fitFirst(`These Pods are only in namespace ${[...new Set(elsewhere.map((pt) => pt.owner.namespace))].join(', ')}: move the Service or the workload.`, 'These Pods are in another namespace: move the Service or the workload.')} ${head}; ${where} ${elsewhere.length > 1 ? 'have' : 'has'} them, but a Service selects Pods in its own namespace only.`
            : `No Pod has these labels: fix the selector or the Pod labels. ${head}; no template there shares any of these labels.`,
        span: [firstPair.keySpan[0], firstPair.valueSpan[1]],
        related: elsewhere.map((pt) => ({
          file: pt.owner.file,
          span: pt.owner.nameSpan,
          message: `${describeWorkload(pt.owner)} in namespace ${pt.owner.namespace}`,
        })),
      });
      return;
    }

    const { template, differing } = closest;
    const have = differing.map((d) => (d.have === undefined ? `no label ${d.key}` : `${d.key}=${d.have}`)).join(', ');
    const first = differing[0];
    const firstSel = first ? selector.get(first.key) : undefined;
    const span: Span = firstSel
      ? first?.have === undefined
        ? [firstSel.keySpan[0], firstSel.valueSpan[1]]
        : firstSel.valueSpan
      : [firstPair.keySpan[0], firstPair.valueSpan[1]];
    const who = describeWorkload(template.owner);

    const fixes: Fix[] = [];
    const wanted = newSelector(selector, template.labels);
    const edit = rewriteSelector(r, wanted);
    if (edit) fixes.push({ title: `Change selector to ${wanted.map(([k, v]) => `${k}=${v}`).join(', ')}`, edits: [edit] });
    // Adding labels only fits when the template lacks keys; changing its values would break
    // the workload's own selector and whatever else selects it.
    if (differing.every((d) => d.have === undefined)) {
      const edits = setTemplateLabels(
        template,
        differing.map((d) => [d.key, d.want]),
      );
      if (edits)
        fixes.push({
          title: `Add label${differing.length > 1 ? 's' : ''} ${differing.map((d) => `${d.key}=${d.want}`).join(', ')} to ${who}`,
          edits,
        });
    }
    if (fixes.length === 1) fixes[0]!.preferred = true;

    const labels = [...template.labels].map(([k, v]) => `${k}=${v.value}`).join(', ');
    ctx.report({
      severity: 'warning',
      message: `${fitFirst(
        differing.length === 1 && first?.have !== undefined
          ? `No Pod matches this selector: did you mean ${first.key}=${first.have}?`
          : `No Pod matches this selector: change it to match ${who}.`,
        'No Pod matches this selector: change it to match the closest Pod template.',
      )} ${head}; closest: ${who} (${have}).`,
      span,
      related: [
        {
          file: template.owner.file,
          span: template.labelsNode?.span ?? template.anchorSpan,
          message: `${who}: Pod labels ${labels || '(none)'}`,
        },
      ],
      fixes,
    });
  },
};

/** The selector made to match a template: its own keys with the template's values, keys it lacks dropped. */
function newSelector(selector: ReadonlyMap<string, { value: string }>, labels: ReadonlyMap<string, { value: string }>): [string, string][] {
  const out: [string, string][] = [];
  for (const k of selector.keys()) {
    const v = labels.get(k);
    if (v !== undefined) out.push([k, v.value]);
  }
  return out.length > 0 ? out : [...labels].map(([k, v]) => [k, v.value]);
}

/** One edit that replaces the selector's pairs (block or flow), keeping its position and indentation. */
function rewriteSelector(r: Resource, pairs: [string, string][]): TextEditSpec | undefined {
  const map = getMap(r.root, 'spec', 'selector');
  if (!map || pairs.length === 0) return undefined;
  const file = r.file;
  if (file.text.slice(map.span[0], map.span[1]).startsWith('{')) {
    return replaceSpan(file, map.span, `{${pairs.map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`).join(', ')}}`);
  }
  const all = [...map.pairs.values()];
  const start = all[0]?.keySpan[0];
  if (start === undefined) return undefined;
  const end = Math.max(...all.map((p) => p.value?.span[1] ?? p.keySpan[1]));
  const indent = keyIndent(file, start);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return replaceSpan(file, [start, end], pairs.map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`).join(eol + indent));
}
