/** inlayHints: where targetPorts land, how many workloads a selector matches. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inlayHintsOf } from '../../server/src/core/features/inlayHints';
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

describe('inlayHints', () => {
  const hints = (files: Record<string, string> = shop): string[] => {
    const { index, file } = at('svc.yaml', 'kind', 0, files);
    return inlayHintsOf(index, file, [0, file.text.length]).map((h) => `${lineOf(file.text, h.offset)}:${h.label}`);
  };
  it('after targetPort and after selector', () => {
    assert.deepEqual(hints(), ['7:1 workload', '12:→ nginx:8080']);
  });
  it('matches nothing', () => {
    assert.deepEqual(hints({ ...shop, 'svc.yaml': SVC.replace('app: web', 'app: nope') }), ['7:matches nothing']);
  });
});
