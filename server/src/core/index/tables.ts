/**
 * The lookup tables of the index: every cross-file link is a table lookup, never a scan of
 * every pair. Each resource contributes entries (table, key, value) when its file is added
 * and withdraws the same entries when it is removed; the entry keys double as the keys of
 * the dependency tracking that decides what an edit must re-check.
 */
import {
  isCustomResource,
  type ContainerPort,
  type ParentRef,
  type DnsRef,
  type IngressBackend,
  type PodTemplate,
  type Resource,
  type RouteBackendRef,
  type ServicePort,
} from '../model/resource';
import { hostServedOverTls } from '../links/tlsHosts';
import { MultiMap } from './multimap';

/** A user of a Service: who names it, from where. */
export type ServiceUser =
  | {
      via: 'ingress';
      resource: Resource;
      backend: IngressBackend;
      host: string | undefined;
      path: string | undefined;
      /** This host is served over TLS. */ tls: boolean;
    }
  | { via: 'route'; resource: Resource; ref: RouteBackendRef; match: string }
  | { via: 'dns'; resource: Resource; ref: DnsRef }
  | { via: 'statefulset'; resource: Resource };

export interface NodePortUse {
  resource: Resource;
  port: ServicePort;
}

export interface HostPortUse {
  template: PodTemplate;
  port: ContainerPort;
}

/** Every table, by name. The names are also the prefixes of dependency keys. */
export interface Tables {
  /** `ns/name` → Services; `*` as ns: Services of that name in any namespace */
  svc: MultiMap<string, Resource>;
  /** `ns` → Services */
  svcns: MultiMap<string, Resource>;
  /** `ns` → pod templates */
  pt: MultiMap<string, PodTemplate>;
  /** `ns\tkey=value` → pod templates with that label; `*\tkey=value` across namespaces */
  ptl: MultiMap<string, PodTemplate>;
  /** `nodePort` → uses (cluster-wide) */
  nodeport: MultiMap<number, NodePortUse>;
  /** `hostPort/PROTOCOL` → uses (cluster-wide) */
  hostport: MultiMap<string, HostPortUse>;
  /** `ns` → every object in it (a Namespace object counts for its own name) */
  obj: MultiMap<string, Resource>;
  /** `ns` → its custom resources (objects an operator may turn into Pods and Services) */
  cr: MultiMap<string, Resource>;
  /** `ns/name` → ConfigMaps */
  cm: MultiMap<string, Resource>;
  /** `ns/name` → Secrets */
  secret: MultiMap<string, Resource>;
  /** `ns/secretName` → cert-manager Certificates */
  cert: MultiMap<string, Resource>;
  /** `ns` → ReferenceGrants */
  refgrant: MultiMap<string, Resource>;
  /** `ns` → NetworkPolicies */
  netpol: MultiMap<string, Resource>;
  /** `ns/name` → users of that Service name (whether or not it exists) */
  users: MultiMap<string, ServiceUser>;
  /** `ns` → Ingresses and routes (for completion and code lens) */
  entry: MultiMap<string, Resource>;
  /** `ns/name` → Gateways; `*` as ns: Gateways of that name in any namespace */
  gw: MultiMap<string, Resource>;
  /** `ns` → Gateways (for completion) */
  gwns: MultiMap<string, Resource>;
  /** `ns/name` → ListenerSets */
  lset: MultiMap<string, Resource>;
  /** `ns/name` of a Gateway → the ListenerSets whose parentRef names it */
  lsetof: MultiMap<string, Resource>;
  /** GatewayClass name → GatewayClasses; `*` → every GatewayClass */
  gwclass: MultiMap<string, Resource>;
  /** `Kind ns/name` of a parent (Gateway, ListenerSet, Service) → the routes whose parentRefs name it */
  parent: MultiMap<string, ParentUse>;
  /** Namespace name → its Namespace objects (for their labels) */
  nsobj: MultiMap<string, Resource>;
  /** `ns/name` of a Service → BackendTLSPolicies targeting it */
  btp: MultiMap<string, Resource>;
  /** `Kind/ns/name` (ns empty when cluster-scoped) → the objects of that identity */
  objid: MultiMap<string, Resource>;
}

