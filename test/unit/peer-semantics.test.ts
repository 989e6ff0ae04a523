/**
 * Peer fixtures that podpath used to miss (issue 14), trimmed to what the check needs and
 * kept inline so that the test runs without ../shared:
 * - derailed/popeye @ 5d07838 (Apache-2.0), internal/lint/testdata: net/np/1.yaml (a
 *   NetworkPolicyList) with core/pod/1.yaml (a List of Pods), and net/ingress/1.yaml's ing4
 *   (a v1 backend without port); expectations from internal/lint/np_test.go and ing_test.go.
 * - stackrox/kube-linter @ 35de568 (Apache-2.0), tests/checks/liveness-port.yml's
 *   fire-deployment-udp (a tcpSocket probe on a port declared UDP); e2etests/bats-tests.sh.
 * - zegl/kube-score @ 06dedc9 (MIT), score/testdata/ingress_issue363.yaml and
 *   ingress-v1-invalid-backend.yaml: networking.k8s.io/v1 with serviceName/servicePort,
 *   Critical in score/ingress_test.go.
 * Design choices that stay misses (documented in the rule pages): numeric probe ports not
 * declared, peers with a namespaceSelector, policies in namespaces without Pod templates,
 * OpenShift kinds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const run = (files: Record<string, string>, rules: RegExp = /./): string[] =>
  check(files)
    .filter((f) => rules.test(f.rule))
    .map((f) => `${f.rule} ${f.line} ${f.text}`);

describe('Popeye fixtures', () => {
  const pods = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p1
    namespace: default
    labels:
      app: p1
  spec:
    containers:
    - name: c1
      image: alpine
      ports:
      - containerPort: 9090
        name: http
`;
  it('net/np/1.yaml: the items of a NetworkPolicyList are policies (POP-1200 p-bozo, POP-1208 p1-missing)', () => {
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: np1
    namespace: default
  spec:
    podSelector:
      matchLabels:
        app: p1
    ingress:
    - from:
      - namespaceSelector:
          matchLabels:
            ns: default
        podSelector:
          matchLabels:
            app: p1
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: np3
    namespace: default
  spec:
    podSelector:
      matchLabels:
        app: p-bozo
    ingress:
    - from:
      - namespaceSelector:
          matchExpressions:
            - {key: app, operator: In, values: [ns-bozo]}
        podSelector:
          matchLabels:
            app: pod-bozo
    egress:
    - to:
      - podSelector:
          matchLabels:
            app: p1-missing
`;
    // pod-bozo goes with a namespaceSelector: its Pods live in other namespaces, not judged (a design choice).
    assert.deepEqual(run({ 'np.yaml': policies, 'pod.yaml': pods }, /^networkpolicy-/), [
      'networkpolicy-selector-no-match 29 app: p-bozo',
      'networkpolicy-peer-no-match 42 app: p1-missing',
    ]);
  });

  it('net/ingress/1.yaml ing4: a v1 backend service without port (POP-1404)', () => {
    const ing = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: svc2
    namespace: default
  spec:
    ports:
    - {name: http, port: 9090}
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: ing4
    namespace: default
  spec:
    ingressClassName: nginx
    rules:
    - http:
        paths:
        - path: /testpath
          pathType: Prefix
          backend:
            service:
              name: svc2
`;
    assert.deepEqual(run({ 'ing.yaml': ing }, /^ingress-/), ['ingress-backend-invalid 25 service']);
  });
});

describe('kube-linter fixtures', () => {
  it('liveness-port.yml fire-deployment-udp: a tcpSocket probe on the port named udp, declared UDP', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fire-deployment
spec:
  template:
    spec:
      containers:
        - name: fire-deployment-udp
          ports:
          - containerPort: 9999
            name: udp
            protocol: UDP
          livenessProbe:
            tcpSocket:
              port: udp
`;
    assert.deepEqual(run({ 'd.yaml': deploy }, /^probe-/), ['probe-port-not-found 16 udp']);
  });
});

describe('kube-score fixtures', () => {
  it('ingress_issue363 / ingress-v1-invalid-backend: networking.k8s.io/v1 with serviceName/servicePort (Critical)', () => {
    const ing = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: whatever
spec:
  rules:
    - host: abc.example.test
      http:
        paths:
          - path: /
            backend:
              serviceName: abc
              servicePort: def
`;
    assert.deepEqual(run({ 'i.yaml': ing }), ['ingress-backend-invalid 12 serviceName']);
  });
});
