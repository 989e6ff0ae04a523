/** definition: where each kind of reference leads. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definitionAt } from '../../server/src/core/features/definition';
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
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;

describe('definition', () => {
  const defs = (path: string, needle: string, delta: number, files?: Record<string, string>): string[] => {
    const { index, file, offset } = at(path, needle, delta, files);
    return definitionAt(index, file, offset).map((p) => `${p.file.path}:${lineOf(p.file.text, p.span[0])}:${p.file.text.slice(p.span[0], p.span[1])}`);
  };
  it('targetPort → the container port (by name)', () => {
    assert.deepEqual(defs('svc.yaml', 'targetPort: http', 13), ['app.yaml:19:http']);
  });
  it('selector key and value → the matching pod-template labels', () => {
    assert.deepEqual(defs('svc.yaml', 'app: web', 1), ['app.yaml:13:app']);
    assert.deepEqual(defs('svc.yaml', 'app: web', 6), ['app.yaml:13:web']);
  });
  it('Ingress backend name → Service, its port → the Service port', () => {
    assert.deepEqual(defs('ing.yaml', 'name: web', 7), ['svc.yaml:3:web']);
    assert.deepEqual(defs('ing.yaml', 'number: 80', 9), ['svc.yaml:11:80']);
  });
  it('DNS reference → Service and port; probe port → container port', () => {
    assert.deepEqual(defs('client.yaml', 'web.shop', 1), ['svc.yaml:3:web', 'svc.yaml:11:80']);
    assert.deepEqual(defs('app.yaml', 'port: http', 7), ['app.yaml:19:http']);
  });
  it('nothing across namespaces', () => {
    const files = { ...shop, 'ing.yaml': ING.replace('namespace: shop', 'namespace: other') };
    assert.deepEqual(defs('ing.yaml', 'name: web', 7, files), []);
  });
});
