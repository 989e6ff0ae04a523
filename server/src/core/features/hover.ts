/**
 * Hover that teaches: for the value under the cursor, where traffic goes from there (or
 * comes from), with file:line links, and a line on the concept where it helps. Returns
 * Markdown; names from YAML only ever appear inside code spans.
 */
import type { Lookup } from '../index/lookup';
import { nsName, type ServiceUser } from '../index/tables';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { lineAt } from '../model/positions';
import {
  effectiveTargetPort,
  realPlace,
  type ContainerPort,
  type PodTemplate,
  type Resource,
  type ServicePort,
  type SourceFile,
} from '../model/resource';
import type { Span } from '../model/ytree';
import { describeServicePort, ingressVerdict, policiesSelecting, resolveDnsRef } from '../links/network';
import { closestTemplate } from '../links/selectors';
import { describeWorkload, selectsPods, serviceBackends } from '../links/services';
import { templatePorts } from '../parse/extractWorkload';
import { isRenderedUri } from '../sources/helm/unit';
import { chartHoverAt, mapRenderedLinks } from './chartHover';
import { symbolAt, type Sym } from './cursor';
import { gatewayHover } from './gateway';
import { builtHover } from './builtHover';
import { backendOf, portsNamed, portTargets, selectorTemplates, serviceNamed, servicesSelecting } from './definition';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const concept = {
  ports:
    '_`port` is what clients of the Service connect to; kube-proxy forwards it to `targetPort` on a selected Pod, which must match a `containerPort` (by number, or by its `name`)._',
  nodePort:
    '_A NodePort opens the same port on every node; kube-proxy forwards it to the Service port and on to a Pod, on any node unless `externalTrafficPolicy: Local`._',
  headless:
    "_Headless (`clusterIP: None`): DNS returns the Pod IPs themselves, so clients connect straight to the Pods' ports — no kube-proxy, no port remapping._",
  externalName: '_ExternalName: DNS answers with a CNAME to `externalName`; there are no Pods, ports are not remapped._',
  labels: '_A Service or NetworkPolicy selects Pods by these labels; a selector matches when every one of its pairs is among them._',
  hostPort:
    '_A hostPort maps a port of the node that runs the Pod straight to the container, past Services and kube-proxy: only one Pod per node can hold it, and clients must know which node that is. A NodePort Service is usually the better way in._',
};

/** The hover for the position, or undefined where nothing links. */
export function hoverAt(index: WorkspaceIndex, file: SourceFile, offset: number): HoverResult | undefined {
  const charts = index.charts.count > 0;
  // A Helm chart's template or values file: the rendered value, its chain, and the rendered field's hover.
  const chart = charts && !isRenderedUri(file.uri) ? chartHoverAt(index, file, offset, (f, o) => hoverAt(index, f, o)) : undefined;
  if (chart) return chart;
  // A file a kustomize build reads: what each unit built of it, not the file as written.
  if (index.builtAt(file).length) return builtHover(index, file, offset);
  const sym = symbolAt(file, offset);
  if (!sym) return undefined;
  const md = hoverOf(index.lookup({ uri: file.uri }), sym);
  return md ? { markdown: charts ? mapRenderedLinks(index, md) : md, span: sym.span } : undefined;
}

