/**
 * Network links shared by the "network" rules, hover and the traffic-path builder:
 * Ingress / Gateway API backends → Service ports, DNS references → Services, the
 * NetworkPolicy ingress verdict for a pod port, and what operators may create outside the
 * workspace. Every cross-resource read goes through the Lookup, so callers inherit
 * precise dependencies.
 */
import type { Lookup } from '../index/lookup';
import { anyNamespace, nsName } from '../index/tables';
import {
  effectiveTargetPort,
  type ContainerPort,
  type DnsRef,
  type Ingress,
  type IngressBackend,
  type LabelSelector,
  type NetworkPolicyPort,
  type NetworkPolicyRule,
  type PodTemplate,
  type Resource,
  type Route,
  type RouteBackendRef,
  type Service,
  type ServicePort,
} from '../model/resource';
import { get, str, type Span } from '../model/ytree';
import { templatePorts } from '../parse/extractWorkload';
import { NameIndex, type ClosestStats } from './closest';
import { policyGroups } from './policyGroups';
import { labelSelectorMatches, templatesForMap, type Labels } from './selectors';

export { describeSelector, describeTemplateLabels, selectorSpan, templateLabelsSpan, trimSpan } from './describe';

// ---------------------------------------------------------------------------------------
// Services and their ports

/** The Service port with that `port` number or that `name`, if any. */
export function findServicePort(svc: Service, port: number | string): ServicePort | undefined {
  return svc.ports.find((p) => (typeof port === 'number' ? p.port?.value === port : p.name?.value === port));
}

/**
 * Whether every port of a Service could be read. A Service whose ports are missing or of
 * the wrong type cannot prove that a port is absent, so port rules stay silent on it.
 */
export function portsReadable(svc: Service): boolean {
  return svc.ports.length > 0 && svc.ports.every((p) => p.port !== undefined && p.rawPort === undefined);
}

/** "80 (http)" or "53/UDP (dns)" for messages. */
export function describeServicePort(p: ServicePort): string {
  const n = p.port?.value ?? '?';
  const proto = p.protocol !== 'TCP' ? `/${p.protocol}` : '';
  return `${n}${proto}${p.name ? ` (${p.name.value})` : ''}`;
}

export interface BackendResolution {
  /** The Service with that namespace/name (the one that has the port, when duplicates exist). */
  service: Resource | undefined;
  /** Its port matching the backend's port (by number against `port`, by name against `name`). */
  servicePort: ServicePort | undefined;
}

/**
 * Resolve a backend (Ingress backend, route backendRef) to its Service and Service port.
 * `port` is a number (matched against `ports[].port`) or a name (against `ports[].name`).
 */
export function resolveBackend(lookup: Lookup, ns: string, name: string, port: number | string | undefined): BackendResolution {
  let first: Resource | undefined;
  for (const r of lookup.get('svc', nsName(ns, name))) {
    if (!r.service) continue;
    first ??= r;
    const sp = port === undefined ? undefined : findServicePort(r.service, port);
    if (sp) return { service: r, servicePort: sp };
  }
  return { service: first, servicePort: undefined };
}

/** Service names in a namespace closest to `name`, best first (for "did you mean"). */
export function closestServiceNames(lookup: Lookup, ns: string, name: string, stats?: ClosestStats): string[] {
  return serviceNameIndex(lookup, ns).closest(name, 3, stats);
}

/** The Service names of a namespace, indexed once until they change. */
export function serviceNameIndex(lookup: Lookup, ns: string): NameIndex {
  return lookup.derived('svcns', ns, 'names', (services, stale) => NameIndex.over(namesOf(services), stale));
}

const namesOf = (rs: ReadonlySet<Resource>): string[] => [...rs].map((r) => r.name);

/**
 * Whether the namespace has any object in the workspace other than `except`. The Namespace
 * object itself does not count: it is cluster-scoped, and a workspace that only declares a
 * namespace (its apps deployed by other means) says nothing about what runs in it.
 */
export function namespaceHasObjects(lookup: Lookup, ns: string, except?: Resource): boolean {
  for (const r of lookup.get('obj', ns)) if (r !== except && r.kind !== 'Namespace') return true;
  return false;
}

/** A Service port that forwards to a given pod port number, and how it is named there. */
export interface TargetMatch {
  servicePort: ServicePort;
  /** `targetPort` when the number is the Service port's numeric targetPort, else the container port behind a named targetPort. */
  via: 'targetPort' | 'containerPort';
  /** The named targetPort, for `via: 'containerPort'`. */
  targetName?: string;
}

/**
 * The Service ports whose effective targetPort is `n` — either the number itself or a
 * name that resolves to containerPort `n` in a Pod template the Service selects. This is
 * how we recognise "the client used the Pod's port instead of the Service port".
 */
