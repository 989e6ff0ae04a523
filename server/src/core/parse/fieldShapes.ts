/**
 * The collections of the traffic path and the kind of YAML value each must hold (a list of
 * ports, a map of labels, a Pod template that is not null): what `field-type-invalid`
 * reports. In parse/ because parsing asks it too: a resource whose fields are wrong keeps its
 * tree, so the rule can point into it, where it would otherwise drop it (see parseFile).
 */
import { routeKinds } from '../model/resource';
import type { Span, YNode } from '../model/ytree';

/** A field holding the wrong kind of value: what to say, and where. */
export interface FieldProblem {
  message: string;
  span: Span;
}

/** What a field must hold; `required`: null (or empty) is wrong too. */
type Shape = { t: 'map'; fields?: Readonly<Record<string, Shape>>; required?: boolean } | { t: 'seq'; items?: Shape };

const map = (fields?: Record<string, Shape>, required = false): Shape => ({ t: 'map', fields, required });
const list = (items?: Shape): Shape => ({ t: 'seq', items });

const labelSelector = map({ matchLabels: map(), matchExpressions: list(map({ values: list() })) });
const container = map({ ports: list(map()), env: list(map()), args: list(), command: list() });
const podSpec = map({ containers: list(container), initContainers: list(container) });
const podTemplate = (required: boolean): Shape => map({ metadata: map({ labels: map() }), spec: podSpec }, required);
const metadata = map({ labels: map(), annotations: map() });
const workload = (selector: Shape): Shape => map({ spec: map({ selector, template: podTemplate(true) }) });
const networkPeer = list(map({ podSelector: labelSelector, namespaceSelector: labelSelector }));

const byKind: Readonly<Record<string, Shape>> = {
  Service: map({ spec: map({ selector: map(), ports: list(map()) }) }),
  Pod: map({ spec: podSpec }),
  Deployment: workload(labelSelector),
  ReplicaSet: workload(labelSelector),
  StatefulSet: workload(labelSelector),
  DaemonSet: workload(labelSelector),
  ReplicationController: workload(map()),
  Job: map({ spec: map({ selector: labelSelector, template: podTemplate(true) }) }),
  CronJob: map({ spec: map({ jobTemplate: map({ spec: map({ template: podTemplate(true) }, true) }, true) }) }),
  Ingress: map({
    spec: map({
      defaultBackend: map({ service: map({ port: map() }) }),
      rules: list(map({ http: map({ paths: list(map({ backend: map({ service: map({ port: map() }) }) })) }) })),
      tls: list(map({ hosts: list() })),
    }),
  }),
  NetworkPolicy: map({
    spec: map({
      podSelector: labelSelector,
      policyTypes: list(),
      ingress: list(map({ from: networkPeer, ports: list(map()) })),
      egress: list(map({ to: networkPeer, ports: list(map()) })),
    }),
  }),
  ConfigMap: map({ data: map(), binaryData: map() }),
  Secret: map({ data: map(), stringData: map() }),
};
const route = map({ spec: map({ parentRefs: list(map()), hostnames: list(), rules: list(map({ backendRefs: list(map()) })) }) });
const anyKind = map({ metadata });

/** The wrong-typed fields of a resource of `kind` (with a Pod template or not) whose tree is `root`. */
export function fieldProblems(kind: string, hasPodTemplate: boolean, root: YNode): FieldProblem[] {
  const out: FieldProblem[] = [];
  walk(kind, out, root, anyKind, '');
  const shape =
    byKind[kind] ?? (routeKinds.has(kind) ? route : hasPodTemplate ? map({ spec: map({ template: podTemplate(false) }) }) : undefined);
  if (shape) walk(kind, out, root, shape, '');
  return out;
}

function walk(kind: string, out: FieldProblem[], node: YNode, shape: Shape, path: string): void {
  const isNull = node.t === 'scalar' && node.value === null;
  if (isNull && !(shape.t === 'map' && shape.required)) return;
  if (node.t !== shape.t) {
    out.push({
      message: `${path || 'The document'} must be a ${shape.t === 'seq' ? 'list' : 'map'}, not ${describe(node)}. The API rejects the ${kind}.`,
      span: node.span,
    });
    return;
  }
  if (node.t === 'map' && shape.t === 'map' && shape.fields) {
    for (const [key, sub] of Object.entries(shape.fields)) {
      const p = node.pairs.get(key);
      if (!p) continue;
      // An empty value (`template:`) has no span of its own: point at the key.
      const value = p.value ?? { t: 'scalar' as const, value: null, quoted: false, span: p.keySpan };
      walk(kind, out, value, sub, path ? `${path}.${key}` : key);
    }
  } else if (node.t === 'seq' && shape.t === 'seq' && shape.items) {
    const items = shape.items;
    node.items.forEach((item, i) => walk(kind, out, item, items, `${path}[${i}]`));
  }
}

function describe(n: YNode): string {
  if (n.t === 'map') return 'a map';
  if (n.t === 'seq') return 'a list';
  if (n.value === null) return 'null';
  if (typeof n.value === 'string') return `the text ${JSON.stringify(n.value.length > 40 ? `${n.value.slice(0, 40)}…` : n.value)}`;
  return `the ${typeof n.value} ${String(n.value)}`;
}
