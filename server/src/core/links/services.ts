/**
 * How a Service reaches its Pods, and what the node-level port space holds. Shared by the
 * rules of "Services and their pods" / "Node-level ports", the language server's hover,
 * completion and the traffic-path builder: one definition of "which templates a Service
 * selects and where each of its ports lands", of a free nodePort, of a valid port name,
 * and of when the Pods may legitimately live outside the workspace.
 */
import type { Lookup } from '../index/lookup';
import { effectiveTargetPort, type ContainerPort, type PodTemplate, type Resource, type Service } from '../model/resource';
import { podsLiveElsewhere } from './network';
import { resolvePort } from './ports';
import { mayListenUndeclared } from './listening';
import { selectorKey, templatesForMap } from './selectors';
import { incompleteFragment, isRenderedUri } from '../sources/helm/unit';

/** Where one Service port lands in one pod template. */
export interface BackendPort {
  /** The effective targetPort (name or number); undefined when the port has neither port nor targetPort. */
  target: string | number | undefined;
  /** Container ports with that name/number and the Service port's protocol: where traffic arrives. */
  matches: ContainerPort[];
  /** Container ports with that name/number but another protocol: traffic does not arrive. */
  otherProtocol: ContainerPort[];
}

/** One pod template a Service selects, with the resolution of every Service port in it. */
export interface ServiceBackend {
  template: PodTemplate;
  /** In the order of the Service's `spec.ports`. */
  ports: BackendPort[];
}

/**
 * Whether a Service picks its Pods by selector: not ExternalName, and a non-empty
 * `spec.selector` (without one, endpoints are managed elsewhere and nothing is checked).
 * Headless Services with a selector do select Pods.
 */
export function selectsPods(svc: Service): boolean {
  return svc.type !== 'ExternalName' && svc.selector !== undefined && svc.selector.size > 0;
}

/**
 * The pod templates a Service selects in its own namespace (through the label table, so
 * the caller depends only on the labels involved), each with every Service port resolved
 * against the template's container ports (containers and native sidecars). Empty for
 * Services that select nothing by label (see `selectsPods`).
 */
export function serviceBackends(lookup: Lookup, r: Resource): readonly ServiceBackend[] {
  return lookup.once(r, 'backends', (l) => backendsOf(l, r));
}

/**
 * Services with the same selector and the same targets share one list (copies of a Service,
 * or thousands of Services over the same Pods): the work is per distinct selection, not per
 * Service × template. Shared for a check run through `once` on the namespace's template set.
 */
function backendsOf(lookup: Lookup, r: Resource): readonly ServiceBackend[] {
  const svc = r.service;
  if (!svc || r.namespace === undefined || !selectsPods(svc) || !svc.selector) return [];
  const ns = r.namespace;
  const selector = svc.selector;
  const targets = svc.ports.map((port) => ({ target: effectiveTargetPort(port)?.value, protocol: port.protocol }));
  const key = `backends\0${ns}\0${selectorKey(selector)}\0${targets.map((t) => `${typeof t.target}:${t.target}/${t.protocol}`).join('\0')}`;
  return lookup.shared(key, (l) =>
    templatesForMap(l, ns, selector).map((template) => ({
      template,
      ports: targets.map(({ target, protocol }) => {
        const res = target === undefined ? { matches: [], otherProtocol: [] } : resolvePort(template, target, protocol);
        return { target, ...res };
      }),
    })),
  );
}

/** "Deployment web" or "Deployment shop/web" when the namespace should be said. */
export function describeWorkload(r: Resource, withNamespace = false): string {
  return `${r.kind} ${withNamespace && r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name || '(unnamed)'}`;
}

/**
 * A nodePort in the configured range that no Service in the workspace uses: the one nearest
 * `preferNear` when it is in range, else nearest `lo + preferNear` (80 → 30080), else the
 * lowest. Ports in `avoid` are skipped too (other suggestions of the same fix). Each probe
 * is a table read, so the caller is re-checked when the suggested port gets taken.
 * Undefined when the range is full.
 */
export function freeNodePort(lookup: Lookup, preferNear?: number, avoid: ReadonlySet<number> = new Set()): number | undefined {
  const [lo, hi] = lookup.options.nodePortRange;
  if (!(lo <= hi)) return undefined;
  const free = (n: number): boolean => n >= lo && n <= hi && !avoid.has(n) && lookup.get('nodeport', n).size === 0;
  const start = preferredStart(preferNear, lo, hi);
  // Walk outwards from the start: start+1, start-1, start+2, …
  for (let d = 0; d <= hi - lo; d++) {
    if (d > 0 && free(start + d)) return start + d;
    if (free(start - d)) return start - d;
  }
  return undefined;
}

/** Where to start looking: the port itself in range, else `lo + port` (80 → 30080) when that fits. */
function preferredStart(n: number | undefined, lo: number, hi: number): number {
  if (n === undefined || !Number.isInteger(n)) return lo;
  if (n >= lo && n <= hi) return n;
  if (n > 0 && lo + n <= hi) return lo + n;
  if (n > 0 && lo + (n % 1000) <= hi) return lo + (n % 1000);
  return lo;
}

/**
 * Whether two resources are copies of one object: the same kind and name written twice, in
 * the same namespace or where one of them names none (it goes wherever it is applied: `kubectl
 * -n`, a Helm release) — per-environment overlays, a chart next to its plain manifests, an
 * "all in one" file next to its parts. Copies replace each other, so their node and host ports
 * do not conflict. The same name in two namespaces that both are written (in the object or by a
 * kustomization) is two objects: `staging/web` and `prod/web` run in the one cluster, the
 * classic staging/prod node-port clash.
 */