/** A route naming a parent in one of its parentRefs. */
export interface ParentUse {
  route: Resource;
  ref: ParentRef;
}

/** The `parent` table key of a parentRef kind and its namespace/name. */
export function parentKey(kind: string, ns: string, name: string): string {
  return `${kind} ${ns}/${name}`;
}

export type TableName = keyof Tables;

export function newTables(): Tables {
  return {
    svc: new MultiMap(),
    svcns: new MultiMap(),
    pt: new MultiMap(),
    ptl: new MultiMap(),
    nodeport: new MultiMap(),
    hostport: new MultiMap(),
    obj: new MultiMap(),
    cr: new MultiMap(),
    cm: new MultiMap(),
    secret: new MultiMap(),
    cert: new MultiMap(),
    refgrant: new MultiMap(),
    netpol: new MultiMap(),
    users: new MultiMap(),
    entry: new MultiMap(),
    gw: new MultiMap(),
    gwns: new MultiMap(),
    lset: new MultiMap(),
    lsetof: new MultiMap(),
    gwclass: new MultiMap(),
    parent: new MultiMap(),
    nsobj: new MultiMap(),
    btp: new MultiMap(),
    objid: new MultiMap(),
  };
}

/** One entry a resource puts into a table. */
export type Entry = {
  [T in TableName]: {
    table: T;
    key: Tables[T] extends MultiMap<infer K, unknown> ? K : never;
    value: Tables[T] extends MultiMap<unknown, infer V> ? V : never;
  };
}[TableName];

export function depKey(table: TableName, key: string | number): string {
  return `${table}:${key}`;
}

/** The namespace key of the `ptl` entries that span every namespace. */
export const anyNamespace = '*';

export function nsName(ns: string, name: string): string {
  return `${ns}/${name}`;
}

