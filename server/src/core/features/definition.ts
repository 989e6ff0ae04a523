/**
 * Go to definition: where the thing under the cursor leads. A targetPort leads to the
 * container ports it reaches, a selector to the pod-template labels it matches, a backend
 * or DNS reference to the Service (and its port), a named probe or policy port to the
 * container port, `serviceName` to the Service, a TLS `secretName` to the Secret.
 * The reverse links (who reaches a template) are here too, for references and hover.
 */
import type { Lookup } from '../index/lookup';
import { nsName } from '../index/tables';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ContainerPort, LabelSelector, PodTemplate, Resource, ServicePort, SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { policiesSelecting, resolveBackend, resolveDnsRef } from '../links/network';
import { labelSelectorMatches, mapMatches, templatesForSelector } from '../links/selectors';
import { selectsPods, serviceBackends } from '../links/services';
import { templatePorts } from '../parse/extractWorkload';
import { builtSymbolAt } from './builtHover';
import { symbolAt, type Sym } from './cursor';
import { gatewayDefinition } from './gateway';

/** A place in a file. */
export interface Place {
  file: SourceFile;
  span: Span;
}

export function placeOf(r: Resource, span: Span): Place {
  return { file: r.file, span };
}

/** The span that names a container port: its name for a named target, else its number. */
export function containerPortSpan(cp: ContainerPort, byName: boolean): Span {
  return (byName ? cp.name?.span : cp.containerPort?.span) ?? cp.containerPort?.span ?? cp.name?.span ?? cp.span;
}

/** The span that names a Service port: its `port` number, else its name, else the entry. */
export function servicePortSpan(p: ServicePort, byName = false): Span {
  return (byName ? p.name?.span : p.port?.span) ?? p.port?.span ?? p.name?.span ?? p.span;
}

/** The Services (in the template's namespace) whose selector matches a pod template. */
export function servicesSelecting(lookup: Lookup, pt: PodTemplate): Resource[] {
  const ns = pt.owner.namespace;
  if (ns === undefined) return [];
  return [...lookup.get('svcns', ns)].filter(
    (s) => s.service !== undefined && selectsPods(s.service) && mapMatches(s.service.selector!, pt.labels),
  );
}

/** The container ports one Service port reaches, over every template it selects. */
export function portTargets(
  lookup: Lookup,
  svc: Resource,
  port: ServicePort,
): { template: PodTemplate; port: ContainerPort; otherProtocol: boolean }[] {
  const out: { template: PodTemplate; port: ContainerPort; otherProtocol: boolean }[] = [];
  const i = svc.service?.ports.indexOf(port) ?? -1;
  for (const b of serviceBackends(lookup, svc)) {
    const bp = i >= 0 ? b.ports[i] : undefined;
    for (const cp of bp?.matches ?? []) out.push({ template: b.template, port: cp, otherProtocol: false });
    for (const cp of bp?.otherProtocol ?? []) out.push({ template: b.template, port: cp, otherProtocol: true });
  }
  return out;
}

/** The one Service a namespace/name names (the first, when it is written twice). */
export function serviceNamed(lookup: Lookup, ns: string, name: string): Resource | undefined {
  for (const r of lookup.get('svc', nsName(ns, name))) if (r.service) return r;
  return undefined;
}

/** Container ports of a container-or-template that a probe or policy port (name or number) names. */
export function portsNamed(ports: readonly ContainerPort[], target: string | number, protocol?: string): ContainerPort[] {
  return ports.filter(
    (cp) =>
      (protocol === undefined || cp.protocol === protocol) &&
      (typeof target === 'number' ? cp.containerPort?.value === target : cp.name?.value === target),
  );
}

/** The pod templates a LabelSelector of a resource matches (its own template for a workload selector). */
export function selectorTemplates(lookup: Lookup, r: Resource, sel: LabelSelector, role: 'workload' | 'policy' | 'peer'): PodTemplate[] {
  if (r.namespace === undefined) return [];
  if (role === 'workload') return r.podTemplate && labelSelectorMatches(sel, r.podTemplate.labels) ? [r.podTemplate] : [];
  return templatesForSelector(lookup, r.namespace, sel);
}

export type BackendSym = Extract<Sym, { kind: 'ingress-service' | 'ingress-port' | 'route-service' | 'route-port' }>;

/** The backend (Service and Service port) an Ingress or route backend resolves to, and the name it is written with. */
export function backendOf(
  lookup: Lookup,
  sym: BackendSym,
): { ns: string; name: string; service: Resource | undefined; port: ServicePort | undefined; byName: boolean } {
  const r = sym.resource;
  const ns = r.namespace ?? lookup.options.defaultNamespace;
  if (sym.kind === 'ingress-service' || sym.kind === 'ingress-port') {
    const b = sym.backend;
    const port = b.portNumber?.value ?? b.portName?.value;
    const res = resolveBackend(lookup, ns, b.serviceName.value, port);
    return {
      ns,
      name: b.serviceName.value,
      service: res.service,
      port: res.servicePort,
      byName: b.portNumber === undefined && b.portName !== undefined,
    };
  }
  const ref = sym.ref;
  const refNs = ref.namespace?.value ?? ns;
  const res = resolveBackend(lookup, refNs, ref.name.value, ref.port?.value);
  return { ns: refNs, name: ref.name.value, service: res.service, port: res.servicePort, byName: false };
}

