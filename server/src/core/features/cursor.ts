/**
 * "What is at this offset": the YNode path under a position of a resource's tree, and
 * the symbol it stands for in traffic terms (a targetPort, a selector key, a container
 * port name, an Ingress backend, a DNS reference, …). Every feature starts here, so a
 * position means the same thing to hover, definition, references, rename and the rest.
 */
import type {
  Container,
  ContainerPort,
  DnsRef,
  IngressBackend,
  IngressTls,
  LabelSelector,
  NetworkPolicyPort,
  PodTemplate,
  Probe,
  Resource,
  RouteBackendRef,
  ServicePort,
  SourceFile,
} from '../model/resource';
import type { Span, YNode } from '../model/ytree';
import { gatewaySymbol, type GatewaySym } from './gateway';

export type PathSegment = string | number;

/** The deepest node under an offset, the keys and indices that lead to it, and its ancestors. */
export interface NodeAt {
  path: PathSegment[];
  /** Ancestors from the root down to (and including) the deepest node. */
  nodes: YNode[];
  /** True when the offset is on a map key rather than on its value. */
  onKey: boolean;
}

/** Whether an offset lies in a span; the end counts, so a cursor right after a word is on it. */
export function within(span: Span | undefined, offset: number): boolean {
  return span !== undefined && offset >= span[0] && offset <= span[1];
}

/** The resource of a file whose document holds an offset. */
export function resourceAt(file: SourceFile, offset: number): Resource | undefined {
  let best: Resource | undefined;
  for (const r of file.resources) {
    if (within(r.span, offset) && (!best || r.span[1] - r.span[0] < best.span[1] - best.span[0])) best = r;
  }
  return best;
}

/** The path of keys/indices to the deepest node of `root` holding `offset`. */
export function nodePathAt(root: YNode, offset: number): NodeAt {
  const out: NodeAt = { path: [], nodes: [root], onKey: false };
  let cur: YNode = root;
  for (;;) {
    let next: YNode | undefined;
    if (cur.t === 'map') {
      for (const p of cur.pairs.values()) {
        if (within(p.keySpan, offset)) {
          out.path.push(p.key);
          out.onKey = true;
          if (p.value) out.nodes.push(p.value);
          return out;
        }
        if (p.value && within(p.value.span, offset)) {
          out.path.push(p.key);
          next = p.value;
          break;
        }
      }
    } else if (cur.t === 'seq') {
      const i = cur.items.findIndex((it) => within(it.span, offset));
      if (i >= 0) {
        out.path.push(i);
        next = cur.items[i];
      }
    }
    if (!next) return out;
    out.nodes.push(next);
    cur = next;
  }
}

type SelectorPart = 'key' | 'value';

/** A position's meaning, in the terms of the traffic path. */
export type Sym =
  | { kind: 'service-name'; resource: Resource; span: Span }
  | { kind: 'service-port'; resource: Resource; port: ServicePort; span: Span }
  | { kind: 'target-port'; resource: Resource; port: ServicePort; span: Span }
  | { kind: 'node-port'; resource: Resource; port: ServicePort; span: Span }
  | { kind: 'service-selector'; resource: Resource; key: string; part: SelectorPart; span: Span }
  | { kind: 'service-selector-block'; resource: Resource; span: Span }
  | {
      kind: 'label-selector';
      resource: Resource;
      selector: LabelSelector;
      role: 'workload' | 'policy' | 'peer';
      key: string;
      part: SelectorPart;
      span: Span;
    }
  | { kind: 'pod-label'; resource: Resource; template: PodTemplate; key: string; part: SelectorPart; span: Span }
  | { kind: 'workload-name'; resource: Resource; template: PodTemplate; span: Span }
  | { kind: 'container-port'; resource: Resource; template: PodTemplate; port: ContainerPort; field: 'number' | 'name'; span: Span }
  | { kind: 'host-port'; resource: Resource; template: PodTemplate; port: ContainerPort; span: Span }
  | { kind: 'probe-port'; resource: Resource; template: PodTemplate; container: Container; probe: Probe; span: Span }
  | { kind: 'ingress-service'; resource: Resource; backend: IngressBackend; span: Span }
  | { kind: 'ingress-port'; resource: Resource; backend: IngressBackend; span: Span }
  | { kind: 'tls-secret'; resource: Resource; tls: IngressTls; span: Span }
  | { kind: 'route-service'; resource: Resource; ref: RouteBackendRef; span: Span }
  | { kind: 'route-port'; resource: Resource; ref: RouteBackendRef; span: Span }
  | { kind: 'dns-ref'; resource: Resource; ref: DnsRef; span: Span }
  | { kind: 'policy-port'; resource: Resource; port: NetworkPolicyPort; span: Span }
  | { kind: 'statefulset-service'; resource: Resource; span: Span }
  | GatewaySym;

export type SymKind = Sym['kind'];

/** The symbol at an offset of a file, or undefined where nothing links. */
export function symbolAt(file: SourceFile, offset: number): Sym | undefined {
  const r = resourceAt(file, offset);
  return r ? symbolIn(r, offset) : undefined;
}

/** The symbol at an offset inside one resource. */
export function symbolIn(r: Resource, offset: number): Sym | undefined {
  return (
    serviceSymbol(r, offset) ??
    templateSymbol(r, offset) ??
    entrySymbol(r, offset) ??
    gatewaySymbol(r, offset) ??
    policySymbol(r, offset) ??
    dnsSymbol(r, offset)
  );
}

