/** field-type-invalid: the collections of the traffic path must have the API's types. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check } from './helpers';

const rule = 'field-type-invalid';
const found = (text: string): [number, string, string][] => check({ 'x.yaml': text }, rule).map((f) => [f.line, f.text, f.message]);

describe('field-type-invalid', () => {
  it('reports a Service whose ports are a map and whose selector is a list, at each value', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: [a, b]\n  ports:\n    port: 80\n    targetPort: 8080\n';
    assert.deepEqual(found(text), [
      [6, '[a, b]', 'spec.selector must be a map, not a list. The API rejects the Service.'],
      [8, 'port: 80\n    targetPort: 8080\n', 'spec.ports must be a list, not a map. The API rejects the Service.'],
    ]);
  });

  it('reports metadata that is not a map, and labels that are not a map, on any kind it parses', () => {
    assert.deepEqual(
      found('apiVersion: v1\nkind: ConfigMap\nmetadata: 7\n').map((f) => f[2]),
      ['metadata must be a map, not the number 7. The API rejects the ConfigMap.'],
    );
    assert.deepEqual(
      found('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  labels: "app=web"\n').map((f) => f[2]),
      ['metadata.labels must be a map, not the text "app=web". The API rejects the Secret.'],
    );
  });

  it('reports a null Pod template, at its key when it is left empty, and a null jobTemplate', () => {
    const deploy = (t: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:${t}\n`;
    assert.deepEqual(found(deploy(' null')), [[8, 'null', 'spec.template must be a map, not null. The API rejects the Deployment.']]);
    assert.deepEqual(
      found(deploy('')).map((f) => [f[0], f[2]]),
      [[8, 'spec.template must be a map, not null. The API rejects the Deployment.']],
    );
    assert.deepEqual(
      found('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate: ~\n').map(
        (f) => f[2],
      ),
      ['spec.jobTemplate must be a map, not null. The API rejects the CronJob.'],
    );
  });

  it('follows lists to their items, with the index in the path', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      ports: [{containerPort: 80}]\n    - name: b\n      ports: {containerPort: 81}\n      env: "A=1"\n    - just text\n';
    assert.deepEqual(
      found(text).map((f) => f[2]),
      [
        'spec.containers[1].ports must be a list, not a map. The API rejects the Pod.',
        'spec.containers[1].env must be a list, not the text "A=1". The API rejects the Pod.',
        'spec.containers[2] must be a map, not the text "just text". The API rejects the Pod.',
      ],
    );
  });

  it('reports an Ingress backend port written as a number, and rules that are a map', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port: 80\n';
    assert.deepEqual(
      found(text).map((f) => f[2]),
      ['spec.rules[0].http.paths[0].backend.service.port must be a map, not the number 80. The API rejects the Ingress.'],
    );
    assert.equal(found('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules: {http: 1}\n').length, 1);
  });

  it('reports NetworkPolicy peers and route backendRefs of the wrong type', () => {
    const np =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\nspec:\n  podSelector: []\n  ingress:\n    - from: {podSelector: {}}\n';
    assert.deepEqual(
      found(np).map((f) => f[2]),
      [
        'spec.podSelector must be a map, not a list. The API rejects the NetworkPolicy.',
        'spec.ingress[0].from must be a list, not a map. The API rejects the NetworkPolicy.',
      ],
    );
    const route =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n    - backendRefs: {name: web, port: 80}\n';
    assert.deepEqual(
      found(route).map((f) => f[2]),
      ['spec.rules[0].backendRefs must be a list, not a map. The API rejects the HTTPRoute.'],
    );
  });

  it('reports numbers in quotes where the API wants an integer, says "remove the quotes", and resolves them as numbers', () => {
    // Helm's `| quote` writes these; JSON decoding into an int32 field fails.
    const files = {
      's.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - {port: "80", targetPort: 8080, nodePort: "30080"}\n',
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: nginx, ports: [{containerPort: "8080"}]}]\n',
      'i.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  defaultBackend: {service: {name: web, port: {number: "80"}}}\n',
    };
    const found = check(files);
    assert.deepEqual(
      found.map((f) => [f.rule, f.file, f.text]),
      [
        ['field-type-invalid', 's.yaml', '"80"'],
        ['field-type-invalid', 's.yaml', '"30080"'],
        ['field-type-invalid', 'd.yaml', '"8080"'],
        ['field-type-invalid', 'i.yaml', '"80"'],
      ],
      'no cascade: the Service reaches port 8080, the Ingress port 80',
    );
    assert.match(
      found[2]!.message,
      /^containerPort "8080" is a string where an integer belongs: remove the quotes\. The API rejects the Deployment /,
    );
    assert.equal(found[1]!.diagnostic.fixes[0]!.title, 'Remove the quotes: nodePort: 30080');
    const fixed = applyFix(files, found[2]!.diagnostic, /Remove the quotes/);
    assert.match(fixed['d.yaml']!, /containerPort: 8080\}/);
  });

  it('is silent on well-typed objects, empty values and kinds it does not parse', () => {
    const ok =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: d\n          image: x\n          ports:\n          env: []\n';
    assert.deepEqual(found(ok), []);
    assert.deepEqual(found('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  ports: {a: 1}\n'), []);
  });
});
