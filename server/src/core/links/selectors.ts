/** Selector matching (rules.md "Selector matching"), through the label table. */
import type { LabelSelector, PodTemplate } from '../model/resource';
import type { Lookup } from '../index/lookup';
import { closestNames, editDistance } from './closest';

export type Labels = ReadonlyMap<string, { value: string }>;

/** A plain map selector matches when every pair is among the labels. */
export function mapMatches(selector: Labels, labels: Labels): boolean {
  for (const [k, v] of selector) if (labels.get(k)?.value !== v.value) return false;
  return true;
}

/** The Kubernetes LabelSelector semantics; an empty selector matches everything. */
export function labelSelectorMatches(sel: LabelSelector, labels: Labels): boolean {
  if (!mapMatches(sel.matchLabels, labels)) return false;
  for (const e of sel.matchExpressions) {
    const v = labels.get(e.key)?.value;
    switch (e.operator) {
      case 'In':
        if (v === undefined || !e.values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && e.values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Pod templates in `ns` that a plain map selector matches. Reads only the label table
 * entry with the fewest templates, so the dependency stays as narrow as the match.
 */
export function templatesForMap(lookup: Lookup, ns: string, selector: Labels): PodTemplate[] {
  if (selector.size === 0) return [];
  // Many objects select alike (thousands of Services over the same Pods): one answer per selection and run.
  return lookup.shared(`map\0${ns}\0${selectorKey(selector)}`, (l) => matchMap(l, ns, selector)).slice();
}

/** A selector as a key: its pairs, sorted. */
export function selectorKey(selector: Labels): string {
  return [...selector]
    .map(([k, v]) => `${k}=${v.value}`)
    .sort()
    .join('\0');
}

function matchMap(lookup: Lookup, ns: string, selector: Labels): PodTemplate[] {
  let best: ReadonlySet<PodTemplate> | undefined;
  for (const [k, v] of selector) {
    const set = lookup.get('ptl', `${ns}\t${k}=${v.value}`);
    if (!best || set.size < best.size) best = set;
    if (set.size === 0) break;
  }
  return [...(best ?? [])].filter((pt) => mapMatches(selector, pt.labels));
}

/** Pod templates in `ns` that a LabelSelector matches (empty selector: all of them). */
export function templatesForSelector(lookup: Lookup, ns: string, sel: LabelSelector): PodTemplate[] {
  if (sel.invalid) return [];
  if (sel.matchLabels.size > 0) {
    return templatesForMap(lookup, ns, sel.matchLabels).filter((pt) => labelSelectorMatches(sel, pt.labels));
  }
  // Every template of the namespace is read: one answer per selector and run (2,000 policies selecting every Pod ask alike).
  const key = `sel\0${ns}\0${sel.matchExpressions
    .map((e) => `${e.key} ${e.operator} ${e.values.join(',')}`)
    .sort()
    .join('\0')}`;
  return lookup.shared(key, (l) => [...l.get('pt', ns)].filter((pt) => labelSelectorMatches(sel, pt.labels))).slice();
}

/** The template with the most matching pairs, and the pairs that differ, for messages; undefined when none is a lead (no pair matches, no value is near). */
export function closestTemplate(
  lookup: Lookup,
  ns: string,
  selector: Labels,
): { template: PodTemplate; differing: { key: string; want: string; have: string | undefined }[] } | undefined {
  let best: PodTemplate | undefined;
  let bestScore = 0;
  // Templates share label values (copies of a workload, apps of one chart): each distinct value is measured once.
  const pairs = [...selector].map(([k, v]) => ({ k, want: v.value, near: new Map<string, number>() }));
  for (const pt of lookup.get('pt', ns)) {
    // A matching pair counts most; a pair with the right key and a near value (the typo
    // users make) counts more than a far one, so `app=checkuot` finds `app=checkout`.
    let score = 0;
    for (const { k, want, near } of pairs) {
      const have = pt.labels.get(k)?.value;
      if (have === want) score += 2;
      else if (have !== undefined) {
        // The right key with any value still beats nothing: `app=foo` vs `app=bar` is a lead.
        let d = near.get(have);
        if (d === undefined) near.set(have, (d = 1 - editDistance(have, want) / Math.max(have.length, want.length, 1)));
        score += 0.25 + 0.75 * d;
      }
    }
    if (score > bestScore || (score === bestScore && best && pt.owner.name < best.owner.name)) {
      best = pt;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  const differing = [...selector]
    .filter(([k, v]) => best!.labels.get(k)?.value !== v.value)
    .map(([k, v]) => ({ key: k, want: v.value, have: best!.labels.get(k)?.value }));
  // A lead is a pair that matches or a value one typo away; a template that only shares a key
  // with far values (any `app=…`) is no closer than any other, and naming it misleads.
  const lead = differing.length < selector.size || differing.some((d) => d.have !== undefined && closestNames(d.want, [d.have]).length > 0);
  return lead ? { template: best, differing } : undefined;
}