/** An object's identity in a cluster: kind, namespace and name (what `kubectl apply` overwrites). */
export function objectKey(r: Resource): string {
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

const entriesMade = new WeakMap<Resource, Entry[]>();

/**
 * A resource's entries, the same objects each time: a table deletes a value by identity, and
 * some values are made here (`{ template, port }`), so withdrawing a resource with entries made
 * again left them behind (a renamed DaemonSet's hostPort was still taken by its old name).
 */
export function entriesOnce(r: Resource): Entry[] {
  let es = entriesMade.get(r);
  if (!es) entriesMade.set(r, (es = entriesOf(r)));
  return es;
}

/** The entries a resource contributes to the tables. */
export function entriesOf(r: Resource): Entry[] {
  const out: Entry[] = [];
  const ns = r.namespace;
  if (r.name !== '') out.push({ table: 'objid', key: objectKey(r), value: r });
  if (ns !== undefined) out.push({ table: 'obj', key: ns, value: r });
  if (r.kind === 'Namespace' && r.name) out.push({ table: 'obj', key: r.name, value: r }, { table: 'nsobj', key: r.name, value: r });
  if (r.kind === 'GatewayClass' && r.apiVersion.startsWith('gateway.networking'))
    out.push({ table: 'gwclass', key: r.name, value: r }, { table: 'gwclass', key: anyNamespace, value: r });
  if (ns === undefined) return out;
  gatewayEntries(r, ns, out);
  if (isCustomResource(r)) out.push({ table: 'cr', key: ns, value: r });
  if (r.kind === 'ConfigMap') out.push({ table: 'cm', key: nsName(ns, r.name), value: r });
  if (r.service) {
    out.push(
      { table: 'svc', key: nsName(ns, r.name), value: r },
      { table: 'svc', key: nsName(anyNamespace, r.name), value: r },
      { table: 'svcns', key: ns, value: r },
    );
    for (const p of r.service.ports)
      if (p.nodePort && p.nodePort.value !== 0) out.push({ table: 'nodeport', key: p.nodePort.value, value: { resource: r, port: p } });
  }
  const pt = r.podTemplate;
  if (pt) {
    out.push({ table: 'pt', key: ns, value: pt });
    for (const [k, v] of pt.labels) {
      out.push({ table: 'ptl', key: `${ns}\t${k}=${v.value}`, value: pt });
      // The same label in any namespace (`*` is no namespace name), to spot a namespace mix-up.
      out.push({ table: 'ptl', key: `${anyNamespace}\t${k}=${v.value}`, value: pt });
    }
    for (const c of pt.containers) {
      for (const p of c.ports)
        if (p.hostPort && p.hostPort.value !== 0)
          out.push({ table: 'hostport', key: `${p.hostPort.value}/${p.protocol}`, value: { template: pt, port: p } });
    }
  }
  if (r.kind === 'Secret') out.push({ table: 'secret', key: nsName(ns, r.name), value: r });
  if (r.certificateSecretName) out.push({ table: 'cert', key: nsName(ns, r.certificateSecretName), value: r });
  if (r.referenceGrant) out.push({ table: 'refgrant', key: ns, value: r });
  if (r.networkPolicy) out.push({ table: 'netpol', key: ns, value: r });
  if (r.ingress) {
    out.push({ table: 'entry', key: ns, value: r });
    const tls = r.ingress.tls;
    const add = (b: IngressBackend, host: string | undefined, path: string | undefined): void => {
      out.push({
        table: 'users',
        key: nsName(ns, b.serviceName.value),
        value: { via: 'ingress', resource: r, backend: b, host, path, tls: hostServedOverTls(tls, host) },
      });
    };
    for (const rule of r.ingress.rules) for (const p of rule.paths) add(p.backend, rule.host?.value, p.path);
    if (r.ingress.defaultBackend) add(r.ingress.defaultBackend, undefined, undefined);
  }
  if (r.route) {
    out.push({ table: 'entry', key: ns, value: r });
    for (const rule of r.route.rules) {
      for (const ref of rule.backendRefs) {
        if (ref.kind !== 'Service' || (ref.group !== '' && ref.group !== 'core')) continue;
        out.push({
          table: 'users',
          key: nsName(ref.namespace?.value ?? ns, ref.name.value),
          value: { via: 'route', resource: r, ref, match: rule.matchSummary },
        });
      }
    }
  }
  for (const ref of r.dnsRefs)
    out.push({ table: 'users', key: nsName(ref.namespace, ref.service), value: { via: 'dns', resource: r, ref } });
  if (r.statefulSetServiceName)
    out.push({ table: 'users', key: nsName(ns, r.statefulSetServiceName.value), value: { via: 'statefulset', resource: r } });
  return out;
}

/** The Gateway API entries: Gateways, ListenerSets, the parents routes name, BackendTLSPolicy targets. */
function gatewayEntries(r: Resource, ns: string, out: Entry[]): void {
  const g = r.gateway;
  if (g) {
    if (g.parentRef) {
      out.push({ table: 'lset', key: nsName(ns, r.name), value: r });
      if (g.parentRef.kind === 'Gateway')
        out.push({ table: 'lsetof', key: nsName(g.parentRef.namespace ?? ns, g.parentRef.name), value: r });
    } else
      out.push(
        { table: 'gw', key: nsName(ns, r.name), value: r },
        { table: 'gw', key: nsName(anyNamespace, r.name), value: r },
        { table: 'gwns', key: ns, value: r },
      );
  }
  if (r.route)
    for (const ref of r.route.parentRefs)
      out.push({ table: 'parent', key: parentKey(ref.kind, ref.namespace ?? ns, ref.name), value: { route: r, ref } });
  if (r.backendTLSPolicy) {
    for (const t of r.backendTLSPolicy.targets)
      if (t.kind === 'Service' && (t.group === '' || t.group === 'core'))
        out.push({ table: 'btp', key: nsName(ns, t.name.value), value: r });
  }
}
