/**
 * The traffic-path graph of one Service (cli-and-protocol.md): the ways in, the Service's
 * port lanes, the Pod templates it selects and the container ports hit, with every broken,
 * blocked or unknown hop marked. One builder for the LSP request, the CLI and the panel.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Lookup } from '../index/lookup';
import { nsName, type ServiceUser } from '../index/tables';
import type { EdgeStatus, GraphNodeKind, GraphSource, TrafficGraph } from '../model/graph';
import { rangeOf } from '../model/positions';
import { effectiveTargetPort, realPlace, type Resource, type ServicePort } from '../model/resource';
import { resolvePort } from '../links/ports';
import { mapMatches, templatesForMap } from '../links/selectors';
import { sameObject } from '../links/services';
import { refNotPermitted } from '../links/routes';
import { renderedAt, templatePlace } from './chartHover';
import { diagnosticsOf, type RuleSettings } from './diagnostics';
import { builtResourcesAt } from './builtHover';
import { addGatewayWaysIn } from './trafficGateway';
import { admitsSource } from './trafficPolicies';
import { addBackends } from './trafficBackends';
import { GraphBuilder, source } from './trafficBuilder';

export interface ServiceTarget {
  namespace: string;
  name: string;
}

/** The graph of the Service `namespace/name`, or null when there is no such Service. */
export function buildTrafficGraph(
  index: WorkspaceIndex,
  target: ServiceTarget,
  settings: RuleSettings = {},
  unit?: string,
): TrafficGraph | null {
  const units = index.unitsHaving(target.namespace, target.name);
  const chosen = unit !== undefined && units.includes(unit) ? unit : units[0];
  if (chosen === undefined) return null;
  const lookup = index.lookup({ unit: chosen });
  const svcRes = [...lookup.get('svc', nsName(target.namespace, target.name))][0];
  const svc = svcRes?.service;
  if (!svcRes || !svc) return null;
  const ns = target.namespace;
  const domain = lookup.options.clusterDomain;
  const fqdn = `${svcRes.name}.${ns}.svc.${domain}`;
  const g = new GraphBuilder();
  const external = (): string => g.node('external', 'external-client', 'External client');

  if (svc.type === 'ExternalName') {
    const en = g.node('svc', 'external-name', `${fqdn} → ${svc.externalName ?? '(no externalName)'}`, {
      detail: ['ExternalName: a DNS CNAME, no proxying, no Pods'],
      source: source(svcRes, svcRes.nameSpan),
    });
    addUsers(g, lookup, svcRes, new Map(), external, en);
    return finish(index, lookup, g, svcRes, settings, chosen, units);
  }

  const lanes = new Map<ServicePort, string>();
  const kind: GraphNodeKind = svc.headless ? 'headless' : 'cluster-ip';
  const ports = svc.ports.length > 0 ? svc.ports : [];
  for (const p of ports) {
    const label = `${fqdn}:${p.port?.value ?? '?'}`;
    const detail = [
      svc.headless ? 'Headless: DNS returns the Pod IPs, no virtual IP' : `ClusterIP ${svc.clusterIP ?? '(allocated by the API server)'}`,
    ];
    if (p.name) detail.push(`port name ${p.name.value}`);
    lanes.set(
      p,
      g.node(`lane:${p.index}`, kind, label, {
        port: p.port?.value,
        protocol: p.protocol,
        detail,
        source: source(svcRes, p.port?.span ?? p.span),
      }),
    );
  }
  if (lanes.size === 0)
    lanes.set(
      {
        index: -1,
        name: undefined,
        port: undefined,
        targetPort: undefined,
        protocol: 'TCP',
        protocolSpan: undefined,
        nodePort: undefined,
        span: svcRes.nameSpan,
      },
      g.node('lane:none', kind, `${fqdn} (no ports)`, { source: source(svcRes, svcRes.nameSpan) }),
    );

  // Ways in from outside: LoadBalancer → nodePort on every node → the Service port.
  if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
    const lb =
      svc.type === 'LoadBalancer'
        ? g.node('lb', 'load-balancer', `LoadBalancer ${svcRes.name}`, {
            detail:
              svc.externalTrafficPolicy === 'Local'
                ? ['externalTrafficPolicy: Local — client IP kept; only nodes with a ready Pod answer']
                : [],
            source: source(svcRes, svc.typeSpan ?? svcRes.nameSpan),
          })
        : undefined;
    for (const [p, lane] of lanes) {
      if (p.index < 0) continue;
      const np = p.nodePort?.value;
      const npNode = g.node(
        `np:${p.index}`,
        'node-port',
        np ? `<NodeIP>:${np} on every node` : '<NodeIP>:(auto-assigned nodePort) on every node',
        { port: np, protocol: p.protocol, source: source(svcRes, p.nodePort?.span ?? p.span) },
      );
      const problem = np ? nodePortProblem(lookup, svcRes, np) : undefined;
      const into = problem ? { status: 'broken' as const, ...problem } : { status: 'ok' as const };
      if (lb) {
        g.edge(external(), lb, 'ok', { label: `:${p.port?.value ?? '?'}` });
        g.edge(lb, npNode, into.status, { label: np ? String(np) : undefined, ...into });
      } else g.edge(external(), npNode, into.status, { ...into });
      g.edge(npNode, lane, 'ok', { label: `kube-proxy ${np ? `${np} → ` : '→ '}${p.port?.value ?? '?'}` });
    }
  }
  addUsers(g, lookup, svcRes, lanes, external);
  const inCluster = g.node('incluster', 'in-cluster-client', 'In-cluster clients', { detail: [`${fqdn}`] });
  for (const lane of lanes.values()) g.edge(inCluster, lane, 'ok');

  addBackends(g, lookup, svcRes, lanes, external);
  return finish(index, lookup, g, svcRes, settings, chosen, units);
}