export function sameObject(a: Resource, b: Resource): boolean {
  if (a === b || a.kind !== b.kind || a.name !== b.name || a.name === '') return false;
  return a.namespace === b.namespace || a.namespaceFrom === 'default' || b.namespaceFrom === 'default';
}

/** "hostPort 80", or for a hostNetwork Pod's container port "port 80 (hostNetwork: a port of the node)". */
export function describeHostPort(cp: ContainerPort): string {
  return cp.hostPortImplied
    ? `containerPort ${cp.hostPort!.value} (hostNetwork: true, so a port of the node)`
    : `hostPort ${cp.hostPort!.value}`;
}

/** Whether two `hostIP`s overlap: empty, 0.0.0.0 and :: mean every address. */
export function hostIPsOverlap(a: string | undefined, b: string | undefined): boolean {
  const any = (ip: string | undefined): boolean => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

/** Why a name is not an IANA_SVC_NAME (Kubernetes' IsValidPortName), in its words. */
export function ianaNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]*$/.test(name)) out.push('must contain only lower-case letters, digits and hyphens (a-z, 0-9, -)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

/** Why a name is not a DNS label (RFC 1123), as Service port names must be. */
export function dnsLabelProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 63) out.push('must be no more than 63 characters');
  if (!/^[-a-z0-9]*$/.test(name)) out.push('must contain only lower-case letters, digits and hyphens (a-z, 0-9, -)');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must start and end with a letter or digit');
  return out;
}

/**
 * Backends grouped by object (kind, namespace, name): the same workload written in several
 * files (per-environment copies, kustomize bases and rendered bundles) is one set of Pods in
 * any real cluster, so a port counts as present when any copy declares it.
 */
export function groupCopies(backends: readonly ServiceBackend[]): ServiceBackend[][] {
  const groups: ServiceBackend[][] = [];
  // By name first (most groups have one member), then by kind and namespace.
  const byName = new Map<string, ServiceBackend[][]>();
  for (const b of backends) {
    const o = b.template.owner;
    if (o.name === '') {
      groups.push([b]);
      continue;
    }
    let named = byName.get(o.name);
    if (!named) byName.set(o.name, (named = []));
    const g = named.find((x) => x[0]!.template.owner.kind === o.kind && (x[0]!.template.owner.namespace ?? '') === (o.namespace ?? ''));
    if (g) g.push(b);
    else {
      named.push([b]);
      groups.push(named[named.length - 1]!);
    }
  }
  return groups;
}

/** A value that is a placeholder for a later substitution (`${PORT}`, `$(PORT)`, `{{ .port }}`), not a real value. */
export function isPlaceholder(v: string): boolean {
  return /\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}/.test(v);
}

/** Pod labels that controllers add at runtime, which no template shows. */
const runtimeLabelKeys = new Set([
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);
const runtimeLabelPrefixes = ['jobset.sigs.k8s.io/', 'leaderworkerset.sigs.k8s.io/'];

/**
 * Why the Pods a Service selects may exist although no template in the workspace has its
 * labels, or undefined when the workspace should hold them: the selector uses labels that
 * controllers set at runtime (pod-name, job-name, …); the Service sits in a Helm chart's
 * `templates/` folder, whose templated siblings are not indexed; or a selector value is the
 * name of a custom resource in the namespace (an operator makes Pods from it, like a
 * Prometheus `k8s` behind `app.kubernetes.io/instance: k8s`). Reads `cr:<ns>` only when
 * the first two do not apply.
 */
export function podsOutsideWorkspace(lookup: Lookup, r: Resource): string | undefined {
  const sel = r.service?.selector;
  if (!sel || r.namespace === undefined) return undefined;
  if (podsLiveElsewhere(lookup, r.namespace, sel)) return `namespace ${r.namespace} has no Pod templates in the workspace`;
  for (const k of sel.keys()) {
    if (runtimeLabelKeys.has(k) || runtimeLabelPrefixes.some((p) => k.startsWith(p))) return `label ${k} is set by a controller at runtime`;
  }
  if (r.file.uri.endsWith(incompleteFragment)) return "the Service's chart has dependencies that are not vendored under charts/";
  // A chart's templates are rendered (index/charts.ts); a templates/ file outside any chart may have templated siblings.
  if (/(^|\/)templates\//.test(r.file.path) && !isRenderedUri(r.file.uri)) return "the Service is part of a Helm chart's templates";
  const values = new Set([...sel.values()].map((v) => v.value));
  for (const o of lookup.get('cr', r.namespace)) {
    if (values.has(o.name)) return `${o.kind} ${o.name} (a custom resource) may create the Pods`;
  }
  return undefined;
}

/**
 * How Service port `i` fares in a group of copies of one workload: `match` (some copy
 * declares it with the Service port's protocol), `unknown` (a number, and a copy declares no
 * ports at all, so it may well listen there), `otherProtocol` (declared only with another
 * protocol), or `missing`.
 */
export function portStatus(lookup: Lookup, group: readonly ServiceBackend[], i: number): 'match' | 'unknown' | 'otherProtocol' | 'missing' {
  const ports = group.map((b) => b.ports[i]);
  if (ports.some((bp) => bp !== undefined && bp.matches.length > 0)) return 'match';
  const target = ports[0]?.target;
  if (typeof target === 'number' && group.some((b) => mayListenUndeclared(lookup, b.template, target))) return 'unknown';
  if (ports.some((bp) => bp !== undefined && bp.otherProtocol.length > 0)) return 'otherProtocol';
  return 'missing';
}
