/**
 * The listeners of one Gateway as its controller sees them: its own, then those of the
 * ListenerSets it admits (ordered by namespace/name, as the API orders objects created
 * together), each with the problems that keep it from taking routes: conflicts on a port,
 * certificate references it may not use, route kinds its protocol cannot carry. The rules
 * gateway-listener-conflict and gateway-tls-secret-not-permitted, attachment and the
 * conformance test read these, so they agree.
 */
import type { Lookup } from '../index/lookup';
import { nsName } from '../index/tables';
import type { Listener, Resource } from '../model/resource';
import { gatewayGroup, invalidKinds, namespaceAllowed, parentOf, type ListenerAt } from './gateways';
import { namespaceHasObjects } from './network';

export type ListenerProblemReason =
  'HostnameConflict' | 'ProtocolConflict' | 'RefNotPermitted' | 'InvalidCertificateRef' | 'InvalidRouteKinds';

export interface ListenerProblem {
  reason: ListenerProblemReason;
  message: string;
  /** The listener it conflicts with, for conflicts. */
  other?: ListenerAt;
  /** The certificate reference, for reference problems. */
  certificate?: Listener['certificateRefs'][number];
  /** The grants of the Secret's namespace, none of which allows the reference. */
  grants?: Resource[];
}

export interface GatewayListeners {
  gateway: Resource;
  /** Every listener, the Gateway's first. */
  listeners: ListenerAt[];
  problems: Map<Listener, ListenerProblem[]>;
}

/** The Gateway a Gateway or ListenerSet belongs to (itself for a Gateway), if the workspace holds it. */
export function gatewayOf(lookup: Lookup, owner: Resource): Resource | undefined {
  if (owner.kind === 'Gateway') return owner;
  const p = owner.gateway?.parentRef;
  return p && owner.namespace !== undefined ? parentOf(lookup, { ...p, kind: 'Gateway' }, owner.namespace, owner) : undefined;
}

/** Whether a Gateway admits a ListenerSet (`allowedListeners`; none by default). */
export function admitsListenerSet(lookup: Lookup, gateway: Resource, ls: Resource): boolean {
  const a = gateway.gateway?.allowedListeners;
  return a !== undefined && ls.namespace !== undefined && namespaceAllowed(lookup, a, gateway, ls.namespace) !== false;
}

/** The listeners of a Gateway and their problems; computed once per check run. */
export function gatewayListeners(lookup: Lookup, gateway: Resource): GatewayListeners {
  return lookup.once(gateway, 'listeners', (l) => computeListeners(l, gateway));
}

/** The problems of one listener of a Gateway or ListenerSet (none when its Gateway is not in the workspace and it is a ListenerSet's). */
export function listenerProblems(lookup: Lookup, owner: Resource, listener: Listener): ListenerProblem[] {
  const gw = gatewayOf(lookup, owner);
  if (!gw) return ownProblems(lookup, owner, listener);
  return gatewayListeners(lookup, gw).problems.get(listener) ?? [];
}

function protocolFamily(p: string | undefined): string | undefined {
  switch (p) {
    case 'HTTP':
      return 'http';
    case 'HTTPS':
    case 'TLS':
      return 'tls';
    case 'TCP':
      return 'tcp';
    case 'UDP':
      return 'udp';
    default:
      return undefined;
  }
}

