/**
 * The editor's view of Gateway API attachment: what a parentRef attaches to (hover,
 * definition), which routes a listener takes (references, code lens), and the Gateway names
 * and section names a parentRef can take (completion). Every answer comes from
 * links/gateways.ts, like the rules' and the traffic path's.
 */
import type { Lookup } from '../index/lookup';
import { attach, describeListener, effectiveHostnames, routesOfListener, type Attachment, type ListenerAt } from '../links/gateways';
import { listenerProblems } from '../links/listeners';
import { lineAt } from '../model/positions';
import type { Listener, ParentRef, Resource } from '../model/resource';
import type { Span } from '../model/ytree';
import { yamlScalar } from '../rules/edits';
import { within } from './cursor';
import type { Place } from './definition';

/** A parentRef of a route (on its name, sectionName or port), or a listener's name in a Gateway or ListenerSet. */
export type GatewaySym =
  | { kind: 'route-parent'; resource: Resource; ref: ParentRef; span: Span }
  | { kind: 'gateway-listener'; resource: Resource; listener: Listener; span: Span };

/** The Gateway API symbol at an offset of a resource. */
export function gatewaySymbol(r: Resource, offset: number): GatewaySym | undefined {
  for (const ref of r.route?.parentRefs ?? []) {
    if (!within(ref.span, offset)) continue;
    for (const at of [ref.nameAt, ref.sectionNameAt, ref.port])
      if (at && within(at.span, offset)) return { kind: 'route-parent', resource: r, ref, span: at.span };
  }
  for (const l of r.gateway?.listeners ?? [])
    if (within(l.name.span, offset)) return { kind: 'gateway-listener', resource: r, listener: l, span: l.name.span };
  return undefined;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

function link(r: Resource, span: Span): string {
  return `${r.file.path}:${lineAt(r.file, span[0]) + 1}`;
}

function listenerLine(x: ListenerAt, hostnames: readonly string[] | undefined): string {
  const l = x.listener;
  const hosts = hostnames ? effectiveHostnames(l, hostnames).join(', ') : (l.hostname?.value ?? '*');
  const tls = l.tlsMode
    ? ` · TLS ${l.tlsMode.toLowerCase()}${l.certificateRefs.length ? ` (${l.certificateRefs.map((c) => c.name.value).join(', ')})` : ''}`
    : '';
  return `- listener ${code(l.name.value)}: ${code(`${l.protocol?.value ?? '?'} :${l.port?.value ?? '?'}`)} hosts ${code(hosts)}${tls} — ${link(x.owner, l.name.span)}`;
}

/** Hover of a parentRef or a listener. */
export function gatewayHover(lookup: Lookup, sym: GatewaySym): string {
  if (sym.kind === 'gateway-listener') {
    const routes = routesOfListener(lookup, sym.resource, sym.listener);
    const problems = listenerProblems(lookup, sym.resource, sym.listener);
    return [
      `**Listener ${code(sym.listener.name.value)}** ${code(describeListener(sym.listener))}`,
      routes.length
        ? `${routes.length} route${routes.length === 1 ? '' : 's'} attached:\n${routes.map((r) => `- ${r.kind} ${code(`${r.namespace}/${r.name}`)} — ${link(r, r.nameSpan)}`).join('\n')}`
        : 'No route in the workspace attaches to it.',
      ...problems.map((p) => `⚠ ${p.reason}: ${p.message}`),
    ].join('\n\n');
  }
  const a = attach(lookup, sym.resource, sym.ref);
  return attachmentText(sym.resource, sym.ref, a);
}

function attachmentText(route: Resource, ref: ParentRef, a: Attachment): string {
  const target = `${ref.kind} ${code(`${ref.namespace ?? route.namespace}/${ref.name}`)}`;
  switch (a.state) {
    case 'accepted':
      return [
        `**Attaches to ${target}** — ${a.listeners.length} listener${a.listeners.length === 1 ? '' : 's'}:`,
        ...a.listeners.map((x) => listenerLine(x, route.route?.hostnames ?? [])),
      ].join('\n');
    case 'rejected':
      return [`**Not accepted by ${target}** (${a.reason}): ${a.why}.`, ...a.selected.map((x) => listenerLine(x, undefined))].join('\n');
    case 'missing':
      return `**${target}** is not in the workspace, though its namespace is: the route attaches to nothing.`;
    case 'mesh':
      return `**Mesh route** for Service ${code(`${a.namespace}/${a.name}`)}: it applies to traffic sent to that Service inside the cluster (GAMMA)${a.service ? ` — ${link(a.service, a.service.nameSpan)}` : ''}.`;
    case 'unknown':
      return `**${target}** is not in the workspace: it may be deployed from elsewhere.`;
  }
}

/** Definition of a parentRef: the listeners it attaches to (or selects), else the Gateway. */
export function gatewayDefinition(lookup: Lookup, sym: GatewaySym): Place[] {
  if (sym.kind !== 'route-parent') return [];
  const a = attach(lookup, sym.resource, sym.ref);
  if (a.state === 'accepted') return a.listeners.map((x) => ({ file: x.owner.file, span: x.listener.name.span }));
  if (a.state === 'rejected')
    return a.selected.length
      ? a.selected.map((x) => ({ file: x.owner.file, span: x.listener.name.span }))
      : [{ file: a.parent.file, span: a.parent.nameSpan }];
  if (a.state === 'mesh' && a.service) return [{ file: a.service.file, span: a.service.nameSpan }];
  return [];
}

/** References of a listener (or of the listeners a parentRef attaches to): the parentRefs of the routes it takes. */
export function gatewayReferences(lookup: Lookup, sym: GatewaySym): (Place & { declaration: boolean })[] {
  const listeners: ListenerAt[] =
    sym.kind === 'gateway-listener'
      ? [{ owner: sym.resource, listener: sym.listener }]
      : (() => {
          const a = attach(lookup, sym.resource, sym.ref);
          return a.state === 'accepted' ? a.listeners : [];
        })();
  const out: (Place & { declaration: boolean })[] = [];
  for (const x of listeners) {
    out.push({ file: x.owner.file, span: x.listener.name.span, declaration: true });
    for (const r of routesOfListener(lookup, x.owner, x.listener)) {
      for (const ref of r.route?.parentRefs ?? []) {
        const a = attach(lookup, r, ref);
        if (a.state === 'accepted' && a.listeners.some((y) => y.listener === x.listener))
          out.push({ file: r.file, span: (ref.nameAt ?? ref).span, declaration: false });
      }
    }
  }
  return out;
}

/** One lens per listener of a Gateway or ListenerSet: "3 routes · HTTPS :443 *.example.com". */
export function listenerLenses(lookup: Lookup, r: Resource): { span: Span; title: string }[] {
  return (r.gateway?.listeners ?? []).map((l) => {
    const n = routesOfListener(lookup, r, l).length;
    const problems = listenerProblems(lookup, r, l);
    return {
      span: [l.span[0], l.span[0]],
      title: `${n} route${n === 1 ? '' : 's'} · ${describeListener(l)}${problems.length ? ` · ${problems.map((p) => p.reason).join(', ')}` : ''}`,
    };
  });
}

/** Completion entries for a parentRef's `name` (the Gateways of its namespace) or `sectionName` (the named Gateway's listeners). */
export function parentRefCompletions(
  lookup: Lookup,
  route: Resource,
  key: string,
  refName: string | undefined,
  refNs: string | undefined,
): { label: string; kind: 'reference'; detail: string; insertText: string }[] | undefined {
  const ns = refNs ?? route.namespace;
  if (ns === undefined) return undefined;
  const gateways = [...lookup.get('gwns', ns)];
  if (key === 'name') {
    return gateways
      .map((g) => ({
        label: g.name,
        kind: 'reference' as const,
        detail: `Gateway: ${(g.gateway?.listeners ?? []).map(describeListener).join('; ')}`,
        insertText: yamlScalar(g.name),
      }))
      .filter((e, i, all) => all.findIndex((x) => x.label === e.label) === i);
  }
  if (key === 'sectionName') {
    const g = gateways.find((x) => x.name === refName);
    return (g?.gateway?.listeners ?? []).map((l) => ({
      label: l.name.value,
      kind: 'reference' as const,
      detail: `listener ${describeListener(l)}`,
      insertText: yamlScalar(l.name.value),
    }));
  }
  return undefined;
}
