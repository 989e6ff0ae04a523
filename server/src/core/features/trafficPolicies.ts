/**
 * What NetworkPolicies do to the hop Service → Pod template on one port, for the graph:
 * the policies that select the template, and whether the hop is allowed, blocked or
 * depends on who the client is — and, for a client the workspace knows (a workload that
 * names the Service by DNS), whether that client gets in.
 */
import type { Lookup } from '../index/lookup';
import type { EdgeStatus } from '../model/graph';
import type { ContainerPort, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, PodTemplate, Resource } from '../model/resource';
import { labelSelectorMatches, type Labels } from '../links/selectors';

export interface PolicyEdge {
  status: EdgeStatus;
  reason?: string;
  /** `ns/name` of a policy that blocks, for blocked edges. */
  blocking?: string;
  policies: { resource: Resource; blocks: boolean }[];
}

/** Whether a policy port entry admits a container port (by number, name or range). */
export function portAdmits(pp: NetworkPolicyPort, cp: ContainerPort | undefined, target: string | number): boolean {
  if (!pp.port) return cp ? pp.protocol === cp.protocol : true;
  if (cp && pp.protocol !== cp.protocol) return false;
  const v = pp.port.value;
  if (typeof v === 'string') return cp?.name?.value === v || v === target;
  const n = cp?.containerPort?.value ?? (typeof target === 'number' ? target : undefined);
  if (n === undefined) return false;
  return pp.endPort !== undefined ? n >= v && n <= pp.endPort : n === v;
}

/** The verdict of the policies selecting `pt` on the container port a Service hits. */
export function policyEdge(lookup: Lookup, pt: PodTemplate, cp: ContainerPort | undefined, target: string | number): PolicyEdge {
  const ns = pt.owner.namespace;
  if (ns === undefined) return { status: 'ok', policies: [] };
  const selecting = [...lookup.get('netpol', ns)].filter(
    (p) => p.networkPolicy && !p.networkPolicy.podSelector.invalid && labelSelectorMatches(p.networkPolicy.podSelector, pt.labels),
  );
  const isolating = selecting.filter((p) => p.networkPolicy!.isolatesIngress);
  if (isolating.length === 0) return { status: 'ok', policies: selecting.map((resource) => ({ resource, blocks: false })) };
  let openToAll = false;
  const admitting = new Set<Resource>();
  for (const p of isolating) {
    for (const rule of p.networkPolicy!.ingress) {
      if (rule.ports && !rule.ports.some((pp) => portAdmits(pp, cp, target))) continue;
      admitting.add(p);
      if (!rule.peers) openToAll = true;
    }
  }
  const policies = selecting.map((resource) => ({
    resource,
    blocks: isolating.includes(resource) && !admitting.has(resource) && admitting.size === 0,
  }));
  if (admitting.size === 0) {
    const names = isolating.map((p) => p.name).sort();
    const who = names.length > 1 ? `NetworkPolicies ${names.join(', ')} isolate` : `NetworkPolicy ${names[0]} isolates`;
    const admit = names.length > 1 ? 'admit' : 'admits';
    return {
      status: 'blocked',
      reason: `${who} ${pt.owner.kind} ${pt.owner.name} and ${admit} no traffic on port ${target}`,
      blocking: `${ns}/${isolating[0]!.name}`,
      policies,
    };
  }
  if (openToAll) return { status: 'ok', policies };
  const names = [...admitting].map((p) => p.name).join(', ');
  return { status: 'unknown', reason: `NetworkPolicy ${names} admits only some sources on port ${target}`, policies };
}

/** A client of the Service as far as the workspace knows it: a Pod template's labels, or unknown labels (a ConfigMap). */
export interface PolicySource {
  namespace: string;
  /** The client Pods' labels; undefined when the client's Pods are not known. */
  labels: Labels | undefined;
}

/** Three answers: decided either way, or depending on what the workspace does not say. */
export type Verdict = 'yes' | 'no' | 'maybe';

