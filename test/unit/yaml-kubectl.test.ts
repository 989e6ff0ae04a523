/**
 * YAML as kubectl (go-yaml) reads it, seen through what a user gets: files kubectl applies
 * are analysed, not dropped with an error the user cannot reproduce, and both readers of
 * the parse seam (the fast block reader, and `yaml` when a document has something the fast
 * one does not read — here a flow map) give the same answer, whatever else the document holds.
 * The snippets are trimmed from real repositories (see the issue "Truth on real files").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getMap, getScalar, getSeq, isMap, type YNode } from '../../server/src/core/model/ytree';
import { readDocument, readYamlDocuments } from '../../server/src/core/parse/readYaml';
import { check, indexOf } from './helpers';

/** kubernetes/dashboard hack/test-resources/init-container-error-pod.yaml: `]'` at the key's column. */
const initContainerPod = `apiVersion: v1
kind: Pod
metadata:
  name: init-container-error
  labels: { app: init }
  annotations:
    pod.beta.kubernetes.io/init-containers: '[
        {
            "name": "install",
            "command": ["/bin/sh", "-c", "exit 1"]
        }
    ]'
spec:
  containers:
    - name: alpine
      image: alpine:3.4
      ports: [{ name: http, containerPort: 8080 }]
`;

/** microservices-demo manifests-monitoring/23-grafana-import-dash-batch.yaml: the same, in a Job's template. */
const grafanaJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: grafana-import-dashboards
spec:
  template:
    metadata:
      labels:
        app: grafana
      annotations:
        pod.beta.kubernetes.io/init-containers: '[
          {
            "name": "wait-for-endpoints",
            "args": ["monitoring", "grafana"]
          }
        ]'
    spec:
      containers:
      - name: grafana-import-dashboards
        image: giantswarm/tiny-tools
        ports:
        - containerPort: 3000
      restartPolicy: Never
`;

const serviceFor = (app: string, targetPort: string | number): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;

/** The same document read by the fast reader and by `yaml` only. */
function bothReaders(text: string): { fast: ReturnType<typeof readDocument>; slow: ReturnType<typeof readDocument> } {
  return { fast: readDocument({ start: 0, text }), slow: readDocument({ start: 0, text }, { fast: false }) };
}

function annotation(root: YNode | undefined, ...path: string[]): unknown {
  return getScalar(root, ...path)?.value;
}

describe('multi-line quoted scalars whose lines are not indented past their key', () => {
  it('are read as kubectl reads them: the Pod and the Job are analysed, and their Services find them', () => {
    assert.deepEqual(
      check({ 'pod.yaml': `${initContainerPod}---\n${serviceFor('init', 'http')}` }).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    assert.deepEqual(
      check({ 'job.yaml': `${grafanaJob}---\n${serviceFor('grafana', 3000)}` }).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('both readers agree on the value, folded as go-yaml folds it, and with a flow map elsewhere too', () => {
    const value = '[ { "name": "install", "command": ["/bin/sh", "-c", "exit 1"] } ]';
    for (const text of [initContainerPod, initContainerPod.replace('  labels: { app: init }', '  labels: { app: init, x: {} }')]) {
      const { fast, slow } = bothReaders(text);
      assert.deepEqual(slow.problems, []);
      assert.deepEqual(fast, slow);
      assert.equal(annotation(slow.root, 'metadata', 'annotations', 'pod.beta.kubernetes.io/init-containers'), value);
    }
    const job = bothReaders(grafanaJob.replace('        app: grafana', '        app: grafana\n        m: {a: 1}'));
    assert.deepEqual(job.fast, job.slow);
    assert.equal(
      annotation(job.slow.root, 'spec', 'template', 'metadata', 'annotations', 'pod.beta.kubernetes.io/init-containers'),
      '[ { "name": "wait-for-endpoints", "args": ["monitoring", "grafana"] } ]',
    );
  });

  it('a quote that never closes is still reported, with the message that says so', () => {
    const [f, ...rest] = check({ 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "open\n' });
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'yaml-syntax');
    assert.match(f!.message, /Missing closing "quote/);
  });

  it('a document marker inside such a scalar ends it, for go-yaml too: an error', () => {
    for (const fast of [true, false]) {
      const doc = readDocument({ start: 0, text: "a: 'x\n... y'\nb: 1\n" }, { fast });
      assert.equal(doc.problems[0]?.rule, 'yaml-syntax');
    }
  });
});

describe('duplicate keys', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: old
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 8080
`;

  it('are a warning at the second key that names the tools that refuse them; the last value is kept, so nothing cascades', () => {
    const found = check({ 'web.yaml': `${deployment}---\n${serviceFor('web', 8080)}` });
    assert.deepEqual(
      found.map((f) => `${f.rule}:${f.line}:${f.severity}`),
      ['yaml-duplicate-key:13:warning'],
    );
    const f = found[0]!;
    assert.equal(f.text, 'app');
    assert.match(f.message, /^Key "app" is given twice in this mapping: remove one of them\. This value replaces the first/);
    assert.match(f.message, /kustomize .* refuse the file: mapping key "app" already defined/);
    assert.deepEqual(
      f.diagnostic.related.map((r) => [r.message, r.span[0]]),
      [['the first "app"', deployment.indexOf('app: old')]],
    );
  });

  it('read the same by both readers, in block and in flow mappings, however large the mapping', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `  k${i}: ${i}\n`).join('');
    for (const text of [deployment, `m:\n${keys}  k3: last\n`, `m:\n  a: 1\n  b: 2\n  a: 3\n`]) {
      const { fast, slow } = bothReaders(text);
      assert.equal(fast.problems.length, 1, text);
      assert.deepEqual(fast, slow);
    }
    const flow = readDocument({ start: 0, text: 'm: {a: 1, b: 2, a: 3}\n' });
    assert.deepEqual(
      flow.problems.map((p) => p.rule),
      ['yaml-duplicate-key'],
    );
    assert.equal(getScalar(flow.root, 'm', 'a')?.value, 3);
    assert.deepEqual([...getMap(flow.root, 'm')!.pairs.keys()], ['a', 'b']);
  });

  it('are found in one pass over a mapping of 40,000 keys that `yaml` reads (counted, not timed)', () => {
    const n = 40_000;
    const pairs = Array.from({ length: n }, (_, i) => `k${i}: ${i}`);
    const text = `metadata: {${pairs.join(', ')}, k7: again}\n`;
    const doc = readDocument({ start: 0, text });
    const m = getMap(doc.root, 'metadata')!;
    assert.equal(m.pairs.size, n);
    assert.equal(getScalar(m, 'k7')?.value, 'again');
    assert.deepEqual(
      doc.problems.map((p) => [p.rule, text.slice(p.span[0], p.span[1])]),
      [['yaml-duplicate-key', 'k7']],
    );
  });
});