function computeListeners(lookup: Lookup, gateway: Resource): GatewayListeners {
  const ns = gateway.namespace ?? '';
  const sets = [...lookup.get('lsetof', nsName(ns, gateway.name))]
    .filter((ls) => admitsListenerSet(lookup, gateway, ls))
    .sort((a, b) => nsName(a.namespace ?? '', a.name).localeCompare(nsName(b.namespace ?? '', b.name)));
  const listeners: ListenerAt[] = [];
  for (const owner of [gateway, ...sets]) for (const listener of owner.gateway?.listeners ?? []) listeners.push({ owner, listener });
  const problems = new Map<Listener, ListenerProblem[]>();
  const add = (l: Listener, p: ListenerProblem): void => {
    const list = problems.get(l);
    if (list) list.push(p);
    else problems.set(l, [p]);
  };
  const winners: ListenerAt[] = [];
  for (const x of listeners) {
    const port = x.listener.port?.value;
    const fam = protocolFamily(x.listener.protocol?.value);
    let lost = false;
    for (const y of listeners) {
      if (y === x || port === undefined || fam === undefined || y.listener.port?.value !== port) continue;
      const yfam = protocolFamily(y.listener.protocol?.value);
      if (yfam === undefined) continue;
      // Across objects the earlier one keeps the port; within one object both are in conflict.
      if (y.owner !== x.owner && !winners.includes(y)) continue;
      const udp = fam === 'udp' || yfam === 'udp';
      if (fam !== yfam && !udp) {
        add(x.listener, {
          reason: 'ProtocolConflict',
          message: `${x.listener.protocol?.value} and ${y.listener.protocol?.value} cannot share port ${port}`,
          other: y,
        });
        lost = true;
        break;
      }
      if (fam === yfam && (x.listener.hostname?.value ?? '') === (y.listener.hostname?.value ?? '')) {
        const host = x.listener.hostname?.value;
        add(x.listener, {
          reason: 'HostnameConflict',
          message: `port ${port} with ${host ? `hostname ${host}` : 'no hostname'} is taken`,
          other: y,
        });
        lost = true;
        break;
      }
    }
    if (!lost) winners.push(x);
    for (const p of ownProblems(lookup, x.owner, x.listener)) add(x.listener, p);
  }
  return { gateway, listeners, problems };
}

/** What is wrong with a listener on its own: certificate references, route kinds. */
function ownProblems(lookup: Lookup, owner: Resource, l: Listener): ListenerProblem[] {
  const out: ListenerProblem[] = [];
  const ns = owner.namespace ?? '';
  for (const c of l.certificateRefs) {
    if (c.kind !== 'Secret' || (c.group !== '' && c.group !== 'core')) {
      out.push({
        reason: 'InvalidCertificateRef',
        message: `certificateRef kind ${c.group ? `${c.group}/` : ''}${c.kind} is not a Secret`,
        certificate: c,
      });
      continue;
    }
    const target = c.namespace?.value;
    if (!target || target === ns || !namespaceHasObjects(lookup, target)) continue;
    const grants = [...lookup.get('refgrant', target)];
    if (grants.some((g) => grantAllowsSecret(g, owner.kind, ns, c.name.value))) continue;
    out.push({
      reason: 'RefNotPermitted',
      message: `no ReferenceGrant in namespace ${target} lets ${owner.kind}s of namespace ${ns} use Secret ${c.name.value}`,
      certificate: c,
      grants,
    });
  }
  const bad = invalidKinds(l);
  if (bad.length)
    out.push({ reason: 'InvalidRouteKinds', message: `protocol ${l.protocol?.value} cannot carry ${bad.map((k) => k.kind).join(', ')}` });
  return out;
}

/** Whether a ReferenceGrant lets a Gateway (or ListenerSet) of namespace `fromNs` use Secret `name` in the grant's namespace. */
export function grantAllowsSecret(grant: Resource, fromKind: string, fromNs: string, name: string): boolean {
  const g = grant.referenceGrant;
  if (!g) return false;
  const kinds = fromKind === 'Gateway' ? ['Gateway'] : ['ListenerSet', 'XListenerSet'];
  return (
    g.from.some(
      (f) => (f.group === gatewayGroup || f.group === 'gateway.networking.x-k8s.io') && kinds.includes(f.kind) && f.namespace === fromNs,
    ) && g.to.some((t) => (t.group === '' || t.group === 'core') && t.kind === 'Secret' && (!t.name || t.name === name))
  );
}

/** Whether a listener takes routes: it is not in conflict (reference problems leave it accepting routes). */
export function listenerTakesRoutes(problems: readonly ListenerProblem[]): boolean {
  return !problems.some((p) => p.reason === 'HostnameConflict' || p.reason === 'ProtocolConflict');
}