/**
 * Whether `sel` matches `labels`. With incomplete labels (a namespace the workspace does not
 * declare) only requirements on the keys present decide: one of them failing is a `no`,
 * a requirement on any other key a `maybe`.
 */
function selectorVerdict(sel: LabelSelector, labels: Labels | undefined, complete: boolean): Verdict {
  if (sel.invalid || !labels) return 'maybe';
  if (labelSelectorMatches(sel, labels)) return 'yes';
  if (complete) return 'no';
  const known: LabelSelector = {
    ...sel,
    matchLabels: new Map([...sel.matchLabels].filter(([k]) => labels.has(k))),
    matchExpressions: sel.matchExpressions.filter((e) => labels.has(e.key)),
  };
  return labelSelectorMatches(known, labels) ? 'maybe' : 'no';
}

/**
 * A namespace's labels: its Namespace object's, when the workspace has one (then taken as
 * complete), and always the `kubernetes.io/metadata.name` label the API server sets.
 */
function namespaceLabels(lookup: Lookup, ns: string): { labels: Labels; complete: boolean } {
  const obj = [...lookup.get('obj', ns)].find((r) => r.kind === 'Namespace' && r.name === ns);
  const labels = new Map<string, { value: string }>();
  for (const [k, v] of obj?.labels ?? []) labels.set(k, { value: v });
  labels.set('kubernetes.io/metadata.name', { value: ns });
  return { labels, complete: obj !== undefined };
}

function peerVerdict(lookup: Lookup, peer: NetworkPolicyPeer, policyNs: string, src: PolicySource): Verdict {
  if (peer.ipBlock) return 'maybe'; // meant for addresses outside the cluster; a Pod IP may still fall in it
  let ns: Verdict = src.namespace === policyNs ? 'yes' : 'no';
  if (peer.namespaceSelector) {
    const n = namespaceLabels(lookup, src.namespace);
    ns = selectorVerdict(peer.namespaceSelector, n.labels, n.complete);
  }
  if (ns === 'no') return 'no';
  const pods = peer.podSelector ? selectorVerdict(peer.podSelector, src.labels, true) : 'yes';
  if (pods === 'no') return 'no';
  return ns === 'yes' && pods === 'yes' ? 'yes' : 'maybe';
}

/**
 * Whether the ingress policies isolating `pt` let `src` reach the container port a Service
 * hits: `yes` (a rule admits it; or nothing isolates the Pods), `no` (every rule on that port
 * excludes it, naming the policies), `maybe` (it depends on labels or addresses the
 * workspace does not show).
 */
export function admitsSource(
  lookup: Lookup,
  pt: PodTemplate,
  cp: ContainerPort | undefined,
  target: string | number,
  src: PolicySource,
): { verdict: Verdict; policies: string[] } {
  const ns = pt.owner.namespace;
  if (ns === undefined) return { verdict: 'yes', policies: [] };
  const isolating = [...lookup.get('netpol', ns)].filter(
    (p) =>
      p.networkPolicy &&
      !p.networkPolicy.podSelector.invalid &&
      p.networkPolicy.isolatesIngress &&
      labelSelectorMatches(p.networkPolicy.podSelector, pt.labels),
  );
  let verdict: Verdict = isolating.length ? 'no' : 'yes';
  for (const p of isolating) {
    for (const rule of p.networkPolicy!.ingress) {
      if (rule.ports && !rule.ports.some((pp) => portAdmits(pp, cp, target))) continue;
      const v = rule.peers
        ? rule.peers.reduce<Verdict>((acc, peer) => (acc === 'yes' ? acc : orVerdict(acc, peerVerdict(lookup, peer, ns, src))), 'no')
        : 'yes';
      verdict = orVerdict(verdict, v);
      if (verdict === 'yes') return { verdict, policies: [p.name] };
    }
  }
  return { verdict, policies: isolating.map((p) => p.name).sort() };
}

function orVerdict(a: Verdict, b: Verdict): Verdict {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';
}
