/**
 * The analysis model: files, resources and the typed views of the parts of a resource
 * that take part in a traffic path. Every value the rules point at keeps its file span.
 */
import type { Span, YMap, YNode, YScalar } from './ytree';

/** A value read from YAML with the span of its scalar (or of the key, when absent). */
export interface Located<T> {
  value: T;
  span: Span;
}

/** One indexed file. Offsets in spans refer to `text`. */
export interface SourceFile {
  uri: string;
  /** Path relative to the workspace root (forward slashes), for messages and the CLI. */
  path: string;
  text: string;
  version: number;
  resources: Resource[];
  /** File-level findings: YAML syntax errors, skipped files. */
  problems: FileProblem[];
  /** Why the file holds no resources, when it was left out on purpose. */
  excluded?: 'helm-template' | 'kustomize-patch' | 'not-kubernetes' | 'too-large' | 'binary';
  /** `# podpath-ignore-file <id>` rule ids. */
  ignoredRules: ReadonlySet<string>;
  /** Line → rule ids from `# podpath-ignore <id>` on the line above (0-based line of the reported line). */
  ignoredLines: ReadonlyMap<number, ReadonlySet<string>>;
  lineStarts?: Uint32Array;
  /** What the reader knew about the file's bytes, when it said more than the text. */
  facts?: FileFacts;
  /**
   * Set on the file of a kustomize build's objects (core/units/built.ts), which no one wrote:
   * its text is the texts of the files the objects came from, one after the other, each at
   * `base`. Every place in it is a place in one of them (`realPlace`).
   */
  segments?: readonly { file: SourceFile; base: number }[];
}

/** The suppressions of a file without any (most files): shared, never changed (parse/suppressions.ts makes a file its own). */
export const noIgnoredRules: ReadonlySet<string> = new Set();
export const noIgnoredLines: ReadonlyMap<number, ReadonlySet<string>> = new Map();

/** Where a place of a built objects' file really is: the file its text came from, and the span there. */
export function realPlace(file: SourceFile, span: Span): { file: SourceFile; span: Span } {
  const segs = file.segments;
  if (!segs) return { file, span };
  let i = segs.length - 1;
  while (i > 0 && segs[i]!.base > span[0]) i--;
  const seg = segs[i]!;
  const end = Math.min(span[1] - seg.base, seg.file.text.length);
  return { file: seg.file, span: [span[0] - seg.base, Math.max(end, span[0] - seg.base)] };
}

/** What the reader of a file knows that its text cannot say. */
export interface FileFacts {
  /** Size in bytes of a file left unread because it is over the size limit (its text is then ''). */
  unreadSize?: number;
  /** The bytes are not valid UTF-8: each bad sequence is a U+FFFD in the text. */
  invalidUtf8?: boolean;
}

export interface FileProblem {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  span: Span;
  /** Other places in the same file that explain it (the first of two equal keys). */
  related?: { span: Span; message: string }[];
}

export type ResourceRef = { kind: string; namespace: string | undefined; name: string };

export interface Resource {
  /** Unique within the index for its lifetime. */
  id: number;
  file: SourceFile;
  apiVersion: string;
  kind: string;
  name: string;
  nameSpan: Span;
  /** Effective namespace; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** Where the namespace comes from, for messages. */
  namespaceFrom: 'metadata' | 'kustomization' | 'default' | 'cluster';
  /** The whole document's span (or the List item's). */
  span: Span;
  /** The resource's root map; undefined for cheaply indexed kinds (no full tree kept). */
  root: YMap | undefined;
  labels: ReadonlyMap<string, string>;
  annotations: ReadonlyMap<string, string>;
  /** From the `podpath.dev/ignore` annotation. */
  ignoredRules: ReadonlySet<string>;
  podTemplate?: PodTemplate;
  service?: Service;
  ingress?: Ingress;
  route?: Route;
  /** A Gateway's or a ListenerSet's listeners (and a ListenerSet's parent Gateway). */
  gateway?: Gateway;
  /** A BackendTLSPolicy's targets and validation. */
  backendTLSPolicy?: BackendTLSPolicy;
  networkPolicy?: NetworkPolicy;
  referenceGrant?: ReferenceGrant;
  statefulSetServiceName?: Located<string>;
  /** cert-manager Certificate `spec.secretName`. */
  certificateSecretName?: string;
  dnsRefs: readonly DnsRef[];
  /** A ConfigMap's data values, read when it is parsed (it keeps no tree). */
  dataMentions?: Mentions;
}

