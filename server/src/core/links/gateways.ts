/**
 * Gateway API attachment, as the specification defines it: a route's parentRef → its Gateway
 * (or ListenerSet) → the listeners its `sectionName`/`port` select → those whose
 * `allowedRoutes` admit the route's namespace and kind → those whose hostname intersects the
 * route's hostnames. Rules, hover, references, code lens and the traffic path all ask here,
 * so they never disagree. Reads go through the Lookup (tables `gw`, `lset`, `nsobj`, `obj`).
 */
import type { Lookup } from '../index/lookup';
import { anyNamespace, nsName } from '../index/tables';
import type { AllowedNamespaces, Listener, ParentRef, Resource } from '../model/resource';
import { admitsListenerSet, gatewayOf, listenerProblems, listenerTakesRoutes } from './listeners';
import { namespaceHasObjects } from './network';
import { labelSelectorMatches, type Labels } from './selectors';

export const gatewayGroup = 'gateway.networking.k8s.io';

/** A listener and the object that declares it (a Gateway or a ListenerSet). */
export interface ListenerAt {
  owner: Resource;
  listener: Listener;
}

/** Why a parent does not accept a route: the route status reason and a sentence for messages. */
export type RejectReason = 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname';

/** The verdict for one parentRef of a route. */
export type Attachment =
  | { state: 'accepted'; parent: Resource; listeners: ListenerAt[] }
  | {
      state: 'rejected';
      parent: Resource;
      reason: RejectReason;
      why: string;
      /** The listeners the ref selected (by sectionName/port). */ selected: ListenerAt[];
    }
  /** No such Gateway (or ListenerSet) though its namespace is in the workspace. */
  | { state: 'missing'; kind: string; namespace: string; name: string }
  /** A mesh route's parent Service (GAMMA): the route applies to traffic to it inside the cluster. */
  | { state: 'mesh'; namespace: string; name: string; service: Resource | undefined }
  /** The parent may live outside the workspace, or is of a kind we do not read. */
  | { state: 'unknown' };

/** Whether a parentRef names a Gateway or ListenerSet of the Gateway API group. */
function isGatewayRef(ref: ParentRef): boolean {
  return ref.group === gatewayGroup && (ref.kind === 'Gateway' || ref.kind === 'ListenerSet' || ref.kind === 'XListenerSet');
}

/**
 * The Gateways (or ListenerSets) a parentRef names: one, or several copies of one name (an
 * overlay and its base, examples side by side), those nearest `near` (by folder) first.
 */
export function parentsOf(lookup: Lookup, ref: ParentRef, routeNs: string, near?: Resource): Resource[] {
  const key = nsName(ref.namespace ?? routeNs, ref.name);
  let found: Resource[] = [];
  if (ref.group === gatewayGroup && ref.kind === 'Gateway') found = [...lookup.get('gw', key)];
  else if (ref.group === gatewayGroup && (ref.kind === 'ListenerSet' || ref.kind === 'XListenerSet')) found = [...lookup.get('lset', key)];
  if (found.length > 1 && near)
    found.sort(
      (a, b) =>
        sharedPrefix(b.file.path, near.file.path) - sharedPrefix(a.file.path, near.file.path) ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0),
    );
  return found;
}

/** The Gateway or ListenerSet a parentRef names, if the workspace holds it (the nearest copy). */
export function parentOf(lookup: Lookup, ref: ParentRef, routeNs: string, near?: Resource): Resource | undefined {
  return parentsOf(lookup, ref, routeNs, near)[0];
}

function first<T>(s: ReadonlySet<T>): T | undefined {
  return s.values().next().value;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.lastIndexOf('/', i);
}

