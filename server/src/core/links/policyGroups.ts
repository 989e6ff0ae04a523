/** NetworkPolicies of a namespace grouped by podSelector: a template is matched once per distinct selector. */
import type { LabelSelector, Resource } from '../model/resource';

export interface PolicyGroup {
  selector: LabelSelector;
  policies: Resource[];
  /** Each policy's position among the namespace's policies: lists keep that order. */
  at: number[];
}

export function policyGroups(set: ReadonlySet<Resource>): PolicyGroup[] {
  const byKey = new Map<string, PolicyGroup>();
  let at = 0;
  for (const r of set) {
    const np = r.networkPolicy;
    at++;
    if (!np || np.podSelector.invalid) continue;
    const sel = np.podSelector;
    const key = `${[...sel.matchLabels]
      .map(([k, v]) => `${k}=${v.value}`)
      .sort()
      .join('\0')}\u0001${sel.matchExpressions
      .map((e) => `${e.key} ${e.operator} ${e.values.join(',')}`)
      .sort()
      .join('\0')}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { selector: sel, policies: [], at: [] }));
    g.policies.push(r);
    g.at.push(at);
  }
  return [...byKey.values()];
}
