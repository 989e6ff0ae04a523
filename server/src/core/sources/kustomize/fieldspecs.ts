/**
 * Field specs: where kustomize's builtin transformers look in an object (kustomize's default
 * transformer configuration, written here as data), and the walk that finds those fields.
 * A spec's path is `/`-separated; a segment that meets a sequence goes into every item.
 */
import { newMap, setPair } from './nodes';
import type { BMap, BNode, Place } from './types';

export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string[];
  create: boolean;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function splitPath(p: string): string[] {
  // `\/` escapes a slash inside a segment (an annotation key).
  return p.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
}

/** `Kind[.group[.version]]|path|c` lines: `c` marks create. */
function specs(lines: string): FieldSpec[] {
  return lines
    .trim()
    .split(/\s+/)
    .map((l) => {
      const [target, path, create] = l.split('|');
      const [kind, group, version] = (target ?? '').split(',');
      return {
        ...(kind ? { kind } : {}),
        ...(group ? { group } : {}),
        ...(version ? { version } : {}),
        path: splitPath(path!),
        create: create === 'c',
      };
    });
}

const workloadsTemplate = 'Deployment ReplicaSet DaemonSet StatefulSet,apps Job,batch';

const metadataLabels = specs(`
  |metadata/labels|c
  ReplicationController,,v1|spec/template/metadata/labels|c
  ${workloadsTemplate
    .split(' ')
    .map((k) => `${k}|spec/template/metadata/labels|c`)
    .join(' ')}
  StatefulSet,apps|spec/volumeClaimTemplates[]/metadata/labels|c
  CronJob,batch|spec/jobTemplate/metadata/labels|c
  CronJob,batch|spec/jobTemplate/spec/template/metadata/labels|c
`);

const affinity = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution',
]
  .map((a) => `spec/template/spec/affinity/${a}/labelSelector/matchLabels`)
  .concat('spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels');

const inContainers = (prefix: string): string[] =>
  ['containers', 'initContainers'].flatMap((c) =>
    ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((f) => `${prefix}/${c}/${f}`),
  );

/** Where `$(VAR)` of `vars:` is replaced (kustomize's varReference). */
const varReference = specs(
  [
    ...['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'StatefulSet'].flatMap((k) =>
      [...inContainers('spec/template/spec'), 'spec/template/spec/volumes/nfs/server'].map((p) => `${k}|${p}|`),
    ),
    ...[...inContainers('spec/jobTemplate/spec/template/spec'), 'spec/jobTemplate/spec/template/volumes/nfs/server'].map(
      (p) => `CronJob|${p}|`,
    ),
    ...[...inContainers('spec'), 'spec/volumes/nfs/server'].map((p) => `Pod|${p}|`),
    'Deployment|spec/template/metadata/annotations|',
    'Ingress|spec/rules/host|',
    'Ingress|spec/tls/hosts|',
    'Ingress|spec/tls/secretName|',
    'Service|spec/ports/port|',
    'Service|spec/ports/targetPort|',
    'StatefulSet|spec/volumeClaimTemplates/spec/nfs/server|',
    'PersistentVolume|spec/nfs/server|',
    '|metadata/labels|',
    '|metadata/annotations|',
  ].join(' '),
);

