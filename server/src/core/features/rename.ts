/**
 * Rename a container port name (with the targetPorts, probes and NetworkPolicy ports that
 * use it) or a Service (with the backends, routes, `serviceName`s, DNS references and ReferenceGrants that
 * name it). A rename covers everything that must change together: renaming `http` in one
 * template also renames it in every template a Service using `targetPort: http` selects.
 * Whatever cannot be renamed safely is refused with a reason.
 */
import type { Lookup } from '../index/lookup';
import { nsName } from '../index/tables';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { TextEditSpec } from '../model/finding';
import { effectiveTargetPort, type PodTemplate, type Resource, type SourceFile } from '../model/resource';
import { getScalar, getSeq, getStr, type Span } from '../model/ytree';
import { policiesSelecting, resolveDnsRef } from '../links/network';
import { ianaNameProblems, serviceBackends } from '../links/services';
import { templatePorts } from '../parse/extractWorkload';
import { builtRenamePlan } from './builtRename';
import { symbolAt, type Sym } from './cursor';
import { backendOf, portTargets, selectorTemplates, serviceNamed, servicesSelecting } from './definition';

export type RenameSubject =
  { kind: 'port-name'; name: string; templates: PodTemplate[]; span: Span } | { kind: 'service'; service: Resource; span: Span };

export type Refusal = { error: string };

/** What a rename at this position would rename, with the range to edit; or why it cannot. */
export function prepareRenameAt(index: WorkspaceIndex, file: SourceFile, offset: number): { span: Span; placeholder: string } | Refusal {
  // In a file a kustomize build reads: what the units that read it built there.
  const built = builtRenamePlan(index, file, offset);
  if (built) return 'error' in built ? built : { span: built.span, placeholder: built.placeholder };
  const sym = symbolAt(file, offset);
  if (!sym) return { error: 'podpath renames port names and Services; there is neither here.' };
  const subject = subjectOf(index.lookup({ uri: file.uri }), sym);
  if ('error' in subject) return subject;
  const span = innerSpan(file, subject.span);
  if (subject.kind === 'service') {
    const plan = serviceEdits(index.lookup({ uri: file.uri }), subject.service, subject.service.name);
    if ('error' in plan) return plan;
  }
  return { span, placeholder: file.text.slice(span[0], span[1]) };
}

/** The edits of renaming what is at this position to `newName`, or why it cannot be done. */
export function renameAt(index: WorkspaceIndex, file: SourceFile, offset: number, newName: string): TextEditSpec[] | Refusal {
  const built = builtRenamePlan(index, file, offset);
  if (built) return 'error' in built ? built : built.edits(newName);
  const sym = symbolAt(file, offset);
  if (!sym) return { error: 'Nothing to rename here.' };
  const lookup = index.lookup({ uri: file.uri });
  const subject = subjectOf(lookup, sym);
  if ('error' in subject) return subject;
  const bad = badName(subject.kind, newName);
  if (bad) return bad;
  if (subject.kind === 'port-name') return portNameEdits(lookup, subject.name, subject.templates, newName);
  if (newName !== subject.service.name && serviceNamed(lookup, subject.service.namespace ?? '', newName))
    return { error: `A Service named ${newName} already exists in namespace ${subject.service.namespace}.` };
  return serviceEdits(lookup, subject.service, newName);
}

/** Why `newName` cannot be a port name or a Service name, if it cannot. */
export function badName(kind: RenameSubject['kind'], newName: string): Refusal | undefined {
  if (kind === 'port-name')
    return ianaNameProblems(newName).length > 0
      ? {
          error: `"${newName}" is not a valid port name: 1–15 lower-case letters, digits and '-', at least one letter, no leading, trailing or double '-'.`,
        }
      : undefined;
  return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(newName)
    ? undefined
    : {
        error: `"${newName}" is not a valid Service name (a DNS label: lower-case letters, digits and '-', starting with a letter, at most 63).`,
      };
}

/** What a symbol renames. */
export function subjectOf(lookup: Lookup, sym: Sym): RenameSubject | Refusal {
  const notName = (what: string): Refusal => ({ error: `This ${what} is a number; only port names can be renamed.` });
  switch (sym.kind) {
    case 'container-port':
      if (sym.field !== 'name' || !sym.port.name) return notName('containerPort');
      return { kind: 'port-name', name: sym.port.name.value, templates: [sym.template], span: sym.span };
    case 'target-port': {
      const v = sym.port.targetPort?.value;
      if (typeof v !== 'string') return notName('targetPort');
      const templates = portTargets(lookup, sym.resource, sym.port).map((t) => t.template);
      if (!templates.length) return { error: `No container port named ${v} is reached by this Service; fix the link before renaming.` };
      return { kind: 'port-name', name: v, templates, span: sym.span };
    }
    case 'probe-port': {
      const v = sym.probe.port.value;
      if (typeof v !== 'string') return notName('probe port');
      if (!sym.container.ports.some((cp) => cp.name?.value === v))
        return { error: `Container ${sym.container.name} declares no port named ${v}.` };
      return { kind: 'port-name', name: v, templates: [sym.template], span: sym.span };
    }
    case 'policy-port': {
      const v = sym.port.port?.value;
      const np = sym.resource.networkPolicy;
      if (typeof v !== 'string' || !np) return notName('policy port');
      const templates = selectorTemplates(lookup, sym.resource, np.podSelector, 'policy').filter((pt) =>
        templatePorts(pt).some((cp) => cp.name?.value === v),
      );
      if (!templates.length) return { error: `No Pod this policy selects declares a port named ${v}.` };
      return { kind: 'port-name', name: v, templates, span: sym.span };
    }
    case 'service-name':
      return { kind: 'service', service: sym.resource, span: sym.span };
    case 'ingress-service':
    case 'route-service': {
      const { service } = backendOf(lookup, sym);
      return service ? { kind: 'service', service, span: sym.span } : { error: 'This backend names no Service in the workspace.' };
    }
    case 'statefulset-service': {
      const svc = serviceNamed(lookup, sym.resource.namespace ?? '', sym.resource.statefulSetServiceName?.value ?? '');
      return svc ? { kind: 'service', service: svc, span: sym.span } : { error: 'This serviceName names no Service in the workspace.' };
    }
    case 'dns-ref': {
      const res = resolveDnsRef(lookup, sym.ref);
      if (!res) return { error: 'This host names no Service in the workspace.' };
      const at = sym.ref.span[0];
      if (sym.resource.file.text.slice(at, at + sym.ref.service.length).toLowerCase() !== sym.ref.service)
        return { error: 'This DNS reference cannot be edited in place (block scalar or escapes).' };
      return { kind: 'service', service: res.service, span: [at, at + sym.ref.service.length] };
    }
    case 'service-port':
    case 'node-port':
    case 'ingress-port':
    case 'route-port':
      return notName('port');
    default:
      return { error: 'podpath renames port names and Services; this is neither.' };
  }
}