/** The verdict of one parentRef of `route`. */
export function attach(lookup: Lookup, route: Resource, ref: ParentRef): Attachment {
  const ns = route.namespace;
  if (ns === undefined) return { state: 'unknown' };
  const pns = ref.namespace ?? ns;
  if (ref.kind === 'Service' && (ref.group === '' || ref.group === 'core')) {
    return { state: 'mesh', namespace: pns, name: ref.name, service: first(lookup.get('svc', nsName(pns, ref.name))) };
  }
  if (!isGatewayRef(ref)) return { state: 'unknown' };
  const parents = parentsOf(lookup, ref, ns, route).filter((p) => p.gateway);
  if (parents.length === 0) {
    return ref.name && gatewayExpectedHere(lookup, pns, ref.name)
      ? { state: 'missing', kind: ref.kind, namespace: pns, name: ref.name }
      : { state: 'unknown' };
  }
  // Copies of one Gateway are alternatives: the route attaches when one of them takes it.
  let rejected: Attachment | undefined;
  for (const parent of parents) {
    const a = attachTo(lookup, route, ref, parent, ns);
    if (a.state === 'accepted') return a;
    rejected ??= a;
  }
  return rejected!;
}

/** The verdict of a parentRef against one Gateway or ListenerSet. */
function attachTo(lookup: Lookup, route: Resource, ref: ParentRef, parent: Resource, ns: string): Attachment {
  if (!parent.gateway) return { state: 'unknown' };
  if (parent.kind !== 'Gateway') {
    const gw = gatewayOf(lookup, parent);
    if (gw && !admitsListenerSet(lookup, gw, parent)) {
      return {
        state: 'rejected',
        parent,
        reason: 'NotAllowedByListeners',
        why: `Gateway ${gw.name} does not admit ListenerSet ${parent.name} (its spec.allowedListeners ${gw.gateway?.allowedListeners ? `is from ${gw.gateway.allowedListeners.from}` : 'is not set, which admits none'})`,
        selected: [],
      };
    }
  }
  const all = parent.gateway.listeners.map((listener) => ({ owner: parent, listener }));
  const named = all.filter(
    ({ listener: l }) =>
      (ref.sectionName === undefined || l.name.value === ref.sectionName) && (ref.port === undefined || l.port?.value === ref.port.value),
  );
  const selected = named.filter((x) => listenerTakesRoutes(listenerProblems(lookup, x.owner, x.listener)));
  if (selected.length === 0 && named.length > 0) {
    return {
      state: 'rejected',
      parent,
      reason: 'NoMatchingParent',
      why: `${listenerWords(named)} ${named.length === 1 ? 'is' : 'are'} in conflict with another listener on the same port`,
      selected,
    };
  }
  if (selected.length === 0) {
    const why =
      ref.sectionName !== undefined && !all.some((x) => x.listener.name.value === ref.sectionName)
        ? `${parent.kind} ${parent.name} has no listener named "${ref.sectionName}"`
        : ref.port !== undefined
          ? `${parent.kind} ${parent.name} has no listener${ref.sectionName !== undefined ? ` "${ref.sectionName}"` : ''} on port ${ref.port.value}`
          : `${parent.kind} ${parent.name} has no listeners`;
    return { state: 'rejected', parent, reason: 'NoMatchingParent', why, selected };
  }
  const nsOk = selected.filter((x) => namespaceAllowed(lookup, x.listener.namespaces, x.owner, ns) !== false);
  if (nsOk.length === 0) {
    const l = selected[0]!.listener;
    return {
      state: 'rejected',
      parent,
      reason: 'NotAllowedByListeners',
      why: `${listenerWords(selected)} ${selected.length === 1 ? 'admits' : 'admit'} no routes from namespace ${ns} (${describeAllowed(l.namespaces, selected[0]!.owner)})`,
      selected,
    };
  }
  const kindOk = nsOk.filter((x) => kindAllowed(x.listener, route.kind));
  if (kindOk.length === 0) {
    const kinds = [...new Set(nsOk.flatMap((x) => allowedKinds(x.listener)))];
    return {
      state: 'rejected',
      parent,
      reason: 'NotAllowedByListeners',
      why: `${listenerWords(nsOk)} ${nsOk.length === 1 ? 'takes' : 'take'} ${kinds.length ? kinds.join(', ') : 'no route kind'}, not ${route.kind}`,
      selected,
    };
  }
  const hostnames = route.route?.hostnames ?? [];
  const hostOk = kindOk.filter((x) => listenerHostMatches(x.listener, hostnames));
  if (hostOk.length === 0) {
    const hosts = [...new Set(kindOk.map((x) => x.listener.hostname?.value).filter((h): h is string => h !== undefined))];
    return {
      state: 'rejected',
      parent,
      reason: 'NoMatchingListenerHostname',
      why: `none of the hostnames ${hostnames.join(', ')} intersects the listener hostname${hosts.length === 1 ? '' : 's'} ${hosts.join(', ')}`,
      selected,
    };
  }
  return { state: 'accepted', parent, listeners: hostOk };
}