export const defaultConfig = {
  commonLabels: specs(`
    Service,,v1|spec/selector|c ReplicationController,,v1|spec/selector|c Deployment|spec/selector/matchLabels|c
    ${affinity.map((p) => `Deployment,apps|${p}|`).join(' ')}
    ReplicaSet|spec/selector/matchLabels|c DaemonSet|spec/selector/matchLabels|c StatefulSet,apps|spec/selector/matchLabels|c
    ${affinity.map((p) => `StatefulSet,apps|${p}|`).join(' ')}
    Job,batch|spec/selector/matchLabels| CronJob,batch|spec/jobTemplate/spec/selector/matchLabels|
    PodDisruptionBudget,policy|spec/selector/matchLabels| NetworkPolicy,networking.k8s.io|spec/podSelector/matchLabels|
    NetworkPolicy,networking.k8s.io|spec/ingress/from/podSelector/matchLabels| NetworkPolicy,networking.k8s.io|spec/egress/to/podSelector/matchLabels|
  `).concat(metadataLabels),
  templateLabels: metadataLabels,
  commonAnnotations: specs(`
    |metadata/annotations|c ReplicationController,,v1|spec/template/metadata/annotations|c
    Deployment|spec/template/metadata/annotations|c ReplicaSet|spec/template/metadata/annotations|c DaemonSet|spec/template/metadata/annotations|c
    StatefulSet|spec/template/metadata/annotations|c Job,batch|spec/template/metadata/annotations|c
    CronJob,batch|spec/jobTemplate/metadata/annotations|c CronJob,batch|spec/jobTemplate/spec/template/metadata/annotations|c
  `),
  images: specs(
    '|spec/containers[]/image|c |spec/initContainers[]/image|c |spec/template/spec/containers[]/image|c |spec/template/spec/initContainers[]/image|c',
  ),
  replicas: specs(
    'Deployment|spec/replicas|c ReplicationController|spec/replicas|c ReplicaSet|spec/replicas|c StatefulSet|spec/replicas|c',
  ),
  namespace: specs(
    'Namespace,,v1|metadata/name|c APIService,apiregistration.k8s.io|spec/service/namespace|c CustomResourceDefinition,apiextensions.k8s.io|spec/conversion/webhook/clientConfig/service/namespace|',
  ),
  varReference,
  namePrefix: specs('|metadata/name|'),
  nameSuffix: specs('|metadata/name|'),
};

export type ConfigKey = keyof typeof defaultConfig;

/** A referent kind and the fields of other kinds that hold its name (kustomize's nameReference). */
export interface NameRef {
  kind: string;
  group?: string;
  refs: FieldSpec[];
}

const podSpecAt: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template/spec',
  Deployment: 'spec/template/spec',
  ReplicaSet: 'spec/template/spec',
  DaemonSet: 'spec/template/spec',
  StatefulSet: 'spec/template/spec',
  Job: 'spec/template/spec',
  CronJob: 'spec/jobTemplate/spec/template/spec',
  ReplicationController: 'spec/template/spec',
};

function inPods(kinds: string, paths: string[]): string {
  return kinds
    .split(' ')
    .flatMap((k) => paths.map((p) => `${k}|${podSpecAt[k]}/${p}|`))
    .join(' ');
}

const podKinds = 'Pod PodTemplate Deployment ReplicaSet DaemonSet StatefulSet Job CronJob';
const ownerKinds = 'Pod StatefulSet Deployment ReplicationController CronJob Job DaemonSet';
const containers = (ref: string, key: string): string[] =>
  ['containers', 'initContainers'].flatMap((c) => [`${c}/env/valueFrom/${ref}KeyRef/name`, `${c}/envFrom/${key}/name`]);

