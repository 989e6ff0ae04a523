/** Every rule of docs/rules.md, one file each. The ids are a public contract. */
import type { RuleMeta } from '../model/finding';
import type { Rule } from './rule';
import { rule as serviceSelectorNoMatch } from './service-selector-no-match';
import { rule as serviceTargetPortNotFound } from './service-target-port-not-found';
import { rule as servicePortProtocolMismatch } from './service-port-protocol-mismatch';
import { rule as servicePortNameMissing } from './service-port-name-missing';
import { rule as servicePortDuplicate } from './service-port-duplicate';
import { rule as portNameInvalid } from './port-name-invalid';
import { rule as portNumberInvalid } from './port-number-invalid';
import { rule as workloadSelectorMismatch } from './workload-selector-mismatch';
import { rule as statefulsetServiceNotFound } from './statefulset-service-not-found';
import { rule as probePortNotFound } from './probe-port-not-found';
import { rule as nodePortOutOfRange } from './node-port-out-of-range';
import { rule as nodePortConflict } from './node-port-conflict';
import { rule as nodePortNotAllowed } from './node-port-not-allowed';
import { rule as hostPortConflict } from './host-port-conflict';
import { rule as hostPortScheduling } from './host-port-scheduling';
import { rule as ingressBackendServiceNotFound } from './ingress-backend-service-not-found';
import { rule as ingressBackendPortNotFound } from './ingress-backend-port-not-found';
import { rule as ingressBackendInvalid } from './ingress-backend-invalid';
import { rule as ingressTlsSecretNotFound } from './ingress-tls-secret-not-found';
import { rule as ingressTlsHostNotCovered } from './ingress-tls-host-not-covered';
import { rule as routeBackendServiceNotFound } from './route-backend-service-not-found';
import { rule as routeBackendPortNotFound } from './route-backend-port-not-found';
import { rule as routeBackendNotPermitted } from './route-backend-not-permitted';
import { rule as routeParentNotFound } from './route-parent-not-found';
import { rule as routeNotAccepted } from './route-not-accepted';
import { rule as routeBackendPortMissing } from './route-backend-port-missing';
import { rule as gatewayListenerConflict } from './gateway-listener-conflict';
import { rule as gatewayTlsSecretNotFound } from './gateway-tls-secret-not-found';
import { rule as gatewayTlsSecretNotPermitted } from './gateway-tls-secret-not-permitted';
import { rule as gatewayClassNotFound } from './gateway-class-not-found';
import { rule as backendtlspolicyTargetNotFound } from './backendtlspolicy-target-not-found';
import { rule as networkpolicySelectorNoMatch } from './networkpolicy-selector-no-match';
import { rule as networkpolicyPeerNoMatch } from './networkpolicy-peer-no-match';
import { rule as networkpolicyPortNotFound } from './networkpolicy-port-not-found';
import { rule as serviceBlockedByNetworkpolicy } from './service-blocked-by-networkpolicy';
import { rule as serviceReferenceNotFound } from './service-reference-not-found';
import { rule as serviceReferencePortNotFound } from './service-reference-port-not-found';
import { rule as fieldTypeInvalid } from './field-type-invalid';
import { rule as duplicateObject } from './duplicate-object';

export const allRules: readonly Rule[] = [
  serviceSelectorNoMatch,
  serviceTargetPortNotFound,
  servicePortProtocolMismatch,
  servicePortNameMissing,
  servicePortDuplicate,
  portNameInvalid,
  portNumberInvalid,
  workloadSelectorMismatch,
  statefulsetServiceNotFound,
  probePortNotFound,
  nodePortOutOfRange,
  nodePortConflict,
  nodePortNotAllowed,
  hostPortConflict,
  hostPortScheduling,
  ingressBackendServiceNotFound,
  ingressBackendPortNotFound,
  ingressBackendInvalid,
  ingressTlsSecretNotFound,
  ingressTlsHostNotCovered,
  routeBackendServiceNotFound,
  routeBackendPortNotFound,
  routeBackendNotPermitted,
  routeParentNotFound,
  routeNotAccepted,
  routeBackendPortMissing,
  gatewayListenerConflict,
  gatewayTlsSecretNotFound,
  gatewayTlsSecretNotPermitted,
  gatewayClassNotFound,
  backendtlspolicyTargetNotFound,
  networkpolicySelectorNoMatch,
  networkpolicyPeerNoMatch,
  networkpolicyPortNotFound,
  serviceBlockedByNetworkpolicy,
  serviceReferenceNotFound,
  serviceReferencePortNotFound,
  fieldTypeInvalid,
  duplicateObject,
];

/** Findings that come from the file, not from a rule run. */
export const fileRules: readonly RuleMeta[] = [
  { id: 'yaml-syntax', severity: 'error', description: 'The YAML of a document cannot be parsed; kubectl would reject the file.' },
  {
    id: 'yaml-duplicate-key',
    severity: 'warning',
    description: 'A key is given twice in one mapping: kubectl keeps the last value, kustomize refuses the file.',
  },
  { id: 'file-skipped', severity: 'info', description: 'A file was not analysed: too large (setting podpath.maxFileSize) or not text.' },
  {
    id: 'helm-render',
    severity: 'error',
    description:
      'A Helm chart does not render as Helm would render it: a template error, `required`/`fail`, values that are not YAML, or a renderer limit.',
    severityNote:
      'error when the chart does not render; warning for a dependency that is not vendored under charts/ (the chart is rendered without it)',
  },
  {
    id: 'kustomize-build',
    severity: 'error',
    description: 'A kustomization of an apply unit cannot be built as kustomize builds it, or podpath left a part of it out.',
    severityNote:
      'error where kustomize refuses the build; info for what podpath does not evaluate (remote bases, helmCharts, plugins, files other than YAML)',
  },
];

/** Every rule's meta, for docs, SARIF and settings. */
export const allRuleMetas: readonly RuleMeta[] = [...fileRules, ...allRules.map((r) => r.meta)];

export const ruleIds: readonly string[] = allRuleMetas.map((m) => m.id);

/** The repository; package.json's `repository` says the same (the manifest test checks). */
export const repositoryUrl = 'https://github.com/podpath/podpath';

/** A rule's page, docs/rules/<id>.md: linked from diagnostics (`codeDescription`), SARIF (`helpUri`) and settings. */
export function ruleDocsUrl(id: string): string {
  return `${repositoryUrl}/blob/main/docs/rules/${id}.md`;
}
