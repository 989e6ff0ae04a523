/** Pod templates, containers, ports and probes out of workload resources. */
import type { Container, ContainerPort, PodTemplate, Probe, Resource } from '../model/resource';
import { get, getMap, getScalar, getSeq, getStr, int, isMap, pair, strMap, type YMap, type YNode } from '../model/ytree';
import { labelSelector, locInt, locIntOrStr, locStr } from './located';

/** Kinds whose pod template lives at `spec.template`. */
const templateKinds = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job']);
/** Kinds whose `spec.selector` (a LabelSelector) must match their own template labels; a ReplicationController's is a plain map. */
const selectorKinds = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** The pod template of a resource, if its kind has one (or any kind with spec.template.spec.containers). */
export function extractPodTemplate(r: Resource, root: YMap): PodTemplate | undefined {
  let tmpl: YNode | undefined;
  let podSpec: YNode | undefined;
  let metadata: YNode | undefined;
  const spec = get(root, 'spec');
  if (r.kind === 'Pod') {
    podSpec = spec;
    metadata = get(root, 'metadata');
  } else if (r.kind === 'CronJob') {
    tmpl = get(spec, 'jobTemplate', 'spec', 'template');
  } else if (
    templateKinds.has(r.kind) ||
    isMap(get(spec, 'template', 'spec', 'containers')) ||
    getSeq(spec, 'template', 'spec', 'containers').length > 0
  ) {
    tmpl = get(spec, 'template');
  }
  if (tmpl !== undefined) {
    podSpec = get(tmpl, 'spec');
    metadata = get(tmpl, 'metadata');
  }
  // A workload template without `spec` (no containers yet) still carries Pod labels that
  // Services select: keep it as a template with no containers rather than lose the labels.
  if (!isMap(podSpec) && !(isMap(tmpl) && isMap(get(tmpl, 'metadata')))) return undefined;
  const labelsNode = get(metadata, 'labels');
  const labels = r.kind === 'Pod' ? strMap(labelsNode) : strMap(labelsNode);
  const anchorSpan = pair(metadata, 'labels')?.keySpan ?? pair(tmpl, 'metadata')?.keySpan ?? pair(spec, 'template')?.keySpan ?? r.nameSpan;
  const containers: Container[] = [];
  // The Pod uses the node's network: each container port is a port of the node.
  const hostNetwork = getScalar(podSpec, 'hostNetwork')?.value === true;
  for (const c of getSeq(podSpec, 'containers')) if (isMap(c)) containers.push(container(c, false, hostNetwork));
  for (const c of getSeq(podSpec, 'initContainers')) {
    // Only native sidecars (restartPolicy: Always) keep running and can receive traffic.
    if (isMap(c) && getStr(c, 'restartPolicy') === 'Always') containers.push(container(c, true, hostNetwork));
  }
  const pt: PodTemplate = {
    owner: r,
    labels,
    labelsNode,
    anchorSpan,
    containers,
    ports: containers.flatMap((c) => c.ports),
    replicas: r.kind === 'Pod' ? 1 : int(getScalar(spec, 'replicas')),
  };
  if (selectorKinds.has(r.kind) && pair(spec, 'selector')) {
    pt.workloadSelector = labelSelector(get(spec, 'selector'), pair(spec, 'selector')!.keySpan);
  } else if (r.kind === 'ReplicationController') {
    // A plain map (no matchLabels); when absent or empty the API defaults it to the template labels.
    const sel = getMap(spec, 'selector');
    if (sel && sel.pairs.size > 0) pt.workloadSelector = { matchLabels: strMap(sel), matchExpressions: [], span: sel.span };
  }
  return pt;
}

function container(c: YMap, init: boolean, hostNetwork: boolean): Container {
  const nameNode = getScalar(c, 'name');
  const ctr: Container = {
    name: getStr(c, 'name') ?? '',
    nameSpan: nameNode?.span ?? c.span,
    init,
    ports: [],
    probes: [],
    node: c,
  };
  for (const p of getSeq(c, 'ports')) {
    if (!isMap(p)) continue;
    const raw = getScalar(p, 'containerPort');
    const containerPort = locInt(p, 'containerPort');
    let hostPort = locInt(p, 'hostPort');
    // hostNetwork: the API defaults an unset (or 0) hostPort to the containerPort.
    const implied =
      hostNetwork && (hostPort === undefined || hostPort.value === 0) && containerPort !== undefined && containerPort.value > 0;
    if (implied) hostPort = { value: containerPort.value, span: containerPort.span };
    const cp: ContainerPort = {
      container: ctr,
      containerPort,
      rawContainerPort: raw && int(raw) === undefined ? raw : undefined,
      name: locStr(p, 'name'),
      protocol: (getStr(p, 'protocol') ?? 'TCP').toUpperCase(),
      protocolSpan: getScalar(p, 'protocol')?.span,
      hostPort,
      hostIP: getStr(p, 'hostIP'),
      span: p.span,
    };
    if (implied) cp.hostPortImplied = true;
    ctr.ports.push(cp);
  }
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = getMap(c, kind);
    if (!probe) continue;
    for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      const port = locIntOrStr(get(probe, handler), 'port');
      if (port) ctr.probes.push({ kind, handler, port } satisfies Probe);
    }
  }
  return ctr;
}

/** All ports of a pod template: containers and native sidecars. */
export function templatePorts(pt: PodTemplate): readonly ContainerPort[] {
  return pt.ports;
}
