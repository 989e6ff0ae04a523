/** rename: port names and Services, everything that must change together; refusals. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { prepareRenameAt, renameAt } from '../../server/src/core/features/rename';
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

describe('rename', () => {
  const edits = (path: string, needle: string, delta: number, to: string): string[] | string => {
    const { index, file, offset } = at(path, needle, delta);
    const r = renameAt(index, file, offset, to);
    return 'error' in r ? r.error : r.map((e) => `${e.file.path}:${lineOf(e.file.text, e.span[0])}:${e.file.text.slice(e.span[0], e.span[1])}`).sort();
  };
  it('a port name: container port, targetPort, probe', () => {
    assert.deepEqual(edits('svc.yaml', 'targetPort: http', 13, 'web'), ['app.yaml:19:http', 'app.yaml:22:http', 'svc.yaml:12:http']);
  });
  it('a Service: name, backend, DNS reference', () => {
    assert.deepEqual(edits('ing.yaml', 'name: web', 7, 'shop'), ['client.yaml:10:web', 'ing.yaml:13:web', 'svc.yaml:3:web']);
  });
  it('refuses numbers, invalid names and taken names', () => {
    const { index, file, offset } = at('svc.yaml', 'port: 80', 6);
    assert.match(JSON.stringify(prepareRenameAt(index, file, offset)), /only port names/);
    assert.match(String(edits('app.yaml', 'name: http', 7, 'Not_Valid')), /not a valid port name/);
    assert.match(String(edits('svc.yaml', 'name: web', 7, '9web')), /not a valid Service name/);
  });
  it('prepareRename gives the range and placeholder', () => {
    const { index, file, offset } = at('app.yaml', 'name: http', 7);
    assert.deepEqual(prepareRenameAt(index, file, offset), { span: [offset - 1, offset + 3], placeholder: 'http' });
  });
});