/** Markdown for a symbol. */
export function hoverOf(lookup: Lookup, sym: Sym): string | undefined {
  switch (sym.kind) {
    case 'route-parent':
    case 'gateway-listener':
      return gatewayHover(lookup, sym);
    case 'target-port':
      return [
        `**targetPort ${code(String(sym.port.targetPort?.value))}** of Service ${code(sym.resource.name)}`,
        targetLines(lookup, sym.resource, sym.port),
        concept.ports,
      ].join('\n\n');
    case 'service-port':
      return servicePortHover(lookup, sym.resource, sym.port);
    case 'node-port':
      return nodePortHover(lookup, sym.resource, sym.port);
    case 'service-name':
      return serviceSummary(lookup, sym.resource);
    case 'service-selector':
    case 'service-selector-block':
      return selectorHover(lookup, sym.resource);
    case 'label-selector': {
      const templates = selectorTemplates(lookup, sym.resource, sym.selector, sym.role);
      const what = sym.role === 'workload' ? 'The workload selector' : sym.role === 'policy' ? 'The policy applies to' : 'This peer admits';
      const none =
        sym.role === 'workload'
          ? "does not match the workload's own Pod template labels: the API rejects it."
          : 'matches no pod template in the namespace.';
      return [
        `**${what}** — ${templates.length ? `${count(templates.length, 'pod template')}:` : none}`,
        ...templates.map((pt) => `- ${templateLine(pt)}`),
      ].join('\n');
    }
    case 'pod-label':
    case 'workload-name':
      return reachersHover(lookup, sym.template, undefined);
    case 'container-port':
      return [
        `**containerPort ${code(describePort(sym.port))}** in container ${code(sym.port.container.name)}`,
        reachersHover(lookup, sym.template, sym.port),
      ].join('\n\n');
    case 'host-port':
      return hostPortHover(lookup, sym.template, sym.port);
    case 'probe-port': {
      const v = sym.probe.port.value;
      const ports = portsNamed(sym.container.ports, v);
      const head = `**${sym.probe.kind}** (${sym.probe.handler}) on port ${code(String(v))}`;
      if (ports.length)
        return `${head} → ${ports.map((cp) => `containerPort ${code(describePort(cp))} — ${link(sym.resource, cp.span)}`).join(', ')}`;
      return `${head}\n\n${typeof v === 'string' ? `Container ${code(sym.container.name)} declares no port named ${code(v)}: the kubelet cannot run this probe.` : 'The kubelet probes this port number directly; the container does not declare it.'}`;
    }
    case 'policy-port': {
      const v = sym.port.port?.value;
      const np = sym.resource.networkPolicy;
      if (v === undefined || !np) return undefined;
      const hits = selectorTemplates(lookup, sym.resource, np.podSelector, 'policy').flatMap((pt) =>
        portsNamed(templatePorts(pt), v, sym.port.protocol).map((cp) => ({ pt, cp })),
      );
      const head = `**NetworkPolicy port ${code(String(v))}/${sym.port.protocol}** of ${code(sym.resource.name)}`;
      return hits.length
        ? [
            head,
            ...hits.map(({ pt, cp }) => `- ${code(describePort(cp))} in container ${code(cp.container.name)} of ${templateLine(pt)}`),
          ].join('\n')
        : `${head}\n\nNo Pod this policy selects declares that port.`;
    }
    case 'ingress-service':
    case 'ingress-port':
    case 'route-service':
    case 'route-port': {
      const { ns, name, service, port } = backendOf(lookup, sym);
      const wanted =
        sym.kind === 'ingress-service' || sym.kind === 'ingress-port'
          ? (sym.backend.portNumber?.value ?? sym.backend.portName?.value)
          : sym.ref.port?.value;
      return backendHover(lookup, `Backend ${code(name)}`, ns, name, service, port, wanted);
    }
    case 'dns-ref': {
      const res = resolveDnsRef(lookup, sym.ref);
      const written = `${sym.ref.service}.${sym.ref.namespace}${sym.ref.port !== undefined ? `:${sym.ref.port}` : ''}`;
      const head = `DNS reference ${code(written)} (${plain(sym.ref.where)})`;
      if (!res) return `**${head}**\n\nNo Service ${code(sym.ref.service)} in namespace ${code(sym.ref.namespace)} in the workspace.`;
      const port =
        res.servicePort ??
        (sym.ref.port === undefined && res.service.service?.ports.length === 1 ? res.service.service.ports[0] : undefined);
      return backendHover(
        lookup,
        head,
        sym.ref.namespace,
        sym.ref.service,
        res.service,
        sym.ref.port !== undefined && !res.servicePort ? undefined : port,
        sym.ref.port,
      );
    }
    case 'statefulset-service': {
      const svc = serviceNamed(lookup, sym.resource.namespace ?? '', sym.resource.statefulSetServiceName?.value ?? '');
      if (!svc)
        return `**serviceName** — no Service ${code(sym.resource.statefulSetServiceName?.value ?? '')} in the namespace: Pods get no stable DNS names.`;
      return `**serviceName** → Service ${code(svc.name)} — ${link(svc, svc.nameSpan)}\n\n${svc.service?.headless ? 'Headless: each Pod gets a stable DNS name `<pod>.' + svc.name + '.' + (svc.namespace ?? '') + '.svc`.' : 'Not headless (`clusterIP: None`): Pods get no per-Pod DNS names through it.'}`;
    }
    case 'tls-secret': {
      const name = sym.tls.secretName?.value ?? '';
      const key = sym.resource.namespace === undefined ? undefined : nsName(sym.resource.namespace, name);
      const found = key === undefined ? [] : [...lookup.get('secret', key)];
      if (found.length) return `**TLS Secret** ${code(name)} — ${link(found[0]!, found[0]!.nameSpan)}`;
      // ingress-tls-secret-not-found is silent for a Secret that a cert-manager Certificate creates: say which.
      const cert = key === undefined ? undefined : [...lookup.get('cert', key)][0];
      if (cert)
        return `**TLS Secret** ${code(name)} — created by cert-manager Certificate ${code(cert.name)} — ${link(cert, cert.nameSpan)}`;
      return `**TLS Secret** ${code(name)} — not in the workspace (cert-manager or another tool may create it).`;
    }
  }
}

