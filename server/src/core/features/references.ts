/**
 * Find references: the reverse of definition. A container port → the Service targetPorts,
 * probes and NetworkPolicy ports that reach it; a Service → the Ingress backends, routes,
 * DNS references and StatefulSets that name it; a pod-template label → the selectors that
 * match the template. Any symbol that refers to one of those gives the same answer.
 */
import type { Lookup } from '../index/lookup';
import { nsName } from '../index/tables';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import {
  effectiveTargetPort,
  type ContainerPort,
  type PodTemplate,
  type Resource,
  type ServicePort,
  type SourceFile,
} from '../model/resource';
import { labelSelectorMatches } from '../links/selectors';
import { policiesSelecting, resolveDnsRef } from '../links/network';
import { serviceBackends } from '../links/services';
import { builtSymbolAt } from './builtHover';
import { symbolAt, type Sym } from './cursor';
import { gatewayReferences } from './gateway';
import {
  backendOf,
  containerPortSpan,
  placeOf,
  policyPortsFor,
  portTargets,
  portsNamed,
  selectorTemplates,
  serviceNamed,
  servicePortSpan,
  servicesSelecting,
  type Place,
} from './definition';
import { templatePorts } from '../parse/extractWorkload';

/** A reference; `declaration` marks the place that defines the thing (a write, for highlights). */
export interface Reference extends Place {
  declaration: boolean;
}

/** Every place that refers to what is under the cursor, across the workspace. */
export function referencesAt(index: WorkspaceIndex, file: SourceFile, offset: number, includeDeclaration = true): Reference[] {
  const built = builtSymbolAt(index, file, offset);
  const sym = built?.sym ?? symbolAt(file, offset);
  if (!sym) return [];
  const refs = referencesOf(built?.lookup ?? index.lookup({ uri: file.uri }), sym);
  return dedupe(includeDeclaration ? refs : refs.filter((r) => !r.declaration));
}

/** The references of a symbol, declarations included. */
export function referencesOf(lookup: Lookup, sym: Sym): Reference[] {
  switch (sym.kind) {
    case 'route-parent':
    case 'gateway-listener':
      return gatewayReferences(lookup, sym);
    case 'container-port':
      return containerPortRefs(lookup, [{ template: sym.template, port: sym.port }], sym.field === 'name');
    case 'target-port': {
      const byName = typeof sym.port.targetPort?.value === 'string';
      const targets = portTargets(lookup, sym.resource, sym.port).map((t) => ({ template: t.template, port: t.port }));
      return targets.length ? containerPortRefs(lookup, targets, byName) : [{ ...placeOf(sym.resource, sym.span), declaration: false }];
    }
    case 'probe-port': {
      const v = sym.probe.port.value;
      const ports = portsNamed(sym.container.ports, v).map((port) => ({ template: sym.template, port }));
      return ports.length
        ? containerPortRefs(lookup, ports, typeof v === 'string')
        : [{ ...placeOf(sym.resource, sym.span), declaration: false }];
    }
    case 'policy-port': {
      const v = sym.port.port?.value;
      const np = sym.resource.networkPolicy;
      if (v === undefined || !np) return [];
      const ports = selectorTemplates(lookup, sym.resource, np.podSelector, 'policy').flatMap((template) =>
        portsNamed(templatePorts(template), v, sym.port.protocol).map((port) => ({ template, port })),
      );
      return ports.length
        ? containerPortRefs(lookup, ports, typeof v === 'string')
        : [{ ...placeOf(sym.resource, sym.span), declaration: false }];
    }
    case 'service-name':
      return serviceRefs(lookup, sym.resource);
    case 'ingress-service':
    case 'route-service': {
      const { service } = backendOf(lookup, sym);
      return service ? serviceRefs(lookup, service) : [];
    }
    case 'dns-ref': {
      const res = resolveDnsRef(lookup, sym.ref);
      return res ? serviceRefs(lookup, res.service) : [];
    }
    case 'statefulset-service': {
      const svc = serviceNamed(lookup, sym.resource.namespace ?? '', sym.resource.statefulSetServiceName?.value ?? '');
      return svc ? serviceRefs(lookup, svc) : [];
    }
    case 'service-port':
      return servicePortRefs(lookup, sym.resource, sym.port);
    case 'ingress-port':
    case 'route-port': {
      const { service, port } = backendOf(lookup, sym);
      return service && port ? servicePortRefs(lookup, service, port) : [];
    }
    case 'pod-label':
      return labelRefs(lookup, sym.template, sym.key, sym.part);
    case 'service-selector': {
      const self: Reference = { ...placeOf(sym.resource, sym.span), declaration: false };
      const templates = serviceBackends(lookup, sym.resource).map((b) => b.template);
      return [self, ...templates.flatMap((pt) => labelDecl(pt, sym.key, sym.part))];
    }
    case 'label-selector': {
      const self: Reference = { ...placeOf(sym.resource, sym.span), declaration: false };
      return [self, ...selectorTemplates(lookup, sym.resource, sym.selector, sym.role).flatMap((pt) => labelDecl(pt, sym.key, sym.part))];
    }
    default:
      return [];
  }
}