/** Why a nodePort cannot open: out of the range, or taken by another Service. */
function nodePortProblem(lookup: Lookup, svcRes: Resource, np: number): { reason: string; rule: string } | undefined {
  const [lo, hi] = lookup.options.nodePortRange;
  if (np < lo || np > hi)
    return {
      reason: `nodePort ${np} is outside the node-port range ${lo}-${hi}: the API server rejects the Service`,
      rule: 'node-port-out-of-range',
    };
  // As node-port-conflict judges it: copies of this Service (same namespace, or one that names none) do not clash.
  const others = [...lookup.get('nodeport', np)].filter(
    (u) =>
      u.resource !== svcRes &&
      !sameObject(u.resource, svcRes) &&
      !(u.resource.namespace === svcRes.namespace && u.resource.name === svcRes.name),
  );
  if (others.length === 0) return undefined;
  const o = others[0]!.resource;
  return {
    reason: `nodePort ${np} is also claimed by Service ${o.namespace}/${o.name}: only one of them can have it`,
    rule: 'node-port-conflict',
  };
}

/** The lane (and its Service port) a port number or name reaches; the first for none. */
function laneFor(lanes: Map<ServicePort, string>, port: number | string | undefined): { id: string; port: ServicePort } | undefined {
  for (const [p, id] of lanes) {
    if (port === undefined) return { id, port: p };
    if (typeof port === 'number' ? p.port?.value === port : p.name?.value === port) return { id, port: p };
  }
  return undefined;
}