export function servicePortsTargeting(lookup: Lookup, svc: Resource, n: number): TargetMatch[] {
  const s = svc.service;
  if (!s || svc.namespace === undefined) return [];
  const out: TargetMatch[] = [];
  let templates: PodTemplate[] | undefined;
  for (const p of s.ports) {
    const t = effectiveTargetPort(p)?.value;
    if (t === n && p.port?.value !== n) out.push({ servicePort: p, via: 'targetPort' });
    else if (typeof t === 'string') {
      templates ??= s.selector && s.selector.size > 0 ? templatesForMap(lookup, svc.namespace, s.selector) : [];
      const behind = templates.some((pt) =>
        templatePorts(pt).some((cp) => cp.name?.value === t && cp.containerPort?.value === n && cp.protocol === p.protocol),
      );
      if (behind) out.push({ servicePort: p, via: 'containerPort', targetName: t });
    }
  }
  return out;
}

/**
 * The sentence that explains a port number that is not a Service port but the Pods' port
 * behind one ("8080 is the targetPort of Service port 80 (http)"), or undefined.
 */
export function targetPortHint(matches: readonly TargetMatch[], n: number): string | undefined {
  if (matches.length === 0) return undefined;
  return matches
    .map((m) =>
      m.via === 'targetPort'
        ? `${n} is the targetPort of Service port ${describeServicePort(m.servicePort)}`
        : `${n} is the container port behind targetPort "${m.targetName}" of Service port ${describeServicePort(m.servicePort)}`,
    )
    .join('; ');
}

// ---------------------------------------------------------------------------------------
// DNS references

export interface DnsResolution {
  service: Resource;
  /** The Service port the reference's `:port` names; undefined when no port was written or it matches none. */
  servicePort: ServicePort | undefined;
}

/**
 * The Service a DNS reference names, or undefined when there is none in the workspace.
 * Short forms (`svc`, `svc.ns`) are only references at all when this returns a Service.
 */
export function resolveDnsRef(lookup: Lookup, ref: DnsRef): DnsResolution | undefined {
  const r = resolveBackend(lookup, ref.namespace, ref.service, ref.port);
  return r.service ? { service: r.service, servicePort: r.servicePort } : undefined;
}

/** The span of a DNS reference's host name without its `:port` (when the spans are exact). */
export function dnsHostSpan(text: string, ref: DnsRef): Span | undefined {
  const [start, end] = ref.span;
  const hostEnd = ref.portSpan && ref.portSpan[0] > start && ref.portSpan[1] === end ? ref.portSpan[0] - 1 : end;
  return text[hostEnd] === ':' || hostEnd === end ? [start, hostEnd] : undefined;
}

// ---------------------------------------------------------------------------------------
// NetworkPolicy

/** A destination port on a Pod: what ingress traffic arrives on. */
export interface PodPort {
  port: number;
  protocol: string;
  /** The container port's name, when the port is declared with one. */
  name?: string;
}

/** A declared container port as a PodPort (undefined when its number is unreadable). */
export function podPortOf(cp: ContainerPort): PodPort | undefined {
  const n = cp.containerPort?.value;
  return n === undefined ? undefined : { port: n, protocol: cp.protocol, name: cp.name?.value };
}

/** The NetworkPolicies (in the template's namespace) whose `podSelector` selects the template. */
export function policiesSelecting(lookup: Lookup, pt: PodTemplate): readonly Resource[] {
  const ns = pt.owner.namespace;
  if (ns === undefined) return [];
  return lookup.once(pt, 'policies', (l) => {
    // Policies grouped by podSelector: a template is matched against each distinct selector
    // once (2,000 policies selecting every Pod are one selector), and templates matched by
    // the same groups share one list.
    const groups = l.derived('netpol', ns, 'bySelector', policyGroups);
    const hit = groups.filter((g) => labelSelectorMatches(g.selector, pt.labels));
    if (hit.length === 0) return [];
    if (hit.length === 1) return hit[0]!.policies;
    return hit
      .flatMap((g) => g.policies.map((r, i) => ({ r, at: g.at[i]! })))
      .sort((a, b) => a.at - b.at)
      .map((x) => x.r);
  });
}

/**
 * Whether one `ports[]` entry of a policy rule covers a destination. A named policy port
 * resolves against the Pod's own container port names (same protocol); `endPort` makes a
 * range. An entry without `port` covers every port of its protocol.
 */
export function policyPortCovers(pp: NetworkPolicyPort, dest: PodPort, pt: PodTemplate): boolean {
  if (pp.protocol !== dest.protocol) return false;
  const v = pp.port?.value;
  if (v === undefined) return true;
  if (typeof v === 'number')
    return pp.endPort !== undefined && pp.endPort >= v ? dest.port >= v && dest.port <= pp.endPort : dest.port === v;
  if (dest.name === v) return true;
  return templatePorts(pt).some((cp) => cp.name?.value === v && cp.protocol === pp.protocol && cp.containerPort?.value === dest.port);
}