describe('a bare `-` in a flow sequence', () => {
  it('is the string "-", as kubectl and kustomize read it, whatever else the document holds', () => {
    const text = 'command: [kubectl, apply, -f, -]\nlist: [-, a, -]\n';
    for (const t of [text, `${text}m: {a: 1}\n`]) {
      for (const fast of [true, false]) {
        const doc = readDocument({ start: 0, text: t }, { fast });
        assert.deepEqual(doc.problems, [], t);
        assert.deepEqual(
          getSeq(doc.root, 'command').map((n) => (n.t === 'scalar' ? n.value : n.t)),
          ['kubectl', 'apply', '-f', '-'],
        );
        assert.deepEqual(
          getSeq(doc.root, 'list').map((n) => (n.t === 'scalar' ? n.value : n.t)),
          ['-', 'a', '-'],
        );
        assert.deepEqual(getSeq(doc.root, 'command')[3]!.span, [30, 31]);
      }
    }
  });

  it('`- ` with a space after it is still no item (go-yaml refuses it too)', () => {
    assert.equal(readDocument({ start: 0, text: 'a: [x, - ]\n' }).problems[0]?.rule, 'yaml-syntax');
  });
});

describe('documents of kinds podpath reads for their header only', () => {
  it('are checked for syntax: an invalid Gateway, PersistentVolume or PersistentVolumeClaim is reported as kubectl refuses it', () => {
    // kubernetes-engine-samples ai-ml/gke-model-armor/configuring-the-gateway/llm-gateway.yaml
    const gateway =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: llm-gateway\nspec:\n      gatewayClassName: gke-l7-regional-external-managed\n      listeners:\n      -   name: http\n        protocol: HTTP\n        port: 80\n';
    const pvc =
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n      name: hdml-static-pvc\nspec:\n      accessModes:\n      -   ReadOnlyMany\n      resources:\n        requests:\n            storage: 300Gi\n          limits: {}\n';
    for (const text of [gateway, pvc])
      assert.deepEqual(
        check({ 'x.yaml': text }).map((f) => f.rule),
        ['yaml-syntax'],
        text,
      );
  });

  it('and a valid one gives nothing', () => {
    assert.deepEqual(
      check({ 'pv.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  capacity: { storage: 1Gi }\n' }),
      [],
    );
  });
});

describe('character-level agreement of the two readers', () => {
  it('a tab after an anchor name ends it: `namespace: &ns<TAB># set by CI` is an empty namespace, not "set by CI"', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: &ns\t# set by CI\nspec:\n  ports:\n    - port: 80\n';
    const { fast, slow } = bothReaders(text);
    assert.deepEqual(fast, slow);
    assert.equal(getScalar(slow.root, 'metadata', 'namespace')?.value, null);
    assert.deepEqual(
      check({ 'web.yaml': text }).map((f) => f.rule),
      [],
    );
    assert.deepEqual(
      [...indexOf({ 'web.yaml': text }).resources()].map((r) => r.namespace),
      ['default'],
    );
  });

  it('U+2028 and U+2029 inside a literal block scalar are text, and the spaces after them stay', () => {
    const text = 'data:\n  a: |\n    one\u2028  two\u2029   three\n    four\n';
    const { fast, slow } = bothReaders(text);
    assert.ok(isMap(fast.root));
    assert.deepEqual(fast, slow);
    assert.equal(getScalar(slow.root, 'data', 'a')?.value, 'one\u2028  two\u2029   three\nfour\n');
  });

  it('`?` alone as a flow-sequence item is a key indicator for both readers', () => {
    const { fast, slow } = bothReaders('a: [x, ?]\nb: [?, y]\n');
    assert.deepEqual(fast, slow);
    assert.equal(getSeq(slow.root, 'a')[1]?.t, 'map');
  });

  it('a `...` line with text after it is an error for both readers', () => {
    for (const text of ['a: 1\n... x\n', 'a:\n  b: 1\n... # end\nc: 2\n']) {
      const { fast, slow } = bothReaders(text);
      assert.deepEqual(fast, slow, text);
    }
  });

  it('readYamlDocuments reads every document of a text and gathers their findings', () => {
    const { docs, problems } = readYamlDocuments('a: 1\na: 2\n---\nb: [\n---\nc: 3\n');
    assert.deepEqual(
      docs.map((d) => d.start),
      [0, 13, 22],
    );
    assert.deepEqual(
      problems.map((p) => p.rule),
      ['yaml-duplicate-key', 'yaml-syntax'],
    );
    assert.equal(getScalar(docs[2]!.root, 'c')?.value, 3);
  });
});