/** Where the symbol at an offset leads; empty when it leads nowhere in the workspace. */
export function definitionAt(index: WorkspaceIndex, file: SourceFile, offset: number): Place[] {
  // In a file a kustomize build reads, what its first unit built there (places map back to the files).
  const built = builtSymbolAt(index, file, offset);
  const sym = built?.sym ?? symbolAt(file, offset);
  return sym ? definitionOf(built?.lookup ?? index.lookup({ uri: file.uri }), sym) : [];
}

/** Where a symbol leads. */
export function definitionOf(lookup: Lookup, sym: Sym): Place[] {
  switch (sym.kind) {
    case 'route-parent':
    case 'gateway-listener':
      return gatewayDefinition(lookup, sym);
    case 'target-port':
    case 'service-port': {
      const byName = typeof sym.port.targetPort?.value === 'string';
      return portTargets(lookup, sym.resource, sym.port)
        .filter((t, _i, all) => !t.otherProtocol || all.every((x) => x.otherProtocol))
        .map((t) => placeOf(t.template.owner, containerPortSpan(t.port, byName)));
    }
    case 'service-selector': {
      const s = sym.resource.service;
      if (!s?.selector || sym.resource.namespace === undefined || !selectsPods(s)) return [];
      return serviceBackends(lookup, sym.resource).flatMap((b) => labelPlaces(b.template, sym.key, sym.part));
    }
    case 'label-selector':
      return selectorTemplates(lookup, sym.resource, sym.selector, sym.role).flatMap((pt) => labelPlaces(pt, sym.key, sym.part));
    case 'ingress-service':
    case 'route-service': {
      const { service } = backendOf(lookup, sym);
      return service ? [placeOf(service, service.nameSpan)] : [];
    }
    case 'ingress-port':
    case 'route-port': {
      const { service, port, byName } = backendOf(lookup, sym);
      return service && port ? [placeOf(service, servicePortSpan(port, byName))] : [];
    }
    case 'dns-ref': {
      const res = resolveDnsRef(lookup, sym.ref);
      if (!res) return [];
      const out = [placeOf(res.service, res.service.nameSpan)];
      if (res.servicePort) out.push(placeOf(res.service, servicePortSpan(res.servicePort)));
      return out;
    }
    case 'probe-port': {
      const v = sym.probe.port.value;
      return portsNamed(sym.container.ports, v).map((cp) => placeOf(sym.resource, containerPortSpan(cp, typeof v === 'string')));
    }
    case 'policy-port': {
      const v = sym.port.port?.value;
      const np = sym.resource.networkPolicy;
      if (v === undefined || !np) return [];
      return selectorTemplates(lookup, sym.resource, np.podSelector, 'policy').flatMap((pt) =>
        portsNamed(templatePorts(pt), v, sym.port.protocol).map((cp) => placeOf(pt.owner, containerPortSpan(cp, typeof v === 'string'))),
      );
    }
    case 'statefulset-service': {
      const svc = serviceNamed(lookup, sym.resource.namespace ?? '', sym.resource.statefulSetServiceName?.value ?? '');
      return svc ? [placeOf(svc, svc.nameSpan)] : [];
    }
    case 'tls-secret': {
      const name = sym.tls.secretName?.value;
      if (name === undefined || sym.resource.namespace === undefined) return [];
      return [...lookup.get('secret', nsName(sym.resource.namespace, name))].map((s) => placeOf(s, s.nameSpan));
    }
    default:
      return [];
  }
}

function labelPlaces(pt: PodTemplate, key: string, part: 'key' | 'value'): Place[] {
  const l = pt.labels.get(key);
  return l ? [placeOf(pt.owner, part === 'key' ? l.keySpan : l.valueSpan)] : [];
}

/** The ingress-rule ports of the policies selecting a template that name one of its ports (by name or number). */
export function policyPortsFor(lookup: Lookup, pt: PodTemplate, cp: ContainerPort, by?: 'name' | 'number'): Place[] {
  const out: Place[] = [];
  for (const pol of policiesSelecting(lookup, pt)) {
    // Only ingress rules: an egress rule's ports are other Pods' ports.
    for (const rule of pol.networkPolicy!.ingress) {
      for (const pp of rule.ports ?? []) {
        const v = pp.port?.value;
        if (v === undefined || pp.protocol !== cp.protocol) continue;
        const byName = typeof v === 'string';
        if (by !== undefined && byName !== (by === 'name')) continue;
        if (byName ? v === cp.name?.value : v === cp.containerPort?.value) out.push(placeOf(pol, pp.port!.span));
      }
    }
  }
  return out;
}
