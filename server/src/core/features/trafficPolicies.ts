/**
 * What NetworkPolicies do to the hop Service → Pod template on one port, for the graph:
 * the policies that select the template, and whether the hop is allowed, blocked or
 * depends on who the client is.
 */
import type { Lookup } from '../index/lookup';
import type { EdgeStatus } from '../model/graph';
import type { ContainerPort, NetworkPolicyPort, PodTemplate, Resource } from '../model/resource';
import { labelSelectorMatches } from '../links/selectors';

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
  const selecting = [...lookup.get('netpol', ns)].filter((p) => p.networkPolicy && !p.networkPolicy.podSelector.invalid && labelSelectorMatches(p.networkPolicy.podSelector, pt.labels));
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
  const policies = selecting.map((resource) => ({ resource, blocks: isolating.includes(resource) && !admitting.has(resource) && admitting.size === 0 }));
  if (admitting.size === 0) {
    const names = isolating.map((p) => p.name).sort();
    const who = names.length > 1 ? `NetworkPolicies ${names.join(', ')} isolate` : `NetworkPolicy ${names[0]} isolates`;
    const admit = names.length > 1 ? 'admit' : 'admits';
    return { status: 'blocked', reason: `${who} ${pt.owner.kind} ${pt.owner.name} and ${admit} no traffic on port ${target}`, blocking: `${ns}/${isolating[0]!.name}`, policies };
  }
  if (openToAll) return { status: 'ok', policies };
  const names = [...admitting].map((p) => p.name).join(', ');
  return { status: 'unknown', reason: `NetworkPolicy ${names} admits only some sources on port ${target}`, policies };
}
