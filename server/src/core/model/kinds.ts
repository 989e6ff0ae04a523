/** What kind names say: which are cluster-scoped, built in, routes or listener holders. */
import type { Resource } from './resource';

/** Kinds that have no namespace. */
export const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
  'GatewayClass',
  'PriorityClass',
  'RuntimeClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterIssuer',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'VolumeSnapshotClass',
  'IPAddress',
  'ServiceCIDR',
  'ClusterTrustBundle',
  'DeviceClass',
]);

/** Built-in API groups; objects of any other group are custom resources, which operators may turn into Pods. */
const builtinGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'extensions',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'certificates.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'apiregistration.k8s.io',
  'resource.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'storagemigration.k8s.io',
  'internal.apiserver.k8s.io',
]);

/** Whether an object is a custom resource (its API group is not built in). */
export function isCustomResource(r: Pick<Resource, 'apiVersion'>): boolean {
  const slash = r.apiVersion.lastIndexOf('/');
  return !builtinGroups.has(slash < 0 ? '' : r.apiVersion.slice(0, slash));
}

/** Gateway API route kinds that carry backendRefs. */
export const routeKinds = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

/** Gateway API kinds that hold listeners (`XListenerSet` is the experimental name of ListenerSet). */
export const gatewayKinds = new Set(['Gateway', 'ListenerSet', 'XListenerSet']);