/** Ingresses, routes and DNS references that name the Service, each into its Service port's lane. */
function addUsers(
  g: GraphBuilder,
  lookup: Lookup,
  svcRes: Resource,
  lanes: Map<ServicePort, string>,
  external: () => string,
  everyPort?: string,
): void {
  const ns = svcRes.namespace!;
  // An ExternalName Service is a CNAME: every port goes to its one node (`everyPort`).
  const lane = (port: number | string | undefined): string | undefined => everyPort ?? laneFor(lanes, port)?.id;
  const anyLane = lane(undefined);
  for (const u of lookup.get('users', nsName(ns, svcRes.name))) {
    const hit = userHit(u, lane);
    const to = hit.lane ?? anyLane;
    if (!to) continue;
    const status: EdgeStatus = hit.lane || hit.port === undefined ? 'ok' : 'broken';
    const broken =
      status === 'broken' ? { reason: `${hit.what} port ${hit.port} is not a port of Service ${svcRes.name}`, rule: hit.rule } : {};
    if (u.via === 'ingress') {
      const label = `Ingress ${u.resource.name}: ${u.host ?? '*'}${u.path ?? ' (default backend)'}${u.tls ? ' (TLS)' : ''}`;
      const id = g.node(`ing:${u.resource.id}:${u.host}:${u.path}`, 'ingress', label, {
        detail: u.tls ? ['TLS terminated at the Ingress controller'] : [],
        source: source(u.resource, u.backend.serviceName.span),
      });
      g.edge(external(), id, 'ok', { label: u.tls ? 'HTTPS' : 'HTTP' });
      // The old backend form in networking.k8s.io/v1: the API rejects the Ingress, whatever its port.
      const rejected = status === 'ok' && u.backend.legacy && u.resource.apiVersion === 'networking.k8s.io/v1';
      const invalid = rejected
        ? {
            reason: 'networking.k8s.io/v1 has no serviceName/servicePort: the API rejects the Ingress (use service.name and service.port)',
            rule: 'ingress-backend-invalid',
          }
        : broken;
      g.edge(id, to, rejected ? 'broken' : status, { label: hit.port !== undefined ? `port ${hit.port}` : undefined, ...invalid });
    } else if (u.via === 'route') {
      const id = g.node(
        `route:${u.resource.id}:${u.match}`,
        'gateway-route',
        `${u.resource.kind} ${u.resource.name}${u.match ? `: ${u.match}` : ''}`,
        {
          detail: u.resource.route?.hostnames.length ? [`hosts: ${u.resource.route.hostnames.join(', ')}`] : [],
          source: source(u.resource, u.ref.name.span),
        },
      );
      addGatewayWaysIn(g, lookup, u.resource, id, external);
      // The Gateway drops a cross-namespace backend that no ReferenceGrant allows, whatever its port.
      const refused = status === 'ok' && refNotPermitted(lookup, u.resource, u.ref, ns) !== undefined;
      const denied = refused
        ? {
            reason: `No ReferenceGrant in namespace ${ns} allows ${u.resource.kind} from namespace ${u.resource.namespace} to use Service ${svcRes.name}: the Gateway rejects the backend (RefNotPermitted)`,
            rule: 'route-backend-not-permitted',
          }
        : broken;
      g.edge(id, to, refused ? 'broken' : status, { label: hit.port !== undefined ? `port ${hit.port}` : undefined, ...denied });
    } else if (u.via === 'dns') {
      const id = g.node(
        `dns:${u.resource.id}:${u.ref.span[0]}`,
        'dns-reference',
        `${u.resource.kind} ${u.resource.name} (${u.ref.where})`,
        { detail: [u.ref.text], source: source(u.resource, u.ref.span) },
      );
      if (!u.ref.qualified && u.resource.namespace !== ns && u.ref.namespace !== ns) continue;
      const sp = laneFor(lanes, hit.lane ? hit.port : undefined)?.port;
      const policy = status === 'ok' && sp ? clientPolicy(lookup, svcRes, sp, u.resource) : undefined;
      g.edge(id, to, policy?.status ?? status, { label: hit.port !== undefined ? `:${hit.port}` : 'DNS', ...broken, ...policy?.why });
    }
  }
}

/**
 * What the NetworkPolicies of the Pods behind Service port `sp` do to one known client (a
 * workload naming the Service by DNS): blocked when every Pod template excludes it, unknown
 * when that depends on what the workspace does not show; undefined when nothing stops it.
 */
function clientPolicy(
  lookup: Lookup,
  svcRes: Resource,
  sp: ServicePort,
  client: Resource,
): { status: EdgeStatus; why?: { reason: string; policy?: string } } | undefined {
  const svc = svcRes.service!;
  const eff = effectiveTargetPort(sp);
  if (!eff || !svc.selector?.size || client.namespace === undefined) return undefined;
  const src = { namespace: client.namespace, labels: client.podTemplate?.labels };
  const verdicts = templatesForMap(lookup, svcRes.namespace!, svc.selector).flatMap((pt) => {
    const cp = resolvePort(pt, eff.value, sp.protocol).matches[0];
    return cp ? [{ pt, ...admitsSource(lookup, pt, cp, eff.value, src) }] : [];
  });
  if (verdicts.length === 0 || verdicts.some((v) => v.verdict === 'yes')) return undefined;
  const who = `${client.kind} ${client.name} (namespace ${client.namespace})`;
  const names = [...new Set(verdicts.flatMap((v) => v.policies))].sort();
  const policies = `NetworkPolicy${names.length > 1 ? 'ies' : ''} ${names.join(', ')}`;
  if (verdicts.every((v) => v.verdict === 'no')) {
    return {
      status: 'blocked',
      why: {
        reason: `${policies} admit${names.length > 1 ? '' : 's'} no traffic from ${who} on port ${eff.value}`,
        policy: `${svcRes.namespace}/${names[0]}`,
      },
    };
  }
  return {
    status: 'unknown',
    why: {
      reason: `Whether ${policies} admit${names.length > 1 ? '' : 's'} ${who} on port ${eff.value} depends on labels the workspace does not show`,
    },
  };
}

function userHit(
  u: ServiceUser,
  lane: (port: number | string | undefined) => string | undefined,
): { lane?: string; port?: number | string; what: string; rule: string } {
  if (u.via === 'ingress') {
    const port = u.backend.portNumber?.value ?? u.backend.portName?.value;
    return { lane: lane(port), port, what: 'Ingress backend', rule: 'ingress-backend-port-not-found' };
  }
  if (u.via === 'route')
    return { lane: lane(u.ref.port?.value), port: u.ref.port?.value, what: 'Route backendRef', rule: 'route-backend-port-not-found' };
  if (u.via === 'dns') return { lane: lane(u.ref.port), port: u.ref.port, what: 'DNS reference', rule: 'service-reference-port-not-found' };
  return { lane: lane(undefined), what: 'StatefulSet', rule: 'statefulset-service-not-found' };
}

