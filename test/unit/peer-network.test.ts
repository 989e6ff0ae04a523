/**
 * The kube-linter and kube-score fixtures that exercise the rules of "Ingress and Gateway
 * API" and "NetworkPolicy" (test/corpus/peer-fixtures, expectations in
 * KUBELINTER-EXPECTED.md / KUBESCORE-EXPECTED.md). Each fixture file is its own
 * workspace, as those tools lint it. Where podpath's spec deliberately differs, the test
 * asserts podpath's answer and says why.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { peerFixtures } from '../corpus';
import { check } from './helpers';

const peers = peerFixtures;
const linter = 'stackrox__kube-linter/tests/checks';
const score = 'zegl__kube-score/score/testdata';

/** The rules of this group. */
const network = /^(ingress-|route-|networkpolicy-|service-blocked-|service-reference-)/;

/** The findings of this group's rules on one fixture file, as `rule line text`. */
function run(path: string, extra: Record<string, string> = {}): string[] {
  return check({ [path]: readFileSync(resolve(peers, path), 'utf8'), ...extra })
    .filter((f) => network.test(f.rule))
    .map((f) => `${f.rule} ${f.line} ${f.text}`);
}

describe('kube-linter fixtures', () => {
  it('dangling-ingress: Service "missing" does not exist, Service bad-port has no port 8080; the dont-fire Ingresses pass', () => {
    assert.deepEqual(run(`${linter}/dangling-ingress.yml`), [
      'ingress-backend-service-not-found 76 missing',
      'ingress-backend-port-not-found 102 8080',
    ]);
  });

  // A file holding only a NetworkPolicy says nothing about where the Pods are: kube-linter
  // calls it dangling, podpath stays silent until some Pod of the namespace is in the workspace.
  const someDeployment = {
    'other.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other}\nspec:\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: c}]}\n',
  };

  it('dangling-networkpolicy: the podSelector matches no Pod', () => {
    assert.deepEqual(run(`${linter}/dangling-networkpolicy.yml`), []);
    assert.deepEqual(run(`${linter}/dangling-networkpolicy.yml`, someDeployment), [
      'networkpolicy-selector-no-match 8 app.kubernetes.io/name: app1',
    ]);
  });

  it('dangling-networkpolicypeer-podselector: the peer app2 matches no Pod', () => {
    // kube-linter reports the dangling spec.podSelector (app1) under its other check,
    // dangling-networkpolicy; podpath reports both here, each under its own rule.
    assert.deepEqual(run(`${linter}/dangling-networkpolicypeer-podselector.yml`), []);
    assert.deepEqual(run(`${linter}/dangling-networkpolicypeer-podselector.yml`, someDeployment), [
      'networkpolicy-selector-no-match 8 app.kubernetes.io/name: app1',
      'networkpolicy-peer-no-match 13 app.kubernetes.io/name: app2',
    ]);
  });

  it('non-isolated-pod: both policies select their workloads (a DeploymentConfig included)', () => {
    // kube-linter's finding here (workloads without any policy) is not a podpath rule;
    // what podpath checks — that each policy selects something — holds.
    assert.deepEqual(run(`${linter}/non-isolated-pod.yml`), []);
  });
});

describe('kube-score fixtures: Ingress targets Service', () => {
  for (const v of ['ingress-targets-service', 'ingress-networkingv1beta1-targets-service', 'ingress-networkingv1-targets-service']) {
    it(`${v}: AllOK`, () => assert.deepEqual(run(`${score}/${v}.yaml`), []));
  }

  it('the -no-match variants: Critical, on the backend that names no Service (all API versions)', () => {
    assert.deepEqual(run(`${score}/ingress-networkingv1-targets-service-no-match.yaml`), [
      'ingress-backend-service-not-found 20 app-service-123123',
    ]);
    assert.deepEqual(run(`${score}/ingress-networkingv1beta1-targets-service-no-match.yaml`), [
      'ingress-backend-service-not-found 17 app-service-123123',
    ]);
    assert.deepEqual(run(`${score}/ingress-targets-service-no-match.yaml`), ['ingress-backend-service-not-found 17 app-service-123123']);
  });

  it('ingress-v1-invalid-backend: Critical — networking.k8s.io/v1 with serviceName, and Service abc is not in the workspace', () => {
    // The old fields alone are an error in v1, whatever else is in the workspace.
    assert.deepEqual(run(`${score}/ingress-v1-invalid-backend.yaml`), ['ingress-backend-invalid 12 serviceName']);
    // Alone, the Ingress's Services may be deployed from elsewhere: the missing Service is
    // reported once some Service of the namespace is in the workspace.
    const other = { 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: other}\nspec: {ports: [{port: 80}]}\n' };
    assert.deepEqual(run(`${score}/ingress-v1-invalid-backend.yaml`, other), [
      'ingress-backend-invalid 12 serviceName',
      'ingress-backend-service-not-found 12 abc',
    ]);
  });

  it('ingress_issue363: Critical — networking.k8s.io/v1 has no serviceName/servicePort', () => {
    // kube-score grades it Critical; the API rejects the Ingress (the backend names neither
    // service nor resource). The link itself resolves: Service app-service has the port named
    // http, so nothing else is reported. The TLS entry covers the rule host, no secretName.
    assert.deepEqual(run(`${score}/ingress_issue363.yaml`), ['ingress-backend-invalid 14 serviceName']);
  });

  it('ingress_issue388: AllOK — a rule without http has no backend to check', () => {
    assert.deepEqual(run(`${score}/ingress_issue388.yaml`), []);
  });
});

describe('kube-score fixtures: NetworkPolicy targets Pod', () => {
  const allOk = [
    'networkpolicy-targets-pod',
    'networkpolicy-targets-pod-deployment',
    'networkpolicy-deployment-matching',
    'networkpolicy-statefulset-matching',
    'networkpolicy-cronjob-matching',
    'networkpolicy-targets-all-pods',
    'networkpolicy-matching',
    'networkpolicy-matching-only-ingress',
    'networkpolicy-matching-only-egress',
  ];
  for (const v of allOk) it(`${v}: AllOK`, () => assert.deepEqual(run(`${score}/${v}.yaml`), []));

  it('the not-matching variants: Critical, at the policy selector (Pod, Deployment, StatefulSet, CronJob)', () => {
    assert.deepEqual(run(`${score}/networkpolicy-targets-pod-not-matching.yaml`), ['networkpolicy-selector-no-match 9 app: not-testapp']);
    for (const kind of ['deployment', 'statefulset', 'cronjob']) {
      assert.deepEqual(
        run(`${score}/networkpolicy-${kind}-not-matching-selector.yaml`),
        ['networkpolicy-selector-no-match 9 app: foo'],
        kind,
      );
    }
  });

  it('networkpolicy-not-matching: podpath does not guess what a plain-map podSelector selects', () => {
    // kube-score grades "Pod NetworkPolicy" Critical (the Pod has no policy), which is not
    // a podpath rule. The policy's `podSelector: {app: testapp}` lacks matchLabels; the
    // API rejects that field, so podpath treats the selector as unreadable and stays
    // silent rather than guess (and the Pod is in namespace default, the policy in testspace).
    assert.deepEqual(run(`${score}/networkpolicy-not-matching.yaml`), []);
  });
});