function servicePortHover(lookup: Lookup, r: Resource, p: ServicePort): string {
  const s = r.service!;
  const addr = `${r.name}.${r.namespace ?? ''}.svc.${lookup.options.clusterDomain}:${p.port?.value ?? '?'}`;
  const lines = [
    `**Service port ${code(describeServicePort(p))}** — in-cluster address ${code(addr)}${p.protocol !== 'TCP' ? ` (${p.protocol})` : ''}`,
  ];
  if (s.type === 'ExternalName') return [...lines, `Resolves to ${code(s.externalName ?? '?')}.`, concept.externalName].join('\n\n');
  if (p.nodePort)
    lines.push(
      `Also ${code(`<NodeIP>:${p.nodePort.value}`)} on every node${s.type === 'LoadBalancer' ? ', behind the cloud load balancer' : ''}.`,
    );
  lines.push(targetLines(lookup, r, p));
  lines.push(s.headless ? concept.headless : concept.ports);
  return lines.join('\n\n');
}

function nodePortHover(lookup: Lookup, r: Resource, p: ServicePort): string {
  const s = r.service!;
  const t = effectiveTargetPort(p)?.value;
  const [lo, hi] = lookup.options.nodePortRange;
  const n = p.nodePort!.value;
  const lines = [
    `**nodePort** — ${code(`<NodeIP>:${n}`)} on every node → port ${code(String(p.port?.value ?? '?'))} → targetPort ${code(String(t ?? '?'))}`,
  ];
  if (n < lo || n > hi) lines.push(`${n} is outside the node-port range ${lo}-${hi}: the API server rejects it.`);
  if (s.externalTrafficPolicy === 'Local')
    lines.push('`externalTrafficPolicy: Local`: a node answers only if it runs a selected Pod; the client source IP is kept.');
  lines.push(targetLines(lookup, r, p), concept.nodePort);
  return lines.join('\n\n');
}

/** "Reaches …" lines for one Service port, or why it reaches nothing. */
function targetLines(lookup: Lookup, r: Resource, p: ServicePort): string {
  const s = r.service!;
  const target = effectiveTargetPort(p)?.value;
  if (!selectsPods(s))
    return s.type === 'ExternalName'
      ? concept.externalName
      : 'This Service has no selector: its endpoints are managed elsewhere (an EndpointSlice or a controller).';
  const targets = portTargets(lookup, r, p);
  const ok = targets.filter((t) => !t.otherProtocol);
  if (ok.length)
    return [
      'Reaches:',
      ...ok.map(
        (t) => `- ${code(describePort(t.port))} in container ${code(t.port.container.name)} of ${templateLine(t.template, t.port.span)}`,
      ),
    ].join('\n');
  const backends = serviceBackends(lookup, r);
  if (!backends.length) return `Reaches no Pod: ${noMatchWhy(lookup, r)}`;
  if (targets.length)
    return `Reaches nothing: the matching ports use another protocol (${targets.map((t) => code(describePort(t.port))).join(', ')}), the Service port is ${p.protocol}.`;
  const declared = backends.map(
    (b) =>
      `${templateLine(b.template)} declares ${
        templatePorts(b.template)
          .map((cp) => code(describePort(cp)))
          .join(', ') || 'no ports'
      }`,
  );
  const why =
    typeof target === 'string'
      ? `no container port is named ${code(target)}`
      : `no container declares containerPort ${code(String(target))}`;
  return [`Reaches no container port: ${why}.`, ...declared.map((d) => `- ${d}`)].join('\n');
}

