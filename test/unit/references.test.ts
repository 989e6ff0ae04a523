/** references: who refers to a container port, a Service, a label. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { referencesAt } from '../../server/src/core/features/references';
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

describe('references', () => {
  const refs = (path: string, needle: string, delta: number, decl = true): string[] => {
    const { index, file, offset } = at(path, needle, delta);
    return referencesAt(index, file, offset, decl).map((p) => `${p.file.path}:${lineOf(p.file.text, p.span[0])}`).sort();
  };
  it('container port name → targetPort and probe', () => {
    assert.deepEqual(refs('app.yaml', 'name: http', 7), ['app.yaml:19', 'app.yaml:22', 'svc.yaml:12']);
  });
  it('Service → Ingress backend and DNS reference', () => {
    assert.deepEqual(refs('svc.yaml', 'name: web', 7, false), ['client.yaml:10', 'ing.yaml:13']);
  });
  it('the same from a backend as from the Service', () => {
    assert.deepEqual(refs('ing.yaml', 'name: web', 7), refs('svc.yaml', 'name: web', 7));
  });
  it('pod-template label → the selectors that match it', () => {
    assert.deepEqual(refs('app.yaml', '        app: web', 14, false).filter((r) => r.startsWith('svc')), ['svc.yaml:8']);
  });
});
