/**
 * The small shop workspace the feature tests share (Service web → Deployment web; Ingress
 * front; Pod client naming web by DNS), and `at`, which finds a cursor in it.
 */
import { indexOf, uriOf } from './helpers';

export const SVC = `apiVersion: v1
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
export const APP = `apiVersion: apps/v1
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
export const ING = `apiVersion: networking.k8s.io/v1
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
export const CLIENT = `apiVersion: v1
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
export const shop: Record<string, string> = { 'svc.yaml': SVC, 'app.yaml': APP, 'ing.yaml': ING, 'client.yaml': CLIENT };

/** The index of `files` (default: shop) and the offset of `needle` (+delta) in `path`. */
export function at(path: string, needle: string, delta = 0, files: Record<string, string> = shop) {
  const index = indexOf(files);
  const file = index.getFile(uriOf(path))!;
  const i = file.text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return { index, file, offset: i + delta };
}

/** 0-based line of `offset` in `text`. */
export const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;
