/** completion: linked values from the index, on lines that do not parse yet too. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionsAt, lineContext } from '../../server/src/core/features/completion';
import { indexOf, uriOf } from './helpers';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
      nodePort: 30080
`;
const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          ports:
            - containerPort: 8080
              name: http
          readinessProbe:
            httpGet:
              port: http
`;
const ING = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: front
  namespace: shop
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`;
const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: shop
spec:
  containers:
    - name: c
      env:
        - name: URL
          value: http://web.shop.svc.cluster.local:80
`;
/** A small shop workspace (Service web → Deployment web; Ingress front; Pod client naming web by DNS). */
const shop: Record<string, string> = { 'svc.yaml': SVC, 'app.yaml': APP, 'ing.yaml': ING, 'client.yaml': CLIENT };

/** The index of `files` (default: shop) and the offset of `needle` (+delta) in `path`. */
function at(path: string, needle: string, delta = 0, files: Record<string, string> = shop) {
  const index = indexOf(files);
  const file = index.getFile(uriOf(path))!;
  const i = file.text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return { index, file, offset: i + delta };
}

describe('completion', () => {
  const labels = (path: string, needle: string, delta: number, files: Record<string, string>): string[] => {
    const { index, file, offset } = at(path, needle, delta, files);
    return completionsAt(index, file, offset).map((c) => c.label).sort();
  };
  it('reads the enclosing keys by indentation, sequences included', () => {
    const text = 'spec:\n  rules:\n  - backendRefs:\n    - name: web\n      port: 8\n';
    assert.deepEqual(lineContext(text, text.indexOf('port: 8') + 7)?.keys, ['spec', 'rules', 'backendRefs']);
    assert.equal(lineContext(text, text.indexOf('port: 8') + 7)?.key, 'port');
  });
  it('targetPort from the matched containers (names and numbers)', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: ') };
    assert.deepEqual(labels('svc.yaml', 'targetPort: ', 12, files), ['8080', 'http']);
  });
  it('selector pairs while typing a key (the line does not parse yet)', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    ap\n') };
    assert.deepEqual(labels('svc.yaml', '    ap\n', 6, files), ['app: web']);
  });
  it('Ingress backend Service names and ports; a free nodePort', () => {
    assert.deepEqual(labels('ing.yaml', 'name: web', 6, shop), ['web']);
    assert.deepEqual(labels('ing.yaml', 'number: 80', 8, shop), ['80']);
    const files = { ...shop, 'svc.yaml': SVC.replace('nodePort: 30080', 'nodePort: ') };
    assert.deepEqual(labels('svc.yaml', 'nodePort: ', 10, files), ['30080']);
    assert.notDeepEqual(labels('svc.yaml', 'nodePort: 30080', 10, shop), ['30080']);
  });
});