/**
 * Whether a policy rule admits some source on a destination port. Peers are not
 * examined on purpose: any peer — even one that matches nothing in the workspace — may
 * admit sources outside it (other namespaces, IP blocks, Pods created later).
 */
export function ruleAdmitsPort(rule: NetworkPolicyRule, dest: PodPort, pt: PodTemplate): boolean {
  return rule.ports === undefined || rule.ports.some((pp) => policyPortCovers(pp, dest, pt));
}

/** Whether the template's Pods run with `hostNetwork: true` (read from its owner's own tree). */
export function usesHostNetwork(pt: PodTemplate): boolean {
  const root = pt.owner.root;
  const spec =
    pt.owner.kind === 'Pod'
      ? get(root, 'spec')
      : pt.owner.kind === 'CronJob'
        ? get(root, 'spec', 'jobTemplate', 'spec', 'template', 'spec')
        : get(root, 'spec', 'template', 'spec');
  return str(get(spec, 'hostNetwork')) === 'true';
}

export interface IngressVerdict {
  /** Some policy selecting the Pods isolates them for ingress. */
  isolated: boolean;
  /** The ingress rules (of isolating policies) that admit some source on the port. */
  allowedBy: { policy: Resource; rule: NetworkPolicyRule }[];
  /** When isolated and no rule admits the port: every isolating policy (together they deny it). */
  blockingPolicies: Resource[];
}

/**
 * How NetworkPolicies treat ingress traffic to one port of a Pod template. Not isolated
 * (no policy isolates it, or it uses the host network): everything is admitted.
 * Isolated: admitted when a rule of any isolating policy covers the port (policies are
 * additive); otherwise denied by all of them.
 */
export function ingressVerdict(lookup: Lookup, pt: PodTemplate, port: ContainerPort | PodPort): IngressVerdict {
  // Pods on the host network are outside the reach of NetworkPolicies in practice.
  if (usesHostNetwork(pt)) return { isolated: false, allowedBy: [], blockingPolicies: [] };
  const dest = 'container' in port ? podPortOf(port) : port;
  // Asked for each Service over the template (and each hover): once per template, port and run.
  const destKey = `ingress\0${dest ? `${dest.port}/${dest.protocol}/${dest.name ?? ''}` : '?'}`;
  // Templates under the same policies with the same named ports get the same verdict: shared.
  const policies = policiesSelecting(lookup, pt);
  const named = templatePorts(pt)
    .filter((cp) => cp.name)
    .map((cp) => `${cp.name!.value}:${cp.containerPort?.value}/${cp.protocol}`)
    .join(',');
  return lookup.once(policies, `${destKey}\0${named}`, (l) => verdictOf(l, pt, dest));
}

function verdictOf(lookup: Lookup, pt: PodTemplate, dest: PodPort | undefined): IngressVerdict {
  const isolating = policiesSelecting(lookup, pt).filter((r) => r.networkPolicy!.isolatesIngress);
  const verdict: IngressVerdict = { isolated: isolating.length > 0, allowedBy: [], blockingPolicies: [] };
  for (const policy of isolating) {
    for (const rule of policy.networkPolicy!.ingress) {
      // An unreadable port number cannot be proven blocked: count it as admitted.
      if (!dest || ruleAdmitsPort(rule, dest, pt)) verdict.allowedBy.push({ policy, rule });
    }
  }
  if (verdict.isolated && verdict.allowedBy.length === 0) verdict.blockingPolicies = isolating;
  return verdict;
}

// ---------------------------------------------------------------------------------------
// Ingress

/** Every Service backend of an Ingress (rule paths, then the default backend), with where it routes from. */
export function ingressBackends(ing: Ingress): { backend: IngressBackend; host: string | undefined; path: string | undefined }[] {
  const out: { backend: IngressBackend; host: string | undefined; path: string | undefined }[] = [];
  for (const rule of ing.rules) for (const p of rule.paths) out.push({ backend: p.backend, host: rule.host?.value, path: p.path });
  if (ing.defaultBackend) out.push({ backend: ing.defaultBackend, host: undefined, path: undefined });
  return out;
}

// ---------------------------------------------------------------------------------------
// Selectors and spans in messages

// ---------------------------------------------------------------------------------------
// Gateway API