/**
 * Whether a Gateway named `name` missing from `ns` is a mistake rather than kept elsewhere: the
 * namespace holds Gateways in the workspace, or a Gateway of that name is in another namespace
 * (the classic namespace mix-up). A namespace whose Gateways all live elsewhere (a platform
 * team's) says nothing.
 */
function gatewayExpectedHere(lookup: Lookup, ns: string, name: string): boolean {
  if (!namespaceHasObjects(lookup, ns)) return false;
  return lookup.get('gwns', ns).size > 0 || lookup.get('gw', nsName(anyNamespace, name)).size > 0;
}

function listenerWords(ls: readonly ListenerAt[]): string {
  const names = ls.map((x) => `"${x.listener.name.value}"`);
  return ls.length === 1 ? `listener ${names[0]}` : `listeners ${names.join(', ')}`;
}

function describeAllowed(a: AllowedNamespaces, owner: Resource): string {
  if (a.from === 'Same') return `allowedRoutes.namespaces.from is Same: only namespace ${owner.namespace}`;
  if (a.from === 'Selector') return "its allowedRoutes.namespaces.selector does not match that namespace's labels";
  return `allowedRoutes.namespaces.from is ${a.from}`;
}

/**
 * Whether a listener's (or a Gateway's `allowedListeners`) namespace policy admits namespace
 * `ns`; undefined when a selector asks about labels of a Namespace the workspace does not declare.
 */
export function namespaceAllowed(lookup: Lookup, a: AllowedNamespaces, owner: Resource, ns: string): boolean | undefined {
  switch (a.from) {
    case 'All':
      return true;
    case 'Same':
      return owner.namespace === ns;
    case 'None':
      return false;
    case 'Selector': {
      if (!a.selector || a.selector.invalid) return undefined;
      const { labels, known } = namespaceLabels(lookup, ns);
      const onlyName = [...a.selector.matchLabels.keys(), ...a.selector.matchExpressions.map((e) => e.key)].every(
        (k) => k === metadataName,
      );
      if (!known && !onlyName) return undefined;
      return labelSelectorMatches(a.selector, labels);
    }
    default:
      return undefined;
  }
}

/** The label every Namespace gets from the API server, with its own name. */
export const metadataName = 'kubernetes.io/metadata.name';

/** The labels of a namespace: its Namespace object's, and the automatic `kubernetes.io/metadata.name`. */
export function namespaceLabels(lookup: Lookup, ns: string): { labels: Labels; known: boolean } {
  const labels = new Map<string, { value: string }>();
  const obj = first(lookup.get('nsobj', ns));
  if (obj) for (const [k, v] of obj.labels) labels.set(k, { value: v });
  labels.set(metadataName, { value: ns });
  return { labels, known: obj !== undefined };
}

/** Route kinds each core protocol carries, when `allowedRoutes.kinds` does not say. */
const protocolKinds: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Whether a protocol is one of the core ones whose route kinds we know. */
export function coreProtocol(p: string | undefined): boolean {
  return p !== undefined && p in protocolKinds;
}

