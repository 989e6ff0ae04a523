/** The Service's side of the traffic graph: its port lanes to the Pod templates it selects, and their container ports. */
import type { Lookup } from '../index/lookup';
import { effectiveTargetPort, type ContainerPort, type PodTemplate, type Resource, type ServicePort } from '../model/resource';
import { describeContainerPort, describeTarget, resolvePort } from '../links/ports';
import { templatesForMap } from '../links/selectors';
import { podsOutsideWorkspace } from '../links/services';
import { mayListenUndeclared } from '../links/listening';
import { policyEdge, type PolicyEdge } from './trafficPolicies';
import { GraphBuilder, source } from './trafficBuilder';

/** Service lanes → Pod templates → container ports, plus hostPorts and NetworkPolicies. */
export function addBackends(
  g: GraphBuilder,
  lookup: Lookup,
  svcRes: Resource,
  lanes: Map<ServicePort, string>,
  external: () => string,
): void {
  const svc = svcRes.service!;
  const ns = svcRes.namespace!;
  if (!svc.selector || svc.selector.size === 0) {
    const id = g.node('noselector', 'pod', 'Endpoints managed outside the workspace (no selector)');
    for (const lane of lanes.values())
      g.edge(lane, id, 'unknown', { reason: 'A Service without a selector sends traffic to the EndpointSlices someone else manages.' });
    return;
  }
  const templates = templatesForMap(lookup, ns, svc.selector);
  if (templates.length === 0) {
    const sel = [...svc.selector].map(([k, v]) => `${k}=${v.value}`).join(', ');
    // Where service-selector-no-match stays silent (the Pods come from elsewhere), the hop is unknown, not broken.
    const elsewhere = podsOutsideWorkspace(lookup, svcRes);
    const id = g.node('nopods', 'pod', elsewhere ? `Pods with ${sel} (not in the workspace)` : `No Pod template matches ${sel}`, {
      source: source(svcRes, svc.selectorSpan ?? svcRes.nameSpan),
    });
    for (const lane of lanes.values()) {
      if (elsewhere)
        g.edge(lane, id, 'unknown', {
          reason: `No Pod template in the workspace has ${sel}, but the Pods may come from elsewhere: ${elsewhere}`,
        });
      else
        g.edge(lane, id, 'broken', {
          reason: `Selector ${sel} matches no Pod template in namespace ${ns}`,
          rule: 'service-selector-no-match',
        });
    }
    return;
  }
  for (const pt of templates) {
    // One Pod node per template and target port: a multi-port Service must not look as if
    // its port 80 also reached the container's 9090.
    const label = `${pt.owner.kind} ${pt.owner.name}${pt.replicas !== undefined ? ` ×${pt.replicas}` : ''}`;
    const labels = [[...pt.labels].map(([k, v]) => `${k}=${v.value}`).join(', ')];
    const reached = new Map<ContainerPort, string>();
    const podNode = (key: string | number, port?: number): string =>
      g.node(`pod:${pt.owner.id}:${key}`, 'pod', label, { port, source: source(pt.owner, pt.owner.nameSpan), detail: labels });
    const selects = (podId: string, policy: PolicyEdge): void => {
      for (const pol of policy.policies) {
        const polId = g.node(`pol:${pol.resource.id}`, 'network-policy', `NetworkPolicy ${pol.resource.name}`, {
          source: source(pol.resource, pol.resource.nameSpan),
        });
        g.edge(polId, podId, pol.blocks ? 'blocked' : 'ok', { label: 'selects', policy: `${ns}/${pol.resource.name}` });
      }
    };
    for (const [p, lane] of lanes) {
      const eff = effectiveTargetPort(p);
      if (!eff) {
        g.edge(lane, podNode('?'), 'broken', { reason: 'The Service port has no port number', rule: 'port-number-invalid' });
        continue;
      }
      const res = resolvePort(pt, eff.value, p.protocol);
      const podId = podNode(eff.value, res.matches[0]?.containerPort?.value ?? (typeof eff.value === 'number' ? eff.value : undefined));
      const policy = policyEdge(lookup, pt, res.matches[0], eff.value);
      selects(podId, policy);
      if (res.matches.length === 0) {
        const declared = pt.containers.flatMap((c) => c.ports).map(describeContainerPort);
        const silent = typeof eff.value === 'number' && mayListenUndeclared(lookup, pt, eff.value);
        const rule = res.otherProtocol.length > 0 ? 'service-port-protocol-mismatch' : 'service-target-port-not-found';
        const reason = silent
          ? `targetPort ${eff.value} is not declared, but the Pods may listen on it (${declared.length ? 'their args or env name it' : 'they declare no ports'}): podpath cannot check it`
          : `targetPort ${describeTarget(eff.value)}/${p.protocol} is not a port of ${pt.owner.kind} ${pt.owner.name}${declared.length ? ` (declares ${declared.join(', ')})` : ''}`;
        g.edge(lane, podId, silent ? 'unknown' : 'broken', { label: `targetPort ${eff.value}`, reason, rule: silent ? undefined : rule });
        continue;
      }
      g.edge(lane, podId, policy.status, { label: `targetPort ${eff.value}`, reason: policy.reason, policy: policy.blocking });
      for (const cp of res.matches) {
        addContainer(g, pt, podId, cp);
        reached.set(cp, podId);
      }
    }
    for (const c of pt.containers) {
      for (const cp of c.ports) {
        if (!cp.hostPort?.value) continue;
        const hp = g.node(
          `hp:${pt.owner.id}:${cp.hostPort.value}:${cp.protocol}`,
          'host-port',
          `<NodeIP>:${cp.hostPort.value} (hostPort)`,
          { port: cp.hostPort.value, protocol: cp.protocol, source: source(pt.owner, cp.hostPort.span) },
        );
        g.edge(external(), hp, 'ok');
        // <NodeIP>:hostPort → the Pod on that node → its container port; the Pod's ingress policies apply to it as well.
        const podId = reached.get(cp) ?? podNode(cp.containerPort?.value ?? '?', cp.containerPort?.value);
        const policy = policyEdge(lookup, pt, cp, cp.containerPort?.value ?? cp.hostPort.value);
        if (!reached.has(cp)) selects(podId, policy);
        g.edge(hp, podId, policy.status, {
          label: `hostPort ${cp.hostPort.value} → ${cp.containerPort?.value ?? '?'}`,
          reason: policy.reason,
          policy: policy.blocking,
        });
        addContainer(g, pt, podId, cp);
      }
    }
  }
}

function addContainer(g: GraphBuilder, pt: PodTemplate, podId: string, cp: ContainerPort): string {
  const label = `${cp.container.name} :${describeContainerPort(cp)}`;
  const id = g.node(`ctr:${pt.owner.id}:${cp.container.name}:${cp.containerPort?.value}:${cp.protocol}`, 'container', label, {
    port: cp.containerPort?.value,
    protocol: cp.protocol,
    detail: cp.container.init ? ['native sidecar (init container, restartPolicy: Always)'] : [],
    source: source(pt.owner, cp.containerPort?.span ?? cp.span),
  });
  g.edge(podId, id, 'ok', { label: cp.containerPort ? `containerPort ${cp.containerPort.value}` : undefined });
  return id;
}