/** Why a Service's selector matches nothing: the closest template and the differing labels. */
function noMatchWhy(lookup: Lookup, r: Resource): string {
  const sel = r.service?.selector;
  if (!sel || r.namespace === undefined) return 'it has no selector.';
  const closest = closestTemplate(lookup, r.namespace, sel);
  if (!closest) return `namespace ${code(r.namespace)} has no pod template sharing these labels.`;
  const diff = closest.differing
    .map((d) => `${code(`${d.key}=${d.want}`)} (${d.have === undefined ? 'missing' : `has ${code(d.have)}`})`)
    .join(', ');
  return `the selector matches no pod template. Closest: ${templateLine(closest.template)}, which differs in ${diff}.`;
}

function selectorHover(lookup: Lookup, r: Resource): string {
  const backends = serviceBackends(lookup, r);
  const head = `**Selector of Service ${code(r.name)}**`;
  if (!backends.length) return `${head} — matches nothing: ${noMatchWhy(lookup, r)}`;
  return [`${head} — matches ${count(backends.length, 'pod template')}:`, ...backends.map((b) => `- ${templateLine(b.template)}`)].join(
    '\n',
  );
}

function serviceSummary(lookup: Lookup, r: Resource): string {
  const s = r.service!;
  const lines = [
    `**Service ${code(r.name)}** (${s.type}${s.headless ? ', headless' : ''}) — ${code(`${r.name}.${r.namespace ?? ''}.svc.${lookup.options.clusterDomain}`)}`,
  ];
  for (const p of s.ports)
    lines.push(
      `- port ${code(describeServicePort(p))} → targetPort ${code(String(effectiveTargetPort(p)?.value ?? '?'))}${p.nodePort ? `, nodePort ${code(String(p.nodePort.value))}` : ''}`,
    );
  const users = r.namespace === undefined ? [] : [...lookup.get('users', nsName(r.namespace, r.name))];
  if (users.length)
    lines.push(
      '',
      `Named by ${users
        .map((u) => `${u.resource.kind} ${code(u.resource.name)}`)
        .filter(unique)
        .join(', ')}.`,
    );
  if (s.headless) lines.push('', concept.headless);
  return lines.join('\n');
}

/** A hostPort: the node's port, the container port behind it, and the other Pod templates that want it too. */
function hostPortHover(lookup: Lookup, pt: PodTemplate, cp: ContainerPort): string {
  const hp = cp.hostPort!.value;
  const where = code(`${cp.hostIP || '<NodeIP>'}:${hp}`);
  const lines = [
    `**hostPort ${hp}/${cp.protocol}** — ${where} on the node that runs each Pod of ${templateLine(pt)} → container ${code(cp.container.name)} port ${code(describePort(cp))}`,
  ];
  const others = [...lookup.get('hostport', `${hp}/${cp.protocol}`)].filter((u) => u.template !== pt);
  if (others.length)
    lines.push(`Also wanted by: ${others.map((u) => templateLine(u.template)).join(', ')} — a Pod of each cannot share a node.`);
  lines.push(concept.hostPort);
  return lines.join('\n\n');
}