/** Scalar texts (strings and numbers), to ask "does this name port N"; their maximal runs of digits are found on first use. */
export interface Mentions {
  texts: readonly string[];
  numbers?: Set<string>;
}

/** A pod template of a workload (or a bare Pod). */
export interface PodTemplate {
  owner: Resource;
  /** `metadata.labels` of the template (never the workload's own labels). */
  labels: Map<string, { value: string; keySpan: Span; valueSpan: Span }>;
  labelsNode: YNode | undefined;
  /** Span to point at when the template has no labels (its metadata or template key). */
  anchorSpan: Span;
  containers: Container[];
  /** Every container's ports, in order (templatePorts). */
  ports: readonly ContainerPort[];
  replicas: number | undefined;
  /** The workload's own `spec.selector` (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job). */
  workloadSelector?: LabelSelector;
  /** What its containers' args, command and env values mention, and the ConfigMaps it uses; filled on first use (links/listening.ts). */
  listening?: { mentions: Mentions; configMaps: Set<string> };
}

export interface Container {
  name: string;
  nameSpan: Span;
  /** Init containers count only when they are native sidecars (restartPolicy: Always). */
  init: boolean;
  ports: ContainerPort[];
  probes: Probe[];
  node: YMap;
}

export interface ContainerPort {
  container: Container;
  containerPort: Located<number> | undefined;
  /** The raw containerPort scalar when it is not a valid integer (e.g. "eighty"). */
  rawContainerPort?: YScalar;
  name: Located<string> | undefined;
  protocol: string;
  protocolSpan: Span | undefined;
  /** With `hostNetwork: true` and no hostPort written, the API defaults it to containerPort (then `hostPortImplied`, and its span is containerPort's). */
  hostPort: Located<number> | undefined;
  hostPortImplied?: boolean;
  hostIP: string | undefined;
  span: Span;
}

export interface Probe {
  kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe';
  handler: 'httpGet' | 'tcpSocket' | 'grpc';
  port: Located<string | number>;
}

export interface Service {
  type: string;
  typeSpan: Span | undefined;
  clusterIP: string | undefined;
  headless: boolean;
  externalName: string | undefined;
  externalTrafficPolicy: string | undefined;
  /** undefined: no selector (endpoints managed elsewhere); an empty map is also "no selector". */
  selector: Map<string, { value: string; keySpan: Span; valueSpan: Span }> | undefined;
  selectorSpan: Span | undefined;
  selectorKeySpan: Span | undefined;
  ports: ServicePort[];
  specSpan: Span;
}

export interface ServicePort {
  index: number;
  name: Located<string> | undefined;
  port: Located<number> | undefined;
  rawPort?: YScalar;
  /** The `targetPort` as written, if present. */
  targetPort: Located<string | number> | undefined;
  protocol: string;
  protocolSpan: Span | undefined;
  nodePort: Located<number> | undefined;
  span: Span;
}

/**
 * The effective targetPort: `targetPort` if set, else `port`; digit strings are numbers.
 * `targetPort: 0` and `targetPort: ""` count as unset, as the API defaults them to `port`.
 */
export function effectiveTargetPort(p: ServicePort): Located<string | number> | undefined {
  const t = p.targetPort;
  return t !== undefined && t.value !== 0 && t.value !== '' ? t : p.port;
}

export interface Ingress {
  ingressClassName: string | undefined;
  rules: IngressRule[];
  defaultBackend: IngressBackend | undefined;
  tls: IngressTls[];
}

export interface IngressRule {
  host: Located<string> | undefined;
  paths: { path: string; pathType: string | undefined; backend: IngressBackend; span: Span }[];
}

export interface IngressBackend {
  serviceName: Located<string>;
  portNumber: Located<number> | undefined;
  portName: Located<string> | undefined;
  /** The span of the port value (number or name), or of the backend when none. */
  portSpan: Span;
  /** true for the old `serviceName`/`servicePort` form. */
  legacy: boolean;
  span: Span;
}

export interface IngressTls {
  hosts: Located<string>[];
  secretName: Located<string> | undefined;
  span: Span;
}

export interface Route {
  hostnames: string[];
  /** The same hostnames with their spans. */
  hostnamesAt: Located<string>[];
  parentRefs: ParentRef[];
  rules: RouteRule[];
}