function serviceSymbol(r: Resource, offset: number): Sym | undefined {
  const s = r.service;
  if (!s) return undefined;
  if (within(r.nameSpan, offset)) return { kind: 'service-name', resource: r, span: r.nameSpan };
  for (const p of s.ports) {
    if (!within(p.span, offset)) continue;
    if (p.targetPort && within(p.targetPort.span, offset)) return { kind: 'target-port', resource: r, port: p, span: p.targetPort.span };
    if (p.port && within(p.port.span, offset)) return { kind: 'service-port', resource: r, port: p, span: p.port.span };
    if (p.nodePort && within(p.nodePort.span, offset)) return { kind: 'node-port', resource: r, port: p, span: p.nodePort.span };
  }
  if (s.selector) {
    for (const [key, v] of s.selector) {
      if (within(v.keySpan, offset)) return { kind: 'service-selector', resource: r, key, part: 'key', span: v.keySpan };
      if (within(v.valueSpan, offset)) return { kind: 'service-selector', resource: r, key, part: 'value', span: v.valueSpan };
    }
  }
  if (s.selectorKeySpan && within(s.selectorKeySpan, offset))
    return { kind: 'service-selector-block', resource: r, span: s.selectorKeySpan };
  return undefined;
}

function templateSymbol(r: Resource, offset: number): Sym | undefined {
  const pt = r.podTemplate;
  if (!pt) return undefined;
  if (within(r.nameSpan, offset)) return { kind: 'workload-name', resource: r, template: pt, span: r.nameSpan };
  for (const [key, v] of pt.labels) {
    if (within(v.keySpan, offset)) return { kind: 'pod-label', resource: r, template: pt, key, part: 'key', span: v.keySpan };
    if (within(v.valueSpan, offset)) return { kind: 'pod-label', resource: r, template: pt, key, part: 'value', span: v.valueSpan };
  }
  if (pt.workloadSelector) {
    const hit = selectorEntryAt(pt.workloadSelector, offset);
    if (hit) return { kind: 'label-selector', resource: r, selector: pt.workloadSelector, role: 'workload', ...hit };
  }
  for (const c of pt.containers) {
    if (!within(c.node.span, offset)) continue;
    for (const p of c.ports) {
      if (p.containerPort && within(p.containerPort.span, offset))
        return { kind: 'container-port', resource: r, template: pt, port: p, field: 'number', span: p.containerPort.span };
      if (p.name && within(p.name.span, offset))
        return { kind: 'container-port', resource: r, template: pt, port: p, field: 'name', span: p.name.span };
      if (p.hostPort && within(p.hostPort.span, offset))
        return { kind: 'host-port', resource: r, template: pt, port: p, span: p.hostPort.span };
    }
    for (const probe of c.probes) {
      if (within(probe.port.span, offset))
        return { kind: 'probe-port', resource: r, template: pt, container: c, probe, span: probe.port.span };
    }
  }
  if (r.statefulSetServiceName && within(r.statefulSetServiceName.span, offset))
    return { kind: 'statefulset-service', resource: r, span: r.statefulSetServiceName.span };
  return undefined;
}

function entrySymbol(r: Resource, offset: number): Sym | undefined {
  const ing = r.ingress;
  if (ing) {
    const backends = ing.rules.flatMap((rule) => rule.paths.map((p) => p.backend));
    if (ing.defaultBackend) backends.push(ing.defaultBackend);
    for (const b of backends) {
      if (within(b.serviceName.span, offset)) return { kind: 'ingress-service', resource: r, backend: b, span: b.serviceName.span };
      const port = b.portNumber ?? b.portName;
      if (port && within(port.span, offset)) return { kind: 'ingress-port', resource: r, backend: b, span: port.span };
    }
    for (const tls of ing.tls) {
      if (tls.secretName && within(tls.secretName.span, offset)) return { kind: 'tls-secret', resource: r, tls, span: tls.secretName.span };
    }
  }
  if (r.route) {
    for (const rule of r.route.rules) {
      for (const ref of rule.backendRefs) {
        if (within(ref.name.span, offset)) return { kind: 'route-service', resource: r, ref, span: ref.name.span };
        if (ref.port && within(ref.port.span, offset)) return { kind: 'route-port', resource: r, ref, span: ref.port.span };
      }
    }
  }
  return undefined;
}

function policySymbol(r: Resource, offset: number): Sym | undefined {
  const np = r.networkPolicy;
  if (!np) return undefined;
  const own = selectorEntryAt(np.podSelector, offset);
  if (own) return { kind: 'label-selector', resource: r, selector: np.podSelector, role: 'policy', ...own };
  for (const rule of [...np.ingress, ...np.egress]) {
    if (!within(rule.span, offset)) continue;
    for (const port of rule.ports ?? []) {
      if (port.port && within(port.port.span, offset)) return { kind: 'policy-port', resource: r, port, span: port.port.span };
    }
    for (const peer of rule.peers ?? []) {
      const hit = peer.podSelector && selectorEntryAt(peer.podSelector, offset);
      if (hit && peer.podSelector) return { kind: 'label-selector', resource: r, selector: peer.podSelector, role: 'peer', ...hit };
    }
  }
  return undefined;
}

function dnsSymbol(r: Resource, offset: number): Sym | undefined {
  for (const ref of r.dnsRefs) if (within(ref.span, offset)) return { kind: 'dns-ref', resource: r, ref, span: ref.span };
  return undefined;
}

function selectorEntryAt(sel: LabelSelector, offset: number): { key: string; part: SelectorPart; span: Span } | undefined {
  if (!within(sel.span, offset)) return undefined;
  for (const [key, v] of sel.matchLabels) {
    if (within(v.keySpan, offset)) return { key, part: 'key', span: v.keySpan };
    if (within(v.valueSpan, offset)) return { key, part: 'value', span: v.valueSpan };
  }
  return undefined;
}