function finish(
  index: WorkspaceIndex,
  lookup: Lookup,
  g: GraphBuilder,
  svcRes: Resource,
  settings: RuleSettings,
  unit: string,
  units: string[],
): TrafficGraph {
  const svc = svcRes.service!;
  const diagnostics: TrafficGraph['diagnostics'] = [];
  const involved = new Set<Resource>([svcRes]);
  for (const u of lookup.get('users', nsName(svcRes.namespace!, svcRes.name))) involved.add(u.resource);
  for (const r of involved) {
    // A built object's findings lie in the files its values came from; merged over units, they may carry another unit's object of the same document.
    const home = realPlace(r.file, r.span);
    const same = (x: Resource | undefined): boolean =>
      x === r ||
      (!!x?.file.segments &&
        x.kind === r.kind &&
        realPlace(x.file, x.span).file === home.file &&
        realPlace(x.file, x.span).span[0] === home.span[0]);
    for (const file of r.file.segments?.map((s) => s.file) ?? [r.file]) {
      for (const d of diagnosticsOf(index, file, settings)) {
        if (!same(d.resource) || (d.units && !d.units.includes(unit))) continue;
        if (r !== svcRes && !mentions(d.message, svcRes.name)) continue;
        diagnostics.push({
          rule: d.rule,
          severity: d.severity,
          message: d.message,
          source: { uri: file.uri, range: rangeOf(file, d.span) },
        });
      }
    }
  }
  // Objects of a Helm chart open at their template line, not in the rendered text.
  const place = index.charts.count ? (s: GraphSource): GraphSource => templatePlace(index, s) : undefined;
  if (place) for (const d of diagnostics) if (d.source) d.source = place(d.source);
  return {
    service: { namespace: svcRes.namespace!, name: svcRes.name, type: svc.type, clusterIP: svc.clusterIP ?? null },
    nodes: place ? g.nodes.map((n) => (n.source ? { ...n, source: place(n.source) } : n)) : g.nodes,
    edges: g.edges,
    diagnostics,
    // Which apply unit this path is in, and the others the Service is in (when there is a choice).
    ...(index.unitCount > 1 ? { unit, units } : {}),
  };
}

function mentions(message: string, name: string): boolean {
  return new RegExp(`(^|[^-a-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^-a-z0-9]|$)`).test(message);
}

/**
 * The Services a position leads to: the Service under the cursor; for a workload, the
 * Services selecting its Pods; for an Ingress, route or DNS reference, the Services named.
 */
export function servicesAt(index: WorkspaceIndex, uri: string, offset: number): Resource[] {
  const file = index.getFile(uri);
  if (!file) return [];
  // In a Helm chart's template: what that line rendered.
  const rendered = file.resources.length === 0 && index.charts.count ? renderedAt(index, uri, offset) : undefined;
  if (rendered) return servicesAt(index, rendered.uri, rendered.offset);
  // In a file a kustomize build reads, the object its first unit built from there.
  const built = builtResourcesAt(index, file, offset)[0];
  const r =
    built?.resource ??
    file.resources.find((x) => x.span[0] <= offset && offset <= x.span[1]) ??
    (file.resources.length === 1 ? file.resources[0] : undefined);
  if (!r || r.namespace === undefined) return [];
  const lookup = built ? index.lookup({ unit: built.unit }) : index.lookup({ uri });
  const ns = r.namespace;
  const found = new Set<Resource>();
  const named = (n: string, name: string): void => {
    for (const s of lookup.get('svc', nsName(n, name))) found.add(s);
  };
  if (r.service) return [r];
  if (r.podTemplate) {
    for (const s of lookup.get('svcns', ns))
      if (s.service?.selector?.size && mapMatches(s.service.selector, r.podTemplate.labels)) found.add(s);
  }
  if (r.ingress) {
    for (const rule of r.ingress.rules) for (const p of rule.paths) named(ns, p.backend.serviceName.value);
    if (r.ingress.defaultBackend) named(ns, r.ingress.defaultBackend.serviceName.value);
  }
  for (const rule of r.route?.rules ?? []) for (const b of rule.backendRefs) named(b.namespace?.value ?? ns, b.name.value);
  for (const d of r.dnsRefs) named(d.namespace, d.service);
  if (r.statefulSetServiceName) named(ns, r.statefulSetServiceName.value);
  return [...found];
}