/** Route kinds the listener's protocol can carry (TLS terminated: TLSRoute and TCPRoute; passthrough: TLSRoute). */
function compatibleKinds(l: Listener): string[] | undefined {
  const p = l.protocol?.value;
  if (p === undefined || !coreProtocol(p)) return undefined;
  if (p === 'TLS' && l.tlsMode !== 'Terminate') return ['TLSRoute'];
  return protocolKinds[p];
}

/** `allowedRoutes.kinds` entries the protocol cannot carry (ResolvedRefs=False, InvalidRouteKinds). */
export function invalidKinds(l: Listener): NonNullable<Listener['kinds']> {
  const ok = compatibleKinds(l);
  if (!l.kinds || !ok) return [];
  return l.kinds.filter((k) => k.group !== gatewayGroup || !ok.includes(k.kind));
}

/** The route kinds a listener admits. */
export function allowedKinds(l: Listener): string[] {
  const ok = compatibleKinds(l);
  if (!l.kinds) return ok ?? [];
  const named = l.kinds.filter((k) => k.group === gatewayGroup).map((k) => k.kind);
  return ok ? named.filter((k) => ok.includes(k)) : named;
}

function kindAllowed(l: Listener, kind: string): boolean {
  if (!coreProtocol(l.protocol?.value) && !l.kinds) return true;
  return allowedKinds(l).includes(kind);
}

/** Whether two hostnames (either may be a `*.` wildcard) can name the same host. */
export function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || suffixMatch(x, y) || suffixMatch(y, x);
}

function suffixMatch(wild: string, host: string): boolean {
  return wild.startsWith('*.') && host.length > wild.length - 1 && host.endsWith(wild.slice(1));
}

/** Whether a listener takes a route with these hostnames (none: any). Listeners of TCP and UDP have no hostname to match. */
export function listenerHostMatches(l: Listener, hostnames: readonly string[]): boolean {
  const h = l.hostname?.value;
  if (!h || hostnames.length === 0) return true;
  const p = l.protocol?.value;
  if (p === 'TCP' || p === 'UDP') return true;
  return hostnames.some((r) => hostnamesIntersect(h, r));
}

/** The hostnames a route serves on a listener: the intersection (the more specific of each pair). */
export function effectiveHostnames(l: Listener, hostnames: readonly string[]): string[] {
  const h = l.hostname?.value;
  if (!h) return hostnames.length ? [...hostnames] : ['*'];
  if (hostnames.length === 0) return [h];
  return hostnames.filter((r) => hostnamesIntersect(h, r)).map((r) => (suffixMatch(r.toLowerCase(), h.toLowerCase()) ? h : r));
}

/** "HTTPS :443 *.example.com (TLS terminate)" for hovers, lenses and the traffic path. */
export function describeListener(l: Listener): string {
  const tls = l.tlsMode ? ` (TLS ${l.tlsMode.toLowerCase()})` : '';
  return `${l.protocol?.value ?? '?'} :${l.port?.value ?? '?'} ${l.hostname?.value ?? '*'}${tls}`;
}

/** Every route attached to a listener of a Gateway or ListenerSet `owner` (each route once per listener). Reads `parent:`. */
export function routesOfListener(lookup: Lookup, owner: Resource, listener: Listener): Resource[] {
  const ns = owner.namespace;
  if (ns === undefined) return [];
  const out = new Set<Resource>();
  for (const kind of owner.kind === 'Gateway' ? ['Gateway'] : ['ListenerSet', 'XListenerSet']) {
    for (const use of lookup.get('parent', `${kind} ${ns}/${owner.name}`)) {
      const a = attach(lookup, use.route, use.ref);
      if (a.state === 'accepted' && a.parent === owner && a.listeners.some((x) => x.listener === listener)) out.add(use.route);
    }
  }
  return [...out];
}