/** Every edit a port-name rename needs, closed over the Services and policies that tie templates together. */
export function portNameEdits(lookup: Lookup, name: string, seeds: PodTemplate[], newName: string): TextEditSpec[] | Refusal {
  const templates = new Set<PodTemplate>();
  const services = new Set<Resource>();
  const policies = new Set<Resource>();
  const work = [...seeds];
  const visit = (pt: PodTemplate): void => {
    if (!templates.has(pt) && templatePorts(pt).some((cp) => cp.name?.value === name)) work.push(pt);
  };
  while (work.length) {
    const pt = work.pop()!;
    if (templates.has(pt)) continue;
    templates.add(pt);
    for (const svc of servicesSelecting(lookup, pt)) {
      if (!svc.service!.ports.some((p) => p.targetPort?.value === name) || services.has(svc)) continue;
      services.add(svc);
      for (const b of serviceBackends(lookup, svc)) visit(b.template);
    }
    for (const pol of policiesSelecting(lookup, pt)) {
      if (policies.has(pol) || !pol.networkPolicy!.ingress.some((rule) => rule.ports?.some((pp) => pp.port?.value === name))) continue;
      policies.add(pol);
      for (const other of selectorTemplates(lookup, pol, pol.networkPolicy!.podSelector, 'policy')) visit(other);
    }
  }
  const edits: TextEditSpec[] = [];
  const edit = (file: SourceFile, span: Span): void => {
    edits.push({ file, span: innerSpan(file, span), newText: newName });
  };
  for (const pt of templates) {
    for (const c of pt.containers) {
      if (newName !== name && c.ports.some((cp) => cp.name?.value === newName))
        return { error: `Container ${c.name} of ${pt.owner.kind} ${pt.owner.name} already has a port named ${newName}.` };
      for (const cp of c.ports) if (cp.name?.value === name) edit(pt.owner.file, cp.name.span);
      for (const probe of c.probes) if (probe.port.value === name) edit(pt.owner.file, probe.port.span);
    }
  }
  for (const svc of services) {
    for (const p of svc.service!.ports) {
      const t = effectiveTargetPort(p);
      if (p.targetPort && t?.value === name) edit(svc.file, t.span);
    }
  }
  for (const pol of policies) {
    for (const rule of pol.networkPolicy!.ingress)
      for (const pp of rule.ports ?? []) if (pp.port?.value === name) edit(pol.file, pp.port.span);
  }
  return edits;
}

/** Every edit a Service rename needs: its name (every copy of it) and everything naming it. */
export function serviceEdits(lookup: Lookup, svc: Resource, newName: string): TextEditSpec[] | Refusal {
  const ns = svc.namespace;
  if (ns === undefined) return { error: 'This Service has no namespace.' };
  const edits: TextEditSpec[] = [];
  const edit = (r: Resource, span: Span): void => {
    edits.push({ file: r.file, span: innerSpan(r.file, span), newText: newName });
  };
  for (const copy of lookup.get('svc', nsName(ns, svc.name))) edit(copy, copy.nameSpan);
  for (const u of lookup.get('users', nsName(ns, svc.name))) {
    if (u.via === 'ingress') edit(u.resource, u.backend.serviceName.span);
    else if (u.via === 'route') edit(u.resource, u.ref.name.span);
    else if (u.via === 'statefulset' && u.resource.statefulSetServiceName) edit(u.resource, u.resource.statefulSetServiceName.span);
    else if (u.via === 'dns') {
      const at = u.ref.span[0];
      if (u.resource.file.text.slice(at, at + svc.name.length).toLowerCase() !== svc.name)
        return { error: `The DNS reference in ${u.resource.kind} ${u.resource.name} (${u.ref.where}) cannot be edited in place.` };
      edits.push({ file: u.resource.file, span: [at, at + svc.name.length], newText: newName });
    }
  }
  // A ReferenceGrant that names the Service: left behind, cross-namespace routes would lose it.
  for (const grant of lookup.get('refgrant', ns)) {
    for (const to of getSeq(grant.root, 'spec', 'to')) {
      const name = getScalar(to, 'name');
      if (name?.value === svc.name && getStr(to, 'kind') === 'Service' && ['', 'core'].includes(getStr(to, 'group') ?? ''))
        edit(grant, name.span);
    }
  }
  return edits;
}

/** A scalar's span without its quotes. */
export function innerSpan(file: SourceFile, span: Span): Span {
  const t = file.text.slice(span[0], span[1]);
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? [span[0] + 1, span[1] - 1] : span;
}
