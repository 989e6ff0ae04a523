/**
 * The kube-linter and kube-score fixtures that exercise the rules of "Services and their
 * pods" and "Node-level ports" (test/corpus/peer-fixtures, expectations in
 * KUBELINTER-EXPECTED.md / KUBESCORE-EXPECTED.md). Each fixture file is its own workspace,
 * as those tools lint it. Where podpath's spec deliberately differs, the test asserts
 * podpath's answer and says why.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { peerFixtures } from '../corpus';
import { check, type Found } from './helpers';

const peers = peerFixtures;
const linter = 'stackrox__kube-linter/tests/checks';
const score = 'zegl__kube-score/score/testdata';

/** The findings of one rule on one fixture file, as `line text`. */
function run(path: string, rule: string): string[] {
  const found: Found[] = check({ [path]: readFileSync(resolve(peers, path), 'utf8') }, rule);
  return found.map((f) => `${f.line} ${f.text}`);
}

describe('kube-linter fixtures', () => {
  it('dangling-service: Services app1 and app2 select nothing; dont-fire matches a template without a pod spec', () => {
    assert.deepEqual(run(`${linter}/dangling-service.yml`, 'service-selector-no-match'), ['42 app', '63 app']);
  });

  it('mismatching-selector: Deployment app1 fires', () => {
    // kube-linter also flags DeploymentConfig app2; rules.md checks only Deployment,
    // ReplicaSet, StatefulSet and DaemonSet, so podpath leaves the OpenShift kind alone.
    assert.deepEqual(run(`${linter}/mismatching-selector.yml`, 'workload-selector-mismatch'), ['40 app1']);
  });

  it('invalid-target-ports: the same invalid names, the out-of-range targetPort, and more', () => {
    const path = `${linter}/invalid-target-ports.yaml`;
    assert.deepEqual(run(path, 'port-name-invalid'), ["11 'n234567890123456'", "26 'n234567890123456'", "28 '123456'"]);
    // kube-linter does not check containerPort 123456; the API rejects it, and rules.md lists containerPort.
    assert.deepEqual(run(path, 'port-number-invalid'), ['10 123456', '29 123456']);
    // The Service has four unnamed ports, which the API rejects; kube-linter has no such check.
    assert.equal(run(path, 'service-port-name-missing').length, 4);
    // The Services there have no selectors: nothing to resolve.
    assert.deepEqual(run(path, 'service-target-port-not-found'), []);
    assert.deepEqual(run(path, 'service-selector-no-match'), []);
  });

  for (const [file, lines] of [
    ['liveness-port.yml', ['28 http', '45 udp', '66 healthcheck']],
    ['readiness-port.yml', ['27 http', '44 udp']],
    ['startup-port.yml', ['27 http', '44 udp']],
  ] as const) {
    it(`${file}: undeclared probe port names fire`, () => {
      // kube-linter also fires on `port: 8080` and a grpc probe number (numbers: the kubelet
      // connects to them whether declared or not), so podpath is silent there. The tcpSocket
      // probe of the port named udp, declared as UDP, fails: both report it.
      assert.deepEqual(run(`${linter}/${file}`, 'probe-port-not-found'), lines);
    });
  }

  it('exposed-services: a NodePort type alone is not a node-port problem', () => {
    for (const rule of ['node-port-out-of-range', 'node-port-conflict', 'node-port-not-allowed'])
      assert.deepEqual(run(`${linter}/exposed-services.yml`, rule), []);
  });
});

describe('kube-score fixtures', () => {
  const ok = [
    'service-target-deployment.yaml',
    'service-target-pod.yaml',
    'service-target-pod-multi-label.yaml',
    'service-target-pod-same-namespace.yaml',
    'service-target-deployment-same-namespace.yaml',
    'service-externalname.yaml',
  ];
  for (const file of ok) {
    it(`${file}: the Service targets its Pods (AllOK)`, () => {
      assert.deepEqual(run(`${score}/${file}`, 'service-selector-no-match'), []);
      // targetPort 8080 while the containers declare no ports at all: unknown, so silent.
      assert.deepEqual(run(`${score}/${file}`, 'service-target-port-not-found'), []);
    });
  }

  const critical: [string, string][] = [
    ['service-not-target-deployment.yaml', '21 my-app-no-match'],
    ['service-not-target-pod.yaml', '18 my-app-not-matching'],
    ['service-not-target-pod-multi-label.yaml', '20 bar-not-matching'],
    // The Pods are in another namespace: the Service's own namespace has no template.
    ['service-target-pod-different-namespace.yaml', '20 app: my-app'],
    ['service-target-deployment-different-namespace.yaml', '23 app: my-app'],
  ];
  for (const [file, finding] of critical) {
    it(`${file}: the Service targets no Pod (Critical)`, () => {
      assert.deepEqual(run(`${score}/${file}`, 'service-selector-no-match'), [finding]);
    });
  }

  it('statefulset-service-name: a headless Service of that name (AllOK)', () => {
    assert.deepEqual(run(`${score}/statefulset-service-name.yaml`, 'statefulset-service-not-found'), []);
    assert.deepEqual(run(`${score}/statefulset-service-name.yaml`, 'workload-selector-mismatch'), []);
  });

  it('statefulset-service-name-different-name: no such Service (Critical)', () => {
    assert.deepEqual(run(`${score}/statefulset-service-name-different-name.yaml`, 'statefulset-service-not-found'), ['22 svc-test-1']);
  });

  it('statefulset-service-name-not-headless: Critical in kube-score, info in podpath', () => {
    // rules.md: a Service that exists but is not headless is worth knowing, not an error.
    const found = check(
      { f: readFileSync(resolve(peers, score, 'statefulset-service-name-not-headless.yaml'), 'utf8') },
      'statefulset-service-not-found',
    );
    assert.deepEqual(
      found.map((f) => [f.severity, f.text]),
      [['info', 'svc-test-1']],
    );
  });

  it('statefulset-service-name-different-label: the Service selects nothing, the StatefulSet mismatches itself', () => {
    const path = `${score}/statefulset-service-name-different-label.yaml`;
    // kube-score reports it as "has ServiceName"; podpath says what is actually wrong.
    assert.deepEqual(run(path, 'statefulset-service-not-found'), []);
    // app=bar is no near value of app=foo: no "closest" to point into, so the whole pair.
    assert.deepEqual(run(path, 'service-selector-no-match'), ['8 app: foo']);
    assert.deepEqual(run(path, 'workload-selector-mismatch'), ['21 foo']);
  });

  it('statefulset-service-name-different-namespace: the Service is in default, the StatefulSet in ns-test-1', () => {
    assert.deepEqual(run(`${score}/statefulset-service-name-different-namespace.yaml`, 'statefulset-service-not-found'), ['24 svc-test-1']);
  });

  it('statefulset-different-labels: selector and template labels differ (Critical)', () => {
    assert.deepEqual(run(`${score}/statefulset-different-labels.yaml`, 'workload-selector-mismatch'), ['8 foo']);
  });

  it('pod-container-ports: a name longer than 15 characters fires; the valid file is silent', () => {
    assert.deepEqual(run(`${score}/pod-container-ports-name-too-long.yaml`, 'port-name-invalid'), [
      '23 my-very-long-port-name-exceeds-fifteen-characters',
    ]);
    for (const rule of ['port-name-invalid', 'port-number-invalid', 'host-port-conflict', 'host-port-scheduling'])
      assert.deepEqual(run(`${score}/pod-container-ports-ok.yaml`, rule), []);
  });
});