/** References of container ports: the ports themselves, targetPorts, probes and policy ports. */
function containerPortRefs(lookup: Lookup, ports: { template: PodTemplate; port: ContainerPort }[], byName: boolean): Reference[] {
  const out: Reference[] = [];
  for (const { template, port: cp } of ports) {
    out.push({ ...placeOf(template.owner, containerPortSpan(cp, byName)), declaration: true });
    for (const svc of servicesSelecting(lookup, template)) {
      for (const p of svc.service!.ports) {
        const t = effectiveTargetPort(p);
        if (!t || p.protocol !== cp.protocol) continue;
        const hit = typeof t.value === 'string' ? byName && t.value === cp.name?.value : !byName && t.value === cp.containerPort?.value;
        if (hit) out.push({ ...placeOf(svc, t.span), declaration: false });
      }
    }
    const v = byName ? cp.name?.value : cp.containerPort?.value;
    if (v !== undefined) {
      for (const probe of cp.container.probes)
        if (probe.port.value === v) out.push({ ...placeOf(template.owner, probe.port.span), declaration: false });
    }
    for (const pp of policyPortsFor(lookup, template, cp, byName ? 'name' : 'number')) out.push({ ...pp, declaration: false });
  }
  return out;
}

/** References of a Service: its name and every user that names it. */
export function serviceRefs(lookup: Lookup, svc: Resource): Reference[] {
  const out: Reference[] = [{ ...placeOf(svc, svc.nameSpan), declaration: true }];
  if (svc.namespace === undefined) return out;
  for (const u of lookup.get('users', nsName(svc.namespace, svc.name))) {
    switch (u.via) {
      case 'ingress':
        out.push({ ...placeOf(u.resource, u.backend.serviceName.span), declaration: false });
        break;
      case 'route':
        out.push({ ...placeOf(u.resource, u.ref.name.span), declaration: false });
        break;
      case 'dns':
        out.push({ ...placeOf(u.resource, u.ref.span), declaration: false });
        break;
      case 'statefulset':
        if (u.resource.statefulSetServiceName)
          out.push({ ...placeOf(u.resource, u.resource.statefulSetServiceName.span), declaration: false });
        break;
    }
  }
  return out;
}

/** References of one Service port: the port and the backends and DNS references that use it. */
function servicePortRefs(lookup: Lookup, svc: Resource, port: ServicePort): Reference[] {
  const out: Reference[] = [{ ...placeOf(svc, servicePortSpan(port)), declaration: true }];
  if (svc.namespace === undefined) return out;
  const num = port.port?.value;
  const name = port.name?.value;
  for (const u of lookup.get('users', nsName(svc.namespace, svc.name))) {
    if (u.via === 'ingress') {
      const b = u.backend;
      if (b.portNumber && b.portNumber.value === num) out.push({ ...placeOf(u.resource, b.portNumber.span), declaration: false });
      if (b.portName && name !== undefined && b.portName.value === name)
        out.push({ ...placeOf(u.resource, b.portName.span), declaration: false });
    } else if (u.via === 'route') {
      if (u.ref.port && u.ref.port.value === num) out.push({ ...placeOf(u.resource, u.ref.port.span), declaration: false });
    } else if (u.via === 'dns') {
      if (u.ref.portSpan && u.ref.port === num && resolveDnsRef(lookup, u.ref)?.service === svc)
        out.push({ ...placeOf(u.resource, u.ref.portSpan), declaration: false });
    }
  }
  return out;
}

/** References of a pod-template label: the label and the selectors that match its template and name it. */
function labelRefs(lookup: Lookup, pt: PodTemplate, key: string, part: 'key' | 'value'): Reference[] {
  const out: Reference[] = labelDecl(pt, key, part);
  for (const svc of servicesSelecting(lookup, pt)) {
    const e = svc.service!.selector!.get(key);
    if (e) out.push({ ...placeOf(svc, part === 'key' ? e.keySpan : e.valueSpan), declaration: false });
  }
  const ws = pt.workloadSelector;
  const we = ws && !ws.invalid && labelSelectorMatches(ws, pt.labels) ? ws.matchLabels.get(key) : undefined;
  if (we) out.push({ ...placeOf(pt.owner, part === 'key' ? we.keySpan : we.valueSpan), declaration: false });
  for (const pol of policiesSelecting(lookup, pt)) {
    const e = pol.networkPolicy!.podSelector.matchLabels.get(key);
    if (e) out.push({ ...placeOf(pol, part === 'key' ? e.keySpan : e.valueSpan), declaration: false });
  }
  if (pt.owner.namespace !== undefined) {
    for (const pol of lookup.get('netpol', pt.owner.namespace)) {
      const np = pol.networkPolicy!;
      for (const rule of [...np.ingress, ...np.egress]) {
        for (const peer of rule.peers ?? []) {
          const sel = peer.podSelector;
          if (!sel || peer.namespaceSelector || sel.invalid || !labelSelectorMatches(sel, pt.labels)) continue;
          const e = sel.matchLabels.get(key);
          if (e) out.push({ ...placeOf(pol, part === 'key' ? e.keySpan : e.valueSpan), declaration: false });
        }
      }
    }
  }
  return out;
}

function labelDecl(pt: PodTemplate, key: string, part: 'key' | 'value'): Reference[] {
  const l = pt.labels.get(key);
  return l ? [{ ...placeOf(pt.owner, part === 'key' ? l.keySpan : l.valueSpan), declaration: true }] : [];
}

function dedupe(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.file.uri}#${r.span[0]}:${r.span[1]}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