/** A route's (or ListenerSet's) `parentRefs[]` entry; group and kind defaulted as the API does. */
export interface ParentRef {
  name: string;
  namespace: string | undefined;
  sectionName: string | undefined;
  /** `gateway.networking.k8s.io` by default; `''` or `core` for a mesh route's Service. */
  group: string;
  /** `Gateway` by default; `Service` for a mesh (GAMMA) route; `ListenerSet`. */
  kind: string;
  port: Located<number> | undefined;
  nameAt: Located<string> | undefined;
  namespaceAt: Located<string> | undefined;
  sectionNameAt: Located<string> | undefined;
  span: Span;
}

/** A Gateway or ListenerSet: its listeners; for a Gateway its class and which ListenerSets it admits. */
export interface Gateway {
  className: Located<string> | undefined;
  listeners: Listener[];
  /** A ListenerSet's `spec.parentRef`. */
  parentRef?: ParentRef;
  /** A Gateway's `spec.allowedListeners.namespaces` (absent: no ListenerSet is admitted). */
  allowedListeners?: AllowedNamespaces;
}

/** `allowedRoutes.namespaces` (or `allowedListeners.namespaces`): `from` Same, All, Selector or None. */
export interface AllowedNamespaces {
  from: string;
  selector: LabelSelector | undefined;
  /** The `from` value's span, or the listener's when absent. */
  span: Span;
}

export interface Listener {
  name: Located<string>;
  port: Located<number> | undefined;
  /** As written (HTTP, HTTPS, TLS, TCP, UDP, or a domain-prefixed protocol). */
  protocol: Located<string> | undefined;
  hostname: Located<string> | undefined;
  /** `tls.mode`: Terminate by default when `tls` is present. */
  tlsMode: string | undefined;
  certificateRefs: { group: string; kind: string; name: Located<string>; namespace: Located<string> | undefined; span: Span }[];
  namespaces: AllowedNamespaces;
  /** `allowedRoutes.kinds`, undefined when absent (the protocol's default kinds). */
  kinds: { group: string; kind: string; span: Span }[] | undefined;
  /** Where `allowedRoutes` is, for quick fixes; undefined when absent. */
  allowedRoutesSpan: Span | undefined;
  span: Span;
}

/** A BackendTLSPolicy: the Services (and port names) it applies to and how the backend is validated. */
export interface BackendTLSPolicy {
  targets: { group: string; kind: string; name: Located<string>; sectionName: Located<string> | undefined; span: Span }[];
  hostname: Located<string> | undefined;
  caCertificateRefs: { kind: string; name: string }[];
  wellKnownCACertificates: string | undefined;
}

export interface RouteRule {
  /** A short plain-text summary of the matches (e.g. "PathPrefix /api"). */
  matchSummary: string;
  backendRefs: RouteBackendRef[];
}

export interface RouteBackendRef {
  group: string;
  kind: string;
  name: Located<string>;
  namespace: Located<string> | undefined;
  port: Located<number> | undefined;
  span: Span;
}

export interface LabelSelector {
  matchLabels: Map<string, { value: string; keySpan: Span; valueSpan: Span }>;
  matchExpressions: { key: string; operator: string; values: string[]; span: Span }[];
  span: Span;
  /** A selector whose content could not be read (wrong types): treat as unknown. */
  invalid?: boolean;
}

export interface NetworkPolicyPeer {
  podSelector: LabelSelector | undefined;
  namespaceSelector: LabelSelector | undefined;
  ipBlock: boolean;
  span: Span;
}

export interface NetworkPolicyPort {
  port: Located<string | number> | undefined;
  endPort: number | undefined;
  protocol: string;
  span: Span;
}

export interface NetworkPolicyRule {
  /** Empty `from`/`to` (or absent) means every source/destination. */
  peers: NetworkPolicyPeer[] | undefined;
  /** Absent means every port. */
  ports: NetworkPolicyPort[] | undefined;
  span: Span;
}

export interface NetworkPolicy {
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
  /** Whether the policy isolates the selected pods for ingress. */
  isolatesIngress: boolean;
}

export interface ReferenceGrant {
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name: string | undefined }[];
}

/** A host name that may name a Service, found in env values, args, command or ConfigMap data. */
export interface DnsRef {
  /** The Service name and namespace it names (namespace resolved for short forms). */
  service: string;
  namespace: string;
  /** Whether the name was fully qualified (`…svc` or `…svc.<domain>`). */
  qualified: boolean;
  port: number | undefined;
  /** Span of the host name (and port) inside the scalar. */
  span: Span;
  portSpan: Span | undefined;
  /** The whole text the reference was found in, for messages. */
  text: string;
  /** Where it was found: `env FOO of container app`, `ConfigMap data key config.yaml`. */
  where: string;
}

export { clusterScopedKinds, gatewayKinds, isCustomResource, routeKinds } from './kinds';