/** Who reaches a pod template (or one of its ports): Services, their Ingresses/routes/DNS users, NetworkPolicies. */
function reachersHover(lookup: Lookup, pt: PodTemplate, cp: ContainerPort | undefined): string {
  const lines: string[] = [];
  const services = servicesSelecting(lookup, pt);
  const via: string[] = [];
  for (const svc of services) {
    const ports = svc.service!.ports.filter((p) => !cp || portTargets(lookup, svc, p).some((t) => t.port === cp && !t.otherProtocol));
    if (cp && !ports.length) continue;
    lines.push(
      `- Service ${code(svc.name)}${ports.length ? ` port ${ports.map((p) => code(describeServicePort(p))).join(', ')}` : ''} — ${link(svc, svc.nameSpan)}`,
    );
    for (const u of lookup.get('users', nsName(svc.namespace ?? '', svc.name))) {
      // Only the users whose port is one of these (a DNS name without a port may use any).
      const port = userPort(u);
      if (port !== undefined && !ports.some((p) => (typeof port === 'number' ? p.port?.value === port : p.name?.value === port))) continue;
      if (u.via === 'ingress')
        via.push(`Ingress ${code(u.resource.name)} (${code(`${u.host ?? '*'}${u.path ?? ''}`)}) → ${code(svc.name)}`);
      else if (u.via === 'route') via.push(`${u.resource.kind} ${code(u.resource.name)} → ${code(svc.name)}`);
      else if (u.via === 'dns')
        via.push(`DNS reference in ${u.resource.kind} ${code(u.resource.name)} (${plain(u.ref.where)}) → ${code(svc.name)}`);
    }
  }
  const head = `**Who reaches ${cp ? 'this port' : `${describeWorkload(pt.owner)}'s Pods`}**`;
  const out = [
    lines.length ? `${head}:\n${lines.join('\n')}` : `${head}: no Service ${cp ? 'forwards to this port' : 'selects these Pods'}.`,
  ];
  if (via.length) out.push(['Through:', ...via.filter(unique).map((v) => `- ${v}`)].join('\n'));
  const policies = policiesSelecting(lookup, pt);
  if (cp) {
    const v = ingressVerdict(lookup, pt, cp);
    if (v.isolated)
      out.push(
        v.allowedBy.length
          ? `NetworkPolicy ${v.allowedBy
              .map((a) => code(a.policy.name))
              .filter(unique)
              .join(', ')} admits traffic to this port.`
          : `Blocked: NetworkPolicy ${v.blockingPolicies.map((p) => code(p.name)).join(', ')} isolates these Pods and admits nothing on this port.`,
      );
  } else if (policies.length) out.push(`NetworkPolicies selecting these Pods: ${policies.map((p) => code(p.name)).join(', ')}.`);
  if (!cp) out.push(concept.labels);
  return out.join('\n\n');
}

/** The Service port an Ingress backend, route or DNS reference names, if it names one. */
function userPort(u: ServiceUser): number | string | undefined {
  if (u.via === 'ingress') return u.backend.portNumber?.value ?? u.backend.portName?.value;
  if (u.via === 'route') return u.ref.port?.value;
  if (u.via === 'dns') return u.ref.port;
  return undefined;
}

function backendHover(
  lookup: Lookup,
  head: string,
  ns: string,
  name: string,
  service: Resource | undefined,
  port: ServicePort | undefined,
  wantedPort?: number | string,
): string {
  if (!service) return `**${head}**\n\nNo Service ${code(name)} in namespace ${code(ns)} in the workspace.`;
  const lines = [`**${head}** → Service ${code(service.name)} — ${link(service, service.nameSpan)}`];
  if (port) {
    lines.push(`Port ${code(describeServicePort(port))} → targetPort ${code(String(effectiveTargetPort(port)?.value ?? '?'))}`);
    lines.push(targetLines(lookup, service, port));
  } else {
    const ports = service.service?.ports.map((p) => code(describeServicePort(p))).join(', ') || 'none';
    lines.push(
      wantedPort !== undefined ? `The Service has no port ${code(String(wantedPort))}; its ports: ${ports}.` : `Service ports: ${ports}.`,
    );
  }
  return lines.join('\n\n');
}

function templateLine(pt: PodTemplate, span?: Span): string {
  const r = pt.owner;
  const replicas = r.kind === 'DaemonSet' ? ' (one per node)' : ` ×${pt.replicas ?? 1}`;
  return `${r.kind} ${code(r.name)}${replicas} — ${link(r, span ?? r.nameSpan)}`;
}

function describePort(cp: ContainerPort): string {
  return `${cp.containerPort?.value ?? '?'}/${cp.protocol}${cp.name ? ` (${cp.name.value})` : ''}`;
}

/** A Markdown link to a place: `path:line`. */
export function link(r: Resource, span: Span): string {
  const at = realPlace(r.file, span);
  const line = lineAt(at.file, at.span[0]) + 1;
  return `[${plain(at.file.path)}:${line}](${at.file.uri}#L${line})`;
}

/** Text from the workspace (a path, an env var name) that Markdown must show as written: no emphasis, no link. */
export function plain(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>~]/g, '\\$&');
}

/** A code span that cannot be broken out of. */
export function code(s: string): string {
  const t = s.replace(/[\r\n]+/g, ' ');
  return t.includes('`') ? `\`\` ${t.replace(/`{2,}/g, '`')} \`\`` : `\`${t}\``;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function unique<T>(v: T, i: number, all: T[]): boolean {
  return all.indexOf(v) === i;
}