/** The Service backendRefs of a route (kind Service in the core group), with their effective namespace. */
export function serviceBackendRefs(route: Route, ns: string): { ref: RouteBackendRef; namespace: string }[] {
  const out: { ref: RouteBackendRef; namespace: string }[] = [];
  for (const rule of route.rules) {
    for (const ref of rule.backendRefs) {
      if (ref.kind !== 'Service' || (ref.group !== '' && ref.group !== 'core')) continue;
      out.push({ ref, namespace: ref.namespace?.value || ns });
    }
  }
  return out;
}

/** Whether a ReferenceGrant lets a route kind in namespace `fromNs` use the Service `name` (in the grant's namespace). */
export function referenceGrantAllows(grant: Resource, routeKind: string, fromNs: string, name: string): boolean {
  const g = grant.referenceGrant;
  if (!g) return false;
  const from = g.from.some((f) => f.group === 'gateway.networking.k8s.io' && f.kind === routeKind && f.namespace === fromNs);
  const to = g.to.some(
    (t) => (t.group === '' || t.group === 'core') && t.kind === 'Service' && (t.name === undefined || t.name === '' || t.name === name),
  );
  return from && to;
}

// ---------------------------------------------------------------------------------------
// What operators create

/** Custom resource kinds that never make Pods or Services (so they explain nothing missing). */
const inertKinds = new Set([
  'Certificate',
  'CertificateRequest',
  'Issuer',
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
  'TLSRoute',
  'UDPRoute',
  'ReferenceGrant',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Probe',
  'ScrapeConfig',
  'SealedSecret',
  'ExternalSecret',
  'SecretStore',
  'VerticalPodAutoscaler',
  'BackendTLSPolicy',
  'Middleware',
  'IngressRoute',
]);

/** The custom resources of a namespace an operator may turn into Pods and Services (`cr:<ns>`, listed once until it changes). */
function operatorResources(lookup: Lookup, ns: string): readonly Resource[] {
  return lookup.derived('cr', ns, 'operators', (crs) => [...crs].filter((o) => !inertKinds.has(o.kind) && o.name !== ''));
}

/**
 * A custom resource that may create the Pods a selector names although no template in
 * the workspace has its labels: one whose name or lower-cased kind is a selector value
 * (operators label their Pods so: a Prometheus `k8s` behind `app.kubernetes.io/instance:
 * k8s` and `app.kubernetes.io/name: prometheus`). Undefined when there is none.
 */
export function operatorForSelector(lookup: Lookup, ns: string, sel: LabelSelector): Resource | undefined {
  const values = new Set([...sel.matchLabels.values()].map((v) => v.value));
  for (const e of sel.matchExpressions) if (e.operator === 'In') for (const v of e.values) values.add(v);
  if (values.size === 0) return undefined;
  return operatorResources(lookup, ns).find((o) => values.has(o.name) || values.has(o.kind.toLowerCase()));
}

/**
 * A custom resource that may create a Service of that name: operators name Services after
 * their resource (`<name>`, `<name>-head-svc`, `<name>-kb-http`, `<kind>-operated`).
 */
export function operatorForService(lookup: Lookup, ns: string, name: string): Resource | undefined {
  return operatorResources(lookup, ns).find(
    (o) => name === o.name || name.startsWith(`${o.name}-`) || name === `${o.kind.toLowerCase()}-operated`,
  );
}

/**
 * Namespaces the cluster itself fills (control-plane static Pods, add-ons, managed
 * components): what the workspace lacks there may well exist, so nothing is reported missing.
 */
export function managedByCluster(ns: string): boolean {
  return ns === 'kube-system' || ns === 'kube-public' || ns === 'kube-node-lease' || ns.startsWith('gke-managed-');
}

/**
 * Whether the Pods a selector looks for are managed outside the workspace: the cluster fills
 * the namespace, or the workspace has no Pod template there at all (a repo of policies or
 * Services only, Pods deployed from another repo). Not when a template in another namespace
 * has the labels: that is the classic namespace mix-up, worth reporting.
 */
export function podsLiveElsewhere(lookup: Lookup, ns: string, labels?: Labels): boolean {
  if (managedByCluster(ns)) return true;
  if (lookup.get('pt', ns).size > 0) return false;
  return !labels || labels.size === 0 || templatesForMap(lookup, anyNamespace, labels).length === 0;
}

/** Services every cluster has, whether or not the workspace declares them. */
const builtinServices = new Set(['default/kubernetes', 'kube-system/kube-dns']);

/** Whether `ns/name` is a Service that every cluster runs (the API server, cluster DNS). */
export function isBuiltinService(ns: string, name: string): boolean {
  return builtinServices.has(`${ns}/${name}`);
}

/**
 * Whether a name could be a real object name (a DNS-1123 subdomain). Anything else — an
 * unrendered placeholder like `__INGRESS_SECRET__` or `${NAME}` — is left alone.
 */
export function isObjectName(name: string): boolean {
  return name.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name);
}