export const nameReferences: NameRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    refs: specs('HorizontalPodAutoscaler|spec/scaleTargetRef/name|'),
  })),
  {
    kind: 'ConfigMap',
    refs: specs(`${inPods(podKinds, ['volumes/configMap/name', ...containers('configMap', 'configMapRef'), 'volumes/projected/sources/configMap/name'])}
    Node|spec/configSource/configMap| Role|rules/resourceNames| ClusterRole|rules/resourceNames| Ingress|metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap|`),
  },
  {
    kind: 'Secret',
    refs: specs(`${inPods(podKinds, ['volumes/secret/secretName', ...containers('secret', 'secretRef'), 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'])}
    Ingress|spec/tls/secretName| Ingress|metadata/annotations/ingress.kubernetes.io\\/auth-secret| Ingress|metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret|
    Ingress|metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret| ServiceAccount|imagePullSecrets/name| StorageClass|parameters/secretName|
    StorageClass|parameters/adminSecretName| StorageClass|parameters/userSecretName| StorageClass|parameters/secretRef| Role|rules/resourceNames| ClusterRole|rules/resourceNames|
    Service,serving.knative.dev,v1|spec/template/spec/containers/env/valueFrom/secretKeyRef/name| PersistentVolume|spec/azureFile/secretName|`),
  },
  {
    kind: 'Service',
    refs: specs(`StatefulSet,apps|spec/serviceName| Ingress|spec/rules/http/paths/backend/serviceName| Ingress|spec/backend/serviceName|
    Ingress|spec/rules/http/paths/backend/service/name| Ingress|spec/defaultBackend/service/name| APIService,apiregistration.k8s.io|spec/service/name|
    ValidatingWebhookConfiguration,admissionregistration.k8s.io|webhooks/clientConfig/service| MutatingWebhookConfiguration,admissionregistration.k8s.io|webhooks/clientConfig/service|`),
  },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', refs: specs('RoleBinding,rbac.authorization.k8s.io|roleRef/name|') },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    refs: specs('RoleBinding,rbac.authorization.k8s.io|roleRef/name| ClusterRoleBinding,rbac.authorization.k8s.io|roleRef/name|'),
  },
  {
    kind: 'ServiceAccount',
    refs: specs(
      `RoleBinding,rbac.authorization.k8s.io|subjects| ClusterRoleBinding,rbac.authorization.k8s.io|subjects| ${inPods(ownerKinds, ['serviceAccountName'])}`,
    ),
  },
  { kind: 'PersistentVolumeClaim', refs: specs(inPods(ownerKinds, ['volumes/persistentVolumeClaim/claimName'])) },
  { kind: 'PersistentVolume', refs: specs('PersistentVolumeClaim|spec/volumeName| ClusterRole|rules/resourceNames|') },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    refs: specs(
      'PersistentVolume|spec/storageClassName| PersistentVolumeClaim|spec/storageClassName| StatefulSet|spec/volumeClaimTemplates/spec/storageClassName|',
    ),
  },
  { kind: 'PriorityClass', group: 'scheduling.k8s.io', refs: specs(inPods(ownerKinds, ['priorityClassName'])) },
  { kind: 'IngressClass', refs: specs('Ingress|spec/ingressClassName|') },
  {
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    refs: specs('ValidatingAdmissionPolicyBinding,admissionregistration.k8s.io|spec/policyName|'),
  },
];

export function gvkOf(apiVersion: string, kind: string): Gvk {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion, kind } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1), kind };
}

export function specApplies(fs: FieldSpec, gvk: Gvk): boolean {
  return (!fs.kind || fs.kind === gvk.kind) && (!fs.group || fs.group === gvk.group) && (!fs.version || fs.version === gvk.version);
}

/**
 * Visit every field a spec names in `root`: `visit(parent, key)` gets the map holding the
 * last segment (the value may be missing when the spec creates it). With `create`, missing
 * maps on the way are made, placed at `at`.
 */
export function walkSpec(root: BMap, fs: FieldSpec, at: Place | undefined, visit: (parent: BMap, key: string) => void): void {
  walk(root, fs.path, 0, fs.create ? at : undefined, visit);
}

function walk(node: BNode, path: string[], i: number, create: Place | undefined, visit: (parent: BMap, key: string) => void): void {
  if (node.t === 'seq') {
    for (const item of node.items) walk(item, path, i, create, visit);
    return;
  }
  if (node.t !== 'map') return;
  const seg = path[i]!;
  const isSeq = seg.endsWith('[]');
  const key = isSeq ? seg.slice(0, -2) : seg;
  if (i === path.length - 1 && !isSeq) {
    if (node.pairs.has(key) || create) visit(node, key);
    return;
  }
  let next = node.pairs.get(key)?.value;
  if (!next || (next.t === 'scalar' && next.value === null)) {
    if (!create || isSeq) return;
    next = newMap(create);
    setPair(node, key, next, create);
  }
  if (isSeq && i === path.length - 1) {
    if (next.t === 'seq') for (const item of next.items) if (item.t === 'map') visit(item, '');
    return;
  }
  walk(next, path, i + 1, create, visit);
}
